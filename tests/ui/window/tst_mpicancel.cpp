// SPDX-License-Identifier: GPL-3.0-or-later
// Cancelling an mpi sweep (or an mpi-distributed run) in the window (Esc or Cancel) ends mpirun and every rank within 2 s:
// no chunkscope-mpi or orted of ours is left running, and the window can run again.

#include "testcells.h"
#include "windowsetup.h"

#include "support/proctree.h"

#include "experimentpanel.h"
#include "mainwindow.h"
#include "mpioptionsbox.h"
#include "resultsmodel.h"
#include "runcontroller.h"

#include "chunkscope/mpi.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace chunkscope::support;
using namespace Qt::StringLiterals;

namespace {

bool isMpiProcess(const std::string& name)
{
    return name == "mpirun" || name == "orterun" || name == "chunkscope-mpi" || name == "orted";
}

// Our descendants that are Open MPI's or its ranks, still running.
std::vector<pid_t> mpiDescendants()
{
    std::vector<pid_t> out;
    for (pid_t pid : descendants_of(getpid()))
        if (still_running(pid) && isMpiProcess(process_name(pid)))
            out.push_back(pid);
    return out;
}

} // namespace

class TestMpiCancel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cancelEndsMpirunAndEveryRank_data();
    void cancelEndsMpirunAndEveryRank();

private:
    QTemporaryDir settingsDir_;
};

void TestMpiCancel::initTestCase()
{
    testcells::isolateSettings(settingsDir_);
    if (!mpi_availability().available)
        QSKIP("Open MPI is not installed here");
}

void TestMpiCancel::cancelEndsMpirunAndEveryRank_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("transport");
    QTest::addColumn<bool>("escape");   // else the Cancel button
    // mpi sweeps; mpi-distributed has no grid to sweep: a run of many repetitions.
    QTest::addRow("mpi sweep, fresh, shm, Esc")
        << int(StrategyKind::Mpi) << int(PoolLifetime::Fresh) << int(MpiTransport::Shm) << true;
    QTest::addRow("mpi sweep, warm, tcp, Cancel")
        << int(StrategyKind::Mpi) << int(PoolLifetime::Warm) << int(MpiTransport::Tcp) << false;
    QTest::addRow("mpi-distributed run, warm, shm, Esc")
        << int(StrategyKind::MpiDistributed) << int(PoolLifetime::Warm) << int(MpiTransport::Shm) << true;
    QTest::addRow("mpi-distributed run, fresh, tcp, Cancel")
        << int(StrategyKind::MpiDistributed) << int(PoolLifetime::Fresh) << int(MpiTransport::Tcp) << false;
}

void TestMpiCancel::cancelEndsMpirunAndEveryRank()
{
    QFETCH(int, strategy);
    QFETCH(int, pool);
    QFETCH(int, transport);
    QFETCH(bool, escape);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    // Many seconds of work: 2 workers, 8 x 8 cells of 4M items, 3 repetitions each (mpi), or
    // 50 repetitions of 20M items (mpi-distributed).
    const bool sweep = static_cast<StrategyKind>(strategy) == StrategyKind::Mpi;
    testcells::setUp(w, static_cast<StrategyKind>(strategy), sweep ? 4'000'000 : 20'000'000, u"1,2,4,8,16,32,64,128"_s,
                     u"1,2,4,8,16,32,64,128"_s, sweep ? 3 : 50);
    ExperimentPanel* p = w.panel();
    auto* poolBox = p->findChild<QComboBox*>(u"poolBox"_s);
    poolBox->setCurrentIndex(poolBox->findData(pool));
    p->mpiOptionsBox()->transportBox()->setCurrentIndex(p->mpiOptionsBox()->transportBox()->findData(transport));
    QVERIFY2(sweep ? p->canSweep() : p->canRun(), qPrintable(sweep ? p->sweepProblem() : p->runProblem()));
    QSignalSpy cancelled(w.controller(), &RunController::cancelled);
    QTest::mouseClick(sweep ? p->sweepButton() : p->runButton(), Qt::LeftButton);

    // Wait until ranks run: mpirun and its chunkscope-mpi copies are our descendants.
    std::vector<pid_t> seen;
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < testcells::kRunTimeout) {
        seen = mpiDescendants();
        int ranks = 0;
        for (pid_t pid : seen)
            ranks += process_name(pid) == "chunkscope-mpi";
        if (ranks >= 2)
            break;
        QTest::qWait(20);
    }
    QVERIFY2(seen.size() >= 3, "mpirun and two ranks never ran");
    QVERIFY(w.isRunning());

    QElapsedTimer clock;
    clock.start();
    if (escape)
        QTest::keyClick(&w, Qt::Key_Escape);
    else
        QTest::mouseClick(p->cancelButton(), Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!w.isRunning());
    // Within 2 s, none of them runs, and no new one of ours has started.
    std::vector<pid_t> left;
    do {
        QTest::qWait(20);
        left.clear();
        for (pid_t pid : seen)
            if (still_running(pid))
                left.push_back(pid);
        for (pid_t pid : mpiDescendants())
            if (std::find(left.begin(), left.end(), pid) == left.end())
                left.push_back(pid);
    } while (!left.empty() && clock.elapsed() < 2000);
    QStringList names;
    for (pid_t pid : left)
        names += u"%1 %2"_s.arg(pid).arg(QString::fromStdString(process_name(pid)));
    QVERIFY2(left.empty(), qPrintable(names.join(u", "_s)));
    qInfo("all %d Open MPI processes ended %lld ms after the cancel", int(seen.size()), clock.elapsed());

    // The window runs again.
    testcells::setUp(w, StrategyKind::Threads, 10'000, u"1,2"_s, u"1,2"_s);
    QSignalSpy finished(w.controller(), &RunController::finished);
    QTest::mouseClick(p->sweepButton(), Qt::LeftButton);
    QVERIFY(finished.wait(testcells::kRunTimeout));
    QCOMPARE(w.model()->gridCellsDone(), 4);
}

QTEST_MAIN(TestMpiCancel)
#include "tst_mpicancel.moc"
