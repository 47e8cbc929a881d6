// SPDX-License-Identifier: GPL-3.0-or-later
// "Predict, then run": the class's guess scored against the sweep: rank, ratio, and the verdict.

#include "testcells.h"

#include "prediction.h"
#include "resultsmodel.h"

#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestPrediction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ranksTheGuess_data();
    void ranksTheGuess();
    void nothingToScore();
    void nearTheFastestIsATie();
    void verdictSaysWhatHappened();
};

void TestPrediction::ranksTheGuess_data()
{
    // testcells::grid(4, 4): medians grow with the chunksize and shrink with the splits; the
    // fastest cell is splits 8 × chunksize 1, the slowest splits 1 × chunksize 8.
    QTest::addColumn<int>("splits");
    QTest::addColumn<int>("chunks");
    QTest::addColumn<int>("rank");
    QTest::addRow("the fastest") << 8 << 1 << 1;
    QTest::addRow("second") << 8 << 2 << 2;
    QTest::addRow("the slowest") << 1 << 8 << 16;
}

void TestPrediction::ranksTheGuess()
{
    QFETCH(int, splits);
    QFETCH(int, chunks);
    QFETCH(int, rank);
    ResultsModel model;
    model.setResults(testcells::machine(), testcells::grid(4, 4), QDateTime::currentDateTime());
    const GridPoint guess{static_cast<std::size_t>(splits), static_cast<std::size_t>(chunks)};
    const auto outcome = scorePrediction(model, guess);
    QVERIFY(outcome);
    QCOMPARE(outcome->rank, rank);
    QCOMPARE(outcome->ranked, 16);   // the sequential baseline is not a grid cell
    QCOMPARE(outcome->hit(), rank == 1);
    QCOMPARE(outcome->best, (GridPoint{8, 1}));
    QCOMPARE(outcome->guessSeconds, model.result(model.rowAt(guess.splits, guess.chunksize)).median_s);
    QCOMPARE(outcome->bestSeconds, model.result(model.bestRow()).median_s);
    QCOMPARE(outcome->ratio(), outcome->guessSeconds / outcome->bestSeconds);
    QVERIFY(rank == 1 ? outcome->ratio() == 1.0 : outcome->ratio() > 1.0);
}

void TestPrediction::nothingToScore()
{
    ResultsModel model;
    QVERIFY(!scorePrediction(model, {1, 1}));
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {1, 2}, {1});
    QVERIFY(!scorePrediction(model, {2, 1}));   // nothing ran yet
    model.addResult(testcells::cell(base, 1, 1, 0.01));
    model.addResult(testcells::cell(base, 2, 1, 0, Status::Failed));
    QVERIFY(!scorePrediction(model, {2, 1}));   // the guess failed
    QVERIFY(!scorePrediction(model, {4, 1}));   // not in the grid
    QVERIFY(scorePrediction(model, {1, 1}));
}

void TestPrediction::nearTheFastestIsATie()
{
    ResultsModel model;
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {1, 2, 4}, {1});
    model.addResult(testcells::cell(base, 1, 1, 0.100));
    model.addResult(testcells::cell(base, 2, 1, 0.103));
    model.addResult(testcells::cell(base, 4, 1, 0.200));
    const auto close = scorePrediction(model, {2, 1});
    QVERIFY(close && !close->hit() && close->tie());
    const auto far = scorePrediction(model, {4, 1});
    QVERIFY(far && !far->hit() && !far->tie());
    QCOMPARE(far->rank, 3);
}

void TestPrediction::verdictSaysWhatHappened()
{
    ResultsModel model;
    model.setResults(testcells::machine(), testcells::grid(4, 4), QDateTime::currentDateTime());
    const QString hit = predictionVerdict(*scorePrediction(model, {8, 1}));
    QVERIFY2(hit.startsWith(u"Right"_s) && hit.contains(u"16 cells"_s), qPrintable(hit));
    const QString miss = predictionVerdict(*scorePrediction(model, {1, 8}));
    QVERIFY2(miss.contains(u"16th of 16"_s), qPrintable(miss));
    QVERIFY2(miss.contains(u"splits 8 × chunksize 1"_s), qPrintable(miss));   // names the fastest
    QVERIFY2(miss.contains(u"×"_s), qPrintable(miss));
    const QString second = predictionVerdict(*scorePrediction(model, {8, 2}));
    QVERIFY2(second.contains(u"2nd of 16"_s), qPrintable(second));
}

QTEST_MAIN(TestPrediction)
#include "tst_prediction.moc"
