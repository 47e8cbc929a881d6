// SPDX-License-Identifier: GPL-3.0-or-later
#include "classview.h"

#include "classfiles.h"
#include "heatmapchart.h"
#include "heatmapgrid.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/plan.h"

#include <QChartView>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// "16 splits × chunksize 8, 2 workers"; the strategy first where the report holds several
// (a comparison's).
QString bestCellText(const CellResult& c, const std::vector<CellResult>& report)
{
    const GridPoint p = grid_point(c.config);
    const bool several = std::any_of(report.begin(), report.end(), [&](const CellResult& r) {
        return needs_baseline(r.config) && r.config.strategy != c.config.strategy;
    });
    const QString grid = p.splits == 1 ? ClassView::tr("1 split × chunksize %1").arg(formatCount(p.chunksize))
                                       : ClassView::tr("%1 splits × chunksize %2")
                                             .arg(formatCount(p.splits), formatCount(p.chunksize));
    const QString where = several ? qs(to_string(c.config.strategy)) + u" "_s + grid : grid;
    return c.config.workers == 1 ? ClassView::tr("%1, 1 worker").arg(where)
                                 : ClassView::tr("%1, %2 workers").arg(where).arg(c.config.workers);
}

QTableWidgetItem* item(const QString& text, const QString& toolTip, bool number = false)
{
    auto* it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    it->setToolTip(toolTip);
    if (number)
        it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

} // namespace

ClassView::ClassView(ClassResults results, QWidget* parent) : QDialog(parent), results_(std::move(results))
{
    setObjectName(u"classView"_s);
    setWindowTitle(tr("Class results — Chunkscope"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * kSmallMultiplesFontScale);
    setFont(big);

    auto* layout = new QVBoxLayout(this);
    auto* title = new QLabel(this);
    title->setObjectName(u"classTitle"_s);
    title->setWordWrap(true);
    title->setTextFormat(Qt::RichText);
    if (results_.machines.empty()) {
        title->setText(tr("<b>No report with results to put side by side.</b>"));
    } else {
        const auto& first = results_.reports[results_.machines.front().report].report.results;
        const int n = static_cast<int>(results_.machines.size());
        title->setText((n == 1 ? tr("<b>1 machine, one experiment:</b> %1.")
                               : tr("<b>%1 machines, one experiment:</b> %2.").arg(n))
                           .arg(qs(describe_experiment(first)).toHtmlEscaped()) +
                       u" "_s + tr("One colour scale for every heatmap; the outlined cell is each machine's fastest."));
    }
    layout->addWidget(title);

    auto* area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    auto* charts = new QWidget(area);
    addHeatmaps(charts);
    area->setWidget(charts);
    layout->addWidget(area, 1);

    QWidget* lower = this;
    QVBoxLayout* lowerLayout = layout;
    table_ = new QTableWidget(lower);
    table_->setObjectName(u"classTable"_s);
    table_->setTextElideMode(Qt::ElideNone);
    table_->setWordWrap(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->setToolTip(tr("Each machine's fastest cell, its speedup over its own sequential run and its floor"));
    fillTable();
    lowerLayout->addWidget(table_);

    auto* setApartTitle = new QLabel(tr("<b>Set apart</b> (another experiment, or not readable: not compared)"), lower);
    setApart_ = new QListWidget(lower);
    setApart_->setObjectName(u"classSetApart"_s);
    setApart_->setWordWrap(false);   // a line per difference instead: the height follows the lines
    setApart_->setTextElideMode(Qt::ElideNone);
    setApart_->setToolTip(tr("Reports that are not of the class's experiment, with what differs, and files that "
                             "could not be read, with why"));
    setApartTitle->setBuddy(setApart_);
    fillSetApart();
    setApartTitle->setVisible(setApart_->count() > 0);
    setApart_->setVisible(setApart_->count() > 0);
    lowerLayout->addWidget(setApartTitle);
    lowerLayout->addWidget(setApart_);
    // As tall as their rows: the heatmaps take the rest.
    table_->setFixedHeight(table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth() +
                           table_->verticalHeader()->length() + 2);
    int listHeight = 2 * setApart_->frameWidth() + 4;
    for (int row = 0; row < setApart_->count(); ++row)
        listHeight += setApart_->sizeHintForRow(row);
    setApart_->setFixedHeight(listHeight);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close the class view (Esc)"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1280, 720);   // a projector's
}

void ClassView::addHeatmaps(QWidget* area)
{
    const int n = static_cast<int>(results_.machines.size());
    auto* layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* grid = new HeatmapGrid(n <= 1 ? 1 : n <= 4 ? 2 : 3, u"classHeatmap"_s, area);
    layout->addWidget(grid);
    for (const ClassMachine& m : results_.machines) {
        const ClassReport& r = results_.reports[m.report];
        auto* model = new ResultsModel(this);
        model->setResults(r.report.machine, r.report.results, QDateTime());
        grid->addHeatmap(model, u"<b>%1</b>"_s.arg(qs(r.name).toHtmlEscaped()),
                         tr("%1 · %2 · %3 cores · governor %4")
                             .arg(qs(r.name),
                                  r.report.machine.cpu_model.empty() ? tr("CPU not reported")
                                                                     : qs(r.report.machine.cpu_model))
                             .arg(r.report.machine.logical_cores)
                             .arg(qs(governor_text(r.report.machine))),
                         tr("%1: median time of each cell, on the colour scale every machine shares").arg(qs(r.name)));
    }
    // One scale: the range of every machine's cells together.
    grid->shareScale();
    grid_ = grid;
}

const std::vector<HeatmapChart*>& ClassView::heatmaps() const { return grid_->heatmaps(); }
std::optional<std::pair<double, double>> ClassView::sharedRange() const { return grid_->sharedRange(); }

void ClassView::fillTable()
{
    const QStringList headers{tr("Machine"), tr("CPU"),   tr("Cores"),   tr("Governor"),
                              tr("Best cell"), tr("Time"), tr("Speedup"), tr("Floor")};
    const QStringList tips{
        tr("The report's file"),
        tr("The CPU the report was made on"),
        tr("Logical cores of that machine"),
        tr("The CPU frequency governor when the report was made (\"not reported\": the report does not say)"),
        tr("The fastest cell of the sweep: splits × chunksize and the workers it ran on"),
        tr("The best cell's median time"),
        tr("The machine's own sequential time ÷ its best cell's (needs the sequential run in the report)"),
        tr("The machine's floor for the best cell: its bytes over the memory bandwidth, its arithmetic over the "
           "cores (only when the machine was measured for the report)")};
    table_->setColumnCount(static_cast<int>(headers.size()));
    for (int k = 0; k < headers.size(); ++k) {
        auto* h = new QTableWidgetItem(headers[k]);
        h->setToolTip(tips[k]);
        table_->setHorizontalHeaderItem(k, h);
    }
    table_->setRowCount(static_cast<int>(results_.machines.size()));
    int row = 0;
    for (const ClassMachine& m : results_.machines) {
        const ClassReport& r = results_.reports[m.report];
        const MachineInfo& mi = r.report.machine;
        const CellResult* best = best_cell(results_, m);
        table_->setItem(row, 0, item(qs(r.name), machineText(mi)));
        table_->setItem(row, 1, item(mi.cpu_model.empty() ? tr("not reported") : qs(mi.cpu_model), tips[1]));
        table_->setItem(row, 2, item(mi.logical_cores > 0 ? QString::number(mi.logical_cores) : tr("not reported"),
                                     tips[2], true));
        table_->setItem(row, 3, item(qs(governor_text(mi)), tips[3]));
        table_->setItem(row, 4, item(best ? bestCellText(*best, r.report.results) : tr("no cell ran"),
                                     best ? cellToolTip(*best, m.baseline_s) : tips[4]));
        table_->setItem(row, 5, item(best ? formatSeconds(best->median_s) : u"–"_s, tips[5], true));
        table_->setItem(row, 6,
                        item(m.speedup ? formatSpeedup(*m.speedup) : tr("no baseline"),
                             m.baseline_s ? tr("Sequential here: %1").arg(formatSeconds(*m.baseline_s))
                                          : tr("The report holds no sequential run of this workload"),
                             true));
        table_->setItem(row, 7, item(m.floor_s ? formatSeconds(*m.floor_s) : tr("not measured"), tips[7], true));
        ++row;
    }
    table_->resizeColumnsToContents();
}

void ClassView::fillSetApart()
{
    for (const ClassResults::Other& o : results_.others) {
        QString reason = qs(o.reason);
        reason.replace(u"; "_s, u";\n      "_s);
        auto* it = new QListWidgetItem(
            tr("%1 — another experiment: %2").arg(qs(results_.reports[o.report].name), reason), setApart_);
        it->setToolTip(tr("Not compared: its experiment differs from the class's"));
    }
    for (const std::size_t i : results_.unreadable) {
        auto* it = new QListWidgetItem(
            tr("%1 — could not be read: %2").arg(qs(results_.reports[i].name), qs(results_.reports[i].report.error)),
            setApart_);
        it->setToolTip(tr("Not a Chunkscope report (the JSON that Save session or chunkscope-cli --format json "
                          "writes)"));
    }
}

ClassView* ClassView::open(const QStringList& paths, QWidget* parent)
{
    auto* view = new ClassView(readClassResults(paths), parent);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    return view;
}

ClassView* ClassView::chooseFiles(QWidget* parent)
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        parent, tr("Open class results: every student's report"), QString(),
        tr("Chunkscope sessions and reports (*.json);;All files (*)"));
    return paths.isEmpty() ? nullptr : open(paths, parent);
}

ClassView* ClassView::chooseFolder(QWidget* parent)
{
    const QString folder =
        QFileDialog::getExistingDirectory(parent, tr("Open class results: the folder of the students' reports"));
    return folder.isEmpty() ? nullptr : open({folder}, parent);
}

} // namespace chunkscope::ui
