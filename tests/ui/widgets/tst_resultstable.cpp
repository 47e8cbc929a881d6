// SPDX-License-Identifier: GPL-3.0-or-later
// The results tab over the one model: it sorts by value, not by the text shown.

#include "testcells.h"

#include "resultsmodel.h"
#include "resultstable.h"

#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestResultsTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sortsByValueNotText();
};

void TestResultsTable::sortsByValueNotText()
{
    ResultsModel model;
    const RunConfig base = testcells::baseConfig();
    model.startExperiment(base, {1, 2, 4}, {1});
    model.addResult(testcells::cell(base, 1, 1, 0.9));    // "900 ms"
    model.addResult(testcells::cell(base, 2, 1, 0.01));   // "10.0 ms"
    model.addResult(testcells::cell(base, 4, 1, 2.0));    // "2.00 s"
    ResultsTable table(&model);
    table.sortByColumn(ResultsModel::MedianColumn, Qt::AscendingOrder);
    QAbstractItemModel* view = table.model();
    QCOMPARE(view->index(0, ResultsModel::MedianColumn).data().toString(), u"10.0 ms"_s);
    QCOMPARE(view->index(1, ResultsModel::MedianColumn).data().toString(), u"900 ms"_s);
    QCOMPARE(view->index(2, ResultsModel::MedianColumn).data().toString(), u"2.00 s"_s);
}

QTEST_MAIN(TestResultsTable)
#include "tst_resultstable.moc"
