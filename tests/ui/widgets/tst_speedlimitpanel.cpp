// SPDX-License-Identifier: GPL-3.0-or-later
// The machine panel's Dask cluster line: its figures when the cluster was measured, why not when
// it could not be, nothing when none was asked for; and a measurement asked for a LocalCluster
// brings its real figures.

#include "speedlimitpanel.h"

#include "chunkscope/pythoncosts.h"
#include "chunkscope/registry.h"

#include <QSignalSpy>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

class TestSpeedLimitPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTheClustersFiguresOrWhyNot();
    void measuresTheClusterAskedFor();
};

void TestSpeedLimitPanel::showsTheClustersFiguresOrWhyNot()
{
    SpeedLimitPanel panel;
    SpeedLimits l;
    panel.setLimits(l);
    QVERIFY(!panel.text().contains(u"Dask cluster"_s));
    l.dask.workers = 2;
    l.dask.start_s = 0.5;
    l.dask.start_per_worker_s = 0.25;
    l.dask.close_s = 0.2;
    l.dask.task_s = 1.5e-3;
    l.dask.scatter_bandwidth = 400e6;
    l.dask.gather_bandwidth = 200e6;
    panel.setLimits(l);
    QVERIFY2(panel.text().contains(u"Dask cluster (a LocalCluster of 2)"_s), qPrintable(panel.text()));
    QVERIFY2(panel.text().contains(u"1.50 ms"_s), qPrintable(panel.text()));
    QVERIFY(panel.text().contains(u"about 1 ms"_s));
    l.dask = DaskClusterCosts{};
    l.dask.workers = 3;
    l.dask.scheduler = "tcp://10.0.0.1:8786";
    l.dask.error = "nothing answers at the Dask scheduler tcp://10.0.0.1:8786 <within> 3 s";
    panel.setLimits(l);
    QVERIFY2(panel.text().contains(u"Dask cluster (3 workers at tcp://10.0.0.1:8786): not measured (nothing answers"_s),
             qPrintable(panel.text()));
    QVERIFY(panel.text().contains(u"&lt;within&gt;"_s));
}

void TestSpeedLimitPanel::measuresTheClusterAskedFor()
{
    if (!availability(StrategyKind::PyDaskCluster).available)
        QSKIP("no dask.distributed here");
    SpeedLimitPanel panel;
    panel.setDaskCluster(1);
    QSignalSpy measured(&panel, &SpeedLimitPanel::measured);
    panel.measure();
    QVERIFY(panel.isMeasuring());
    QVERIFY(measured.wait(180'000));   // STREAM, the Python costs and a LocalCluster: a bound on a hang
    QVERIFY(panel.limits());
    const DaskClusterCosts& d = panel.limits()->dask;
    QVERIFY2(d.measured(), d.error.c_str());
    QCOMPARE(d.workers, 1);
    QVERIFY(panel.text().contains(u"Dask cluster (a LocalCluster of 1)"_s));
}

QTEST_MAIN(TestSpeedLimitPanel)
#include "tst_speedlimitpanel.moc"
