// SPDX-License-Identifier: GPL-3.0-or-later
// The heatmap against a reference: each cell's median ÷ the reference's on a diverging scale
// with 1× neutral, a star where Mann–Whitney U says the difference is significant, "too few
// samples" where it cannot say, and a sweep matched with its twin's on the grid alone.

#include "testcells.h"

#include "colormap.h"
#include "colorscaleitem.h"
#include "heatmapchart.h"
#include "reference.h"
#include "resultsmodel.h"
#include "uiformat.h"

#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QtTest>

#include <cmath>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// n samples around median, spread by 1 % steps.
CellResult withSamples(CellResult c, int n)
{
    c.samples.clear();
    for (int i = 0; i < n; ++i)
        c.samples.push_back(c.median_s * (1.0 + 0.01 * (i - n / 2)));
    return c;
}

// 2 × 2 grid of strategy, every cell median 10 ms times factor(splits, chunks), n samples each.
std::vector<CellResult> grid(StrategyKind strategy, int n, double (*factor)(std::size_t, std::size_t))
{
    const RunConfig base = testcells::baseConfig(strategy);
    std::vector<CellResult> cells;
    for (std::size_t s : {1, 2})
        for (std::size_t c : {1, 2})
            cells.push_back(withSamples(testcells::cell(base, s, c, 0.010 * factor(s, c)), n));
    return cells;
}

double ours(std::size_t, std::size_t) { return 1.0; }
// The reference: twice as slow at (1, 1), as fast at (1, 2), half as slow at (2, 2); (2, 1) is like (1, 2).
double theirs(std::size_t s, std::size_t c) { return s == 1 && c == 1 ? 2.0 : s == 2 && c == 2 ? 0.5 : 1.0; }

struct Fixture {
    ResultsModel model;
    Reference reference;
    QGraphicsScene scene;
    HeatmapChart* chart = new HeatmapChart(&model);
    Fixture()
    {
        scene.addItem(chart);
        chart->resize(900, 700);
        chart->layout()->activate();
    }
};

} // namespace

class TestReferenceColouring : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void needsAReference()
    {
        Fixture f;
        f.model.setResults(testcells::machine(), grid(StrategyKind::ForkSplit, 5, ours), QDateTime::currentDateTime());
        f.chart->setColorBy(HeatmapChart::ColorBy::Reference);
        QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::Duration);
        f.model.setReference(&f.reference);
        QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::Duration);   // an empty one
        f.reference.set(testcells::machine(), grid(StrategyKind::ForkSplit, 5, theirs), QDateTime::currentDateTime());
        QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::Reference);
        f.reference.clear();
        QCOMPARE(f.chart->effectiveColorBy(), HeatmapChart::ColorBy::Duration);
    }

    void divergingScaleWithOneNeutral()
    {
        Fixture f;
        f.model.setResults(testcells::machine(), grid(StrategyKind::ForkSplit, 5, ours), QDateTime::currentDateTime());
        f.model.setReference(&f.reference);
        f.reference.set(testcells::machine(), grid(StrategyKind::ForkSplit, 5, theirs), QDateTime::currentDateTime());
        f.chart->setColorBy(HeatmapChart::ColorBy::Reference);
        // Rows are splits (1, 2) from the bottom, columns chunksize (1, 2).
        QCOMPARE(f.chart->cellLabel(0, 0), formatSpeedup(0.5) + u" *"_s);   // twice as fast: significant
        QCOMPARE(f.chart->cellLabel(1, 1), formatSpeedup(2.0) + u" *"_s);
        QCOMPARE(f.chart->cellLabel(0, 1), formatSpeedup(1.0));              // the same samples: not significant
        const QColor faster = f.chart->cellItem(0, 0)->brush().color();
        const QColor slower = f.chart->cellItem(1, 1)->brush().color();
        const QColor same = f.chart->cellItem(0, 1)->brush().color();
        QVERIFY2(faster.blue() > faster.red() + 40, qPrintable(faster.name()));
        QVERIFY2(slower.red() > slower.blue() + 40, qPrintable(slower.name()));
        QCOMPARE(same, ColorMap::diverging(0.5));
        // 0.5× and 2× are equally far from 1× on the log scale: the two ends of the map.
        QCOMPARE(faster, ColorMap::diverging(0.0));
        QCOMPARE(slower, ColorMap::diverging(1.0));
        const ColorScaleItem* scale = f.chart->colorScale();
        QVERIFY(scale->isDiverging());
        QVERIFY(scale->title().contains(u"reference"_s));
        QVERIFY(f.chart->caption().contains(u"reference"_s));
        QVERIFY(f.chart->cellItem(0, 0)->toolTip().contains(u"significant"_s));
        QVERIFY(f.chart->cellItem(0, 1)->toolTip().contains(u"not significant"_s));
    }

    void fewSamplesAreNotTested()
    {
        Fixture f;
        f.model.setResults(testcells::machine(), grid(StrategyKind::ForkSplit, 3, ours), QDateTime::currentDateTime());
        f.model.setReference(&f.reference);
        f.reference.set(testcells::machine(), grid(StrategyKind::ForkSplit, 9, theirs), QDateTime::currentDateTime());
        f.chart->setColorBy(HeatmapChart::ColorBy::Reference);
        QCOMPARE(f.chart->cellLabel(0, 0), formatSpeedup(0.5));   // no star: it cannot say
        const QString tip = f.chart->cellItem(0, 0)->toolTip();
        QVERIFY2(tip.contains(u"too few samples"_s), qPrintable(tip));
        QVERIFY(tip.contains(u"3 and 9"_s));
    }

    void aReferenceFromAnotherGeneratorSaysSoInTheTooltip()
    {
        Fixture f;
        f.model.setResults(testcells::machine(), grid(StrategyKind::ForkSplit, 5, ours), QDateTime::currentDateTime());
        f.model.setReference(&f.reference);
        std::vector<CellResult> old = grid(StrategyKind::ForkSplit, 5, theirs);
        for (CellResult& c : old)
            c.generator = Generator::Legacy;   // an older session's
        f.reference.set(testcells::machine(), old, QDateTime::currentDateTime());
        f.chart->setColorBy(HeatmapChart::ColorBy::Reference);
        QCOMPARE(f.chart->cellLabel(0, 0), formatSpeedup(0.5) + u" *"_s);   // the times still compare
        const QString tip = f.chart->cellItem(0, 0)->toolTip();
        QVERIFY2(tip.contains(u"this cell's data came from counter-v1, the reference's from legacy"_s), qPrintable(tip));
        QVERIFY(tip.contains(u"outputs do not"_s));
        f.reference.set(testcells::machine(), grid(StrategyKind::ForkSplit, 5, theirs), QDateTime::currentDateTime());
        QVERIFY(!f.chart->cellItem(0, 0)->toolTip().contains(u"warning"_s));
    }

    void sweepMatchesItsTwinsOnTheGrid()
    {
        Fixture f;
        std::vector<CellResult> mine = grid(StrategyKind::ForkSplit, 5, ours);
        mine.push_back(testcells::baseline(testcells::baseConfig(), 0.02));
        f.model.setResults(testcells::machine(), mine, QDateTime::currentDateTime());
        std::vector<CellResult> python = grid(StrategyKind::PySplit, 5, theirs);
        // The twin's sweep lacks one cell and has its own baseline.
        python.erase(python.begin() + 1);   // (1, 2)
        CellResult pyBaseline = testcells::baseline(testcells::baseConfig(), 0.03);
        pyBaseline.config.strategy = StrategyKind::PySequential;
        python.push_back(pyBaseline);
        f.model.setReference(&f.reference);
        f.reference.set(testcells::machine(), python, QDateTime::currentDateTime());
        QVERIFY(!f.reference.byStrategy(f.model));
        QVERIFY2(f.reference.label().startsWith(u"py-split, 3 cells"_s), qPrintable(f.reference.label()));
        f.chart->setColorBy(HeatmapChart::ColorBy::Reference);
        QCOMPARE(f.chart->cellLabel(0, 0), formatSpeedup(0.5) + u" *"_s);
        QVERIFY(f.chart->cellLabel(0, 1).contains(u"not in"_s));
        QVERIFY(f.chart->cellItem(0, 1)->toolTip().contains(u"has no cell like this"_s));
        // The baselines pair with each other, not with a grid cell.
        const CellDiff d = f.reference.compare(mine.back(), false);
        QVERIFY(d.b);
        QCOMPARE(d.b->config.strategy, StrategyKind::PySequential);
    }

    void mixedSetsMatchOnTheStrategyToo()
    {
        Fixture f;
        const std::vector<CellResult> mine = grid(StrategyKind::ForkSplit, 5, ours);
        f.model.setResults(testcells::machine(), mine, QDateTime::currentDateTime());
        std::vector<CellResult> theirsToo = grid(StrategyKind::PySplit, 5, theirs);
        for (CellResult& c : grid(StrategyKind::PyThreads, 5, theirs))
            theirsToo.push_back(c);
        f.model.setReference(&f.reference);
        f.reference.set(testcells::machine(), theirsToo, QDateTime::currentDateTime());
        // Two strategies there: which one a fork-split cell is like cannot be guessed.
        QVERIFY(f.reference.byStrategy(f.model));
        QVERIFY(!f.reference.compare(mine.front(), true).b);
        f.chart->setColorBy(HeatmapChart::ColorBy::Reference);
        QVERIFY(f.chart->cellLabel(0, 0).contains(u"not in"_s));
    }
};

QTEST_MAIN(TestReferenceColouring)
#include "tst_referencecolouring.moc"
