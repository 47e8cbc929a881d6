// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Open class results: three reports, written through the reporters as the CLI and Save
// session write them, of which one is another experiment. The two of the class get a heatmap
// each on one colour scale, the third is listed with the reason and never drawn.

#include "testcells.h"

#include "classview.h"
#include "colorscaleitem.h"
#include "heatmapchart.h"
#include "mainwindow.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include "chunkscope/reporters.h"

#include <QAction>
#include <QFile>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// A 2 × 2 sweep of strategy with its sequential baseline, every time scaled by factor.
std::vector<CellResult> sweep(StrategyKind strategy, double factor, int workers)
{
    RunConfig base = testcells::baseConfig(strategy);
    base.workers = workers;
    std::vector<CellResult> cells{testcells::baseline(base, 0.040 * factor)};
    for (std::size_t s : {1u, 4u})
        for (std::size_t c : {1u, 2u})
            cells.push_back(testcells::cell(base, s, c, 0.001 * factor * static_cast<double>(s == 4 ? 10 : 20 + c)));
    return cells;
}

QString writeReport(const QTemporaryDir& dir, const QString& name, const std::vector<CellResult>& cells,
                    const std::string& cpu)
{
    MachineInfo m = testcells::machine();
    m.cpu_model = cpu;
    const QString path = dir.filePath(name);
    std::ofstream out(QFile::encodeName(path).toStdString());
    write_json(out, m, cells);
    return path;
}

} // namespace

class TestClassView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoMachinesOnOneScaleAndAnotherExperimentApart();
    void aFolderOfReportsAndAFileThatIsNotOne();
    void theFileMenuOffersIt();

private:
    QTemporaryDir dir_;
    QStringList paths_;
};

void TestClassView::initTestCase()
{
    testcells::isolateSettings(dir_);
    paths_ = {writeReport(dir_, u"anna.json"_s, sweep(StrategyKind::ForkSplit, 1.0, 2), "CPU A"),
              writeReport(dir_, u"ben.json"_s, sweep(StrategyKind::ForkSplit, 3.0, 4), "CPU B"),
              writeReport(dir_, u"carl.json"_s, sweep(StrategyKind::Threads, 0.5, 2), "CPU C")};
}

void TestClassView::twoMachinesOnOneScaleAndAnotherExperimentApart()
{
    ClassView* view = ClassView::open({paths_[0], paths_[2], paths_[1]}, nullptr);
    QVERIFY(view);
    const std::unique_ptr<ClassView> owner(view);

    QCOMPARE(view->heatmaps().size(), std::size_t{2});
    QVERIFY2(view->heatmaps()[0]->caption().startsWith(u"anna.json · CPU A · "_s),
             qPrintable(view->heatmaps()[0]->caption()));
    QVERIFY2(view->heatmaps()[1]->caption().startsWith(u"ben.json · CPU B · "_s),
             qPrintable(view->heatmaps()[1]->caption()));
    // One scale: anna's fastest (10 ms) to ben's slowest (3 × 22 ms), on both.
    QVERIFY(view->sharedRange());
    QCOMPARE(view->sharedRange()->first, 0.010);
    QCOMPARE(view->sharedRange()->second, 0.066);
    for (HeatmapChart* chart : view->heatmaps()) {
        QCOMPARE(chart->rows(), 2);
        QCOMPARE(chart->columns(), 2);
        QCOMPARE(chart->colorScale()->range(), *view->sharedRange());
        QVERIFY(chart->model()->rowCount() > 0);
        QVERIFY2(chart->model()->machine().cpu_model != "CPU C", "the other experiment is never drawn");
    }

    QTableWidget* table = view->machineTable();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), u"anna.json"_s);
    QCOMPARE(table->item(0, 1)->text(), u"CPU A"_s);
    QCOMPARE(table->item(0, 3)->text(), u"not reported"_s);
    QVERIFY2(table->item(0, 4)->text().startsWith(u"4 splits"_s), qPrintable(table->item(0, 4)->text()));
    QCOMPARE(table->item(0, 6)->text(), formatSpeedup(4.0));
    QCOMPARE(table->item(1, 1)->text(), u"CPU B"_s);
    QVERIFY2(table->item(1, 4)->text().contains(u"4 workers"_s), qPrintable(table->item(1, 4)->text()));
    for (int c = 0; c < table->columnCount(); ++c)
        QVERIFY(!table->horizontalHeaderItem(c)->toolTip().isEmpty());

    QListWidget* apart = view->setApartList();
    QCOMPARE(apart->count(), 1);
    QVERIFY2(apart->item(0)->text().startsWith(u"carl.json"_s), qPrintable(apart->item(0)->text()));
    QVERIFY2(apart->item(0)->text().contains(u"strategy: threads, not fork-split"_s),
             qPrintable(apart->item(0)->text()));
}

void TestClassView::aFolderOfReportsAndAFileThatIsNotOne()
{
    QFile bad(dir_.filePath(u"dora.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"hello\": 1}");
    bad.close();
    QTemporaryDir empty;
    const std::unique_ptr<ClassView> view(ClassView::open({dir_.path(), empty.path()}, nullptr));
    QCOMPARE(view->heatmaps().size(), std::size_t{2});
    QListWidget* apart = view->setApartList();
    QCOMPARE(apart->count(), 3);
    QVERIFY(apart->item(0)->text().startsWith(u"carl.json"_s));
    QVERIFY2(apart->item(1)->text().startsWith(u"dora.json — could not be read: not a Chunkscope report"_s),
             qPrintable(apart->item(1)->text()));
    QVERIFY2(apart->item(2)->text().endsWith(u"could not be read: the folder holds no .json report"_s),
             qPrintable(apart->item(2)->text()));
    bad.remove();
}

void TestClassView::theFileMenuOffersIt()
{
    MainWindow window;
    QMenu* file = window.menuBar()->findChild<QMenu*>();
    QVERIFY(file);
    QAction* open = nullptr;
    for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
        for (QAction* a : menu->actions())
            if (a->text().remove(u'&') == u"Open class results…"_s)
                open = a;
    QVERIFY(open);
    QVERIFY(!open->shortcut().isEmpty());
    QVERIFY(!open->toolTip().isEmpty());
}

QTEST_MAIN(TestClassView)
#include "tst_classview.moc"
