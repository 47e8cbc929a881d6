// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultstable.h"

#include "resultsmodel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace chunkscope::ui {

ResultsTable::ResultsTable(ResultsModel* model, QWidget* parent)
    : QTableView(parent), proxy_(new QSortFilterProxyModel(this))
{
    proxy_->setSourceModel(model);
    proxy_->setSortRole(ResultsModel::ValueRole);   // numbers sort as numbers, not as text
    setModel(proxy_);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder);   // run order until a header is clicked
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    setToolTip(tr("Every run of the experiment; click a header to sort by it"));
}

} // namespace chunkscope::ui
