// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The results tab: every run of the experiment with its statistics, sortable by value.

#include <QTableView>

class QSortFilterProxyModel;

namespace chunkscope::ui {

class ResultsModel;

class ResultsTable : public QTableView {
    Q_OBJECT
public:
    explicit ResultsTable(ResultsModel* model, QWidget* parent = nullptr);

    QSortFilterProxyModel* proxy() const { return proxy_; }

private:
    QSortFilterProxyModel* proxy_;
};

} // namespace chunkscope::ui
