// SPDX-License-Identifier: GPL-3.0-or-later
// The panel's MPI options: shown for the mpi strategies only, carried by config() and the
// saved settings, a bad hostfile / mpirun / argument explained under its field with Run and
// Sweep disabled, the core's notes (root, more ranks than cores) under the box, MPI missing
// said with the install command, and the size limit per rank.

#include "testcells.h"

#include "experimentpanel.h"
#include "labeledslider.h"
#include "mpioptionsbox.h"
#include "problemlabel.h"
#include "sizeslider.h"

#include "chunkscope/machine.h"
#include "chunkscope/memory.h"
#include "chunkscope/mpi.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSettings>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

QString qstr(const std::string& s) { return QString::fromStdString(s); }

} // namespace

class TestMpiOptionsBox : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void shownForTheMpiStrategiesOnly();
    void configCarriesTheOptions();
    void aBadOptionIsExplainedUnderItsField_data();
    void aBadOptionIsExplainedUnderItsField();
    void notesSayRootAndOversubscription();
    void placeholderNamesTheMpirunFound();
    void missingMpiIsSaidWithTheInstallCommand();
    void settingsRoundTripAndBadKeysKeepTheValue();
    void sizeLimitIsPerRank();

private:
    MpiOptionsBox* box() const { return panel_->mpiOptionsBox(); }
    QTemporaryDir dir_;
    std::unique_ptr<ExperimentPanel> panel_;
};

void TestMpiOptionsBox::initTestCase()
{
    testcells::isolateSettings(dir_);
    if (!mpi_availability().available)
        QSKIP("Open MPI is not installed here");
}

void TestMpiOptionsBox::init()
{
    panel_ = std::make_unique<ExperimentPanel>();
    RunConfig c = testcells::baseConfig(StrategyKind::Mpi);
    c.workers = 1;
    panel_->setConfig(c);
    panel_->show();
}

void TestMpiOptionsBox::shownForTheMpiStrategiesOnly()
{
    QVERIFY(box()->isVisible());
    panel_->strategyBox()->setCurrentIndex(panel_->strategyBox()->findText(u"fork-split"_s));
    QVERIFY(!box()->isVisible());
    panel_->strategyBox()->setCurrentIndex(panel_->strategyBox()->findText(u"mpi-distributed"_s));
    QVERIFY(box()->isVisible());
    QVERIFY(panel_->runButton()->isEnabled());
    // Its ranks make and compute their slices: no grid, but the Scaling tab sweeps its workers.
    QVERIFY(!panel_->sweepButton()->isEnabled());
    QVERIFY2(panel_->sweepProblem().contains(u"Scaling tab sweeps its workers"_s), qPrintable(panel_->sweepProblem()));
}

void TestMpiOptionsBox::configCarriesTheOptions()
{
    const QString hosts = dir_.filePath(u"hosts"_s);
    QFile file(hosts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("localhost slots=4\n");
    file.close();
    box()->transportBox()->setCurrentIndex(box()->transportBox()->findData(int(MpiTransport::Tcp)));
    box()->hostfileEdit()->setText(hosts);
    box()->mpirunEdit()->setText(qstr(mpirun_path({})));
    box()->argsEdit()->setText(u"--mca btl_tcp_if_include lo"_s);
    const MpiOptions o = panel_->config().mpi;
    QCOMPARE(o.transport, MpiTransport::Tcp);
    QCOMPARE(qstr(o.hostfile), hosts);
    QCOMPARE(o.mpirun, mpirun_path({}));
    QCOMPARE(o.args, std::string("--mca btl_tcp_if_include lo"));
    QVERIFY2(panel_->canRun(), qPrintable(panel_->runProblem()));

    ExperimentPanel other;
    other.setConfig(panel_->config());
    QCOMPARE(other.config(), panel_->config());
    // Every transport has a tooltip saying what it is.
    const auto* items = qobject_cast<QStandardItemModel*>(box()->transportBox()->model());
    QVERIFY(items->item(0)->toolTip().contains(u"shared-memory"_s));
    QVERIFY(items->item(1)->toolTip().contains(u"stands in for a network"_s));
}

void TestMpiOptionsBox::aBadOptionIsExplainedUnderItsField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("contents");   // of a file (not executable) made for an empty value
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("says");
    QTest::addRow("missing hostfile") << u"hostfile"_s << QByteArray() << u"/nonexistent/hosts"_s << u"cannot be read"_s;
    QTest::addRow("bad slots") << u"hostfile"_s << QByteArray("localhost slots=two\n") << QString()
                               << u"slots must be a whole number"_s;
    QTest::addRow("no host") << u"hostfile"_s << QByteArray("# nobody\n") << QString() << u"names no host"_s;
    QTest::addRow("mpirun not a program") << u"mpirun"_s << QByteArray("not a program\n") << QString()
                                          << u"is not an executable file"_s;
    QTest::addRow("unclosed quote") << u"args"_s << QByteArray() << u"--mca 'btl"_s << u"not closed"_s;
}

void TestMpiOptionsBox::aBadOptionIsExplainedUnderItsField()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, contents);
    QFETCH(QString, value);
    QFETCH(QString, says);
    if (value.isEmpty()) {
        value = dir_.filePath(u"bad-"_s + field);
        QFile file(value);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(contents);
    }
    QLineEdit* edit = field == u"hostfile"_s ? box()->hostfileEdit()
                      : field == u"mpirun"_s ? box()->mpirunEdit()
                                             : box()->argsEdit();
    ProblemLabel* label = field == u"hostfile"_s ? box()->hostfileProblemLabel()
                          : field == u"mpirun"_s ? box()->mpirunProblemLabel()
                                                 : box()->argsProblemLabel();
    QVERIFY(panel_->runButton()->isEnabled());
    edit->setText(value);
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(says), qPrintable(label->text()));
    QVERIFY(!panel_->runButton()->isEnabled());
    QVERIFY(!panel_->sweepButton()->isEnabled());
    QVERIFY2(panel_->runButton()->toolTip().startsWith(u"Cannot run: "_s), qPrintable(panel_->runButton()->toolTip()));
    edit->clear();
    QVERIFY(!label->isVisible());
    QVERIFY(panel_->runButton()->isEnabled());
    QVERIFY(panel_->sweepButton()->isEnabled());
}

void TestMpiOptionsBox::notesSayRootAndOversubscription()
{
    const int cores = std::max(1, logical_cores());
    panel_->workersSlider()->setValue(cores);
    QCOMPARE(box()->notesText().contains(u"warning: "_s), false);
    QCOMPARE(box()->notesText().contains(u"running as root"_s), geteuid() == 0);
    if (2 * cores <= panel_->workersSlider()->slider()->maximum()) {
        panel_->workersSlider()->setValue(2 * cores);
        const QString expected = u"warning: %1 ranks compute on %2 logical cores"_s.arg(2 * cores).arg(cores);
        QVERIFY2(box()->notesText().contains(expected), qPrintable(box()->notesText()));
        QVERIFY(panel_->canRun());   // more ranks than cores runs, with the warning
    }
    // With a hostfile, its slots count.
    const QString hosts = dir_.filePath(u"one-slot"_s);
    QFile file(hosts);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("localhost slots=1\n");
    file.close();
    panel_->workersSlider()->setValue(2);
    box()->hostfileEdit()->setText(hosts);
    QVERIFY2(box()->notesText().contains(u"warning: 2 ranks compute on 1 slots in the hostfile"_s),
             qPrintable(box()->notesText()));
}

void TestMpiOptionsBox::placeholderNamesTheMpirunFound()
{
    QVERIFY2(box()->mpirunEdit()->placeholderText().contains(qstr(mpirun_path({}))),
             qPrintable(box()->mpirunEdit()->placeholderText()));
    QVERIFY(!box()->browseButton()->toolTip().isEmpty());
}

void TestMpiOptionsBox::missingMpiIsSaidWithTheInstallCommand()
{
    const QByteArray path = qgetenv("PATH");
    const QString found = qstr(mpirun_path({}));
    qputenv("PATH", dir_.path().toLocal8Bit());   // no mpirun there
    panel_->refreshAvailability();
    const auto* items = qobject_cast<QStandardItemModel*>(panel_->strategyBox()->model());
    for (const QString& name : {u"mpi"_s, u"mpi-distributed"_s}) {
        const QStandardItem* item = items->item(panel_->strategyBox()->findText(name));
        QVERIFY2(!item->isEnabled(), qPrintable(name));
        QVERIFY2(item->toolTip().contains(u"cannot run here: mpirun is not on PATH"_s), qPrintable(item->toolTip()));
        QVERIFY2(item->toolTip().contains(u"install with: apt-get install openmpi-bin"_s), qPrintable(item->toolTip()));
    }
    QVERIFY(!panel_->canRun());
    QVERIFY2(panel_->runProblem().contains(u"install with:"_s), qPrintable(panel_->runProblem()));
    QVERIFY(items->item(panel_->strategyBox()->findText(u"fork-split"_s))->isEnabled());
    // Naming an mpirun makes them available again.
    box()->mpirunEdit()->setText(found);
    panel_->refreshAvailability();
    QVERIFY2(panel_->canRun(), qPrintable(panel_->runProblem()));
    QVERIFY(items->item(panel_->strategyBox()->findText(u"mpi"_s))->isEnabled());
    qputenv("PATH", path);
    box()->mpirunEdit()->clear();
    panel_->refreshAvailability();
    QVERIFY(panel_->canRun());
}

void TestMpiOptionsBox::settingsRoundTripAndBadKeysKeepTheValue()
{
    RunConfig c = panel_->config();
    c.strategy = StrategyKind::MpiDistributed;
    c.mpi = {MpiTransport::Tcp, "/tmp/some hosts", "/usr/bin/mpirun", "--mca btl_tcp_if_include lo"};
    panel_->setConfig(c);
    QSettings settings(dir_.filePath(u"mpi.ini"_s), QSettings::IniFormat);
    panel_->saveSettings(settings);
    ExperimentPanel other;
    other.restoreSettings(settings);
    QCOMPARE(other.config().mpi, c.mpi);
    QCOMPARE(other.config(), panel_->config());

    // A transport that does not parse, or keys that are missing, keep what the panel had.
    settings.setValue(u"experiment/mpiTransport"_s, u"carrier-pigeon"_s);
    settings.remove(u"experiment/mpiHostfile"_s);
    settings.remove(u"experiment/mpiArgs"_s);
    ExperimentPanel third;
    RunConfig before = third.config();
    before.mpi = {MpiTransport::Shm, "/kept/hosts", "", "--kept"};
    third.setConfig(before);
    third.restoreSettings(settings);
    QCOMPARE(third.config().mpi.transport, MpiTransport::Shm);
    QCOMPARE(third.config().mpi.hostfile, std::string("/kept/hosts"));
    QCOMPARE(third.config().mpi.args, std::string("--kept"));
    QCOMPARE(third.config().mpi.mpirun, std::string("/usr/bin/mpirun"));
}

void TestMpiOptionsBox::sizeLimitIsPerRank()
{
    const MemoryBudget budget = Runner::budget();
    if (budget.available_bytes == 0)
        QSKIP("this machine does not say how much memory is available");
    panel_->strategyBox()->setCurrentIndex(panel_->strategyBox()->findText(u"mpi-distributed"_s));
    panel_->workersSlider()->setValue(2);
    const quint64 oneHost = panel_->sizeSlider()->sliderMaximum();
    const auto fits = quint64(max_items(panel_->config(), budget));   // the slider stops at round values
    QVERIFY2(oneHost <= fits && oneHost >= fits / 2, qPrintable(u"%1 vs %2"_s.arg(oneHost).arg(fits)));
    // The mpi strategy's rank 0 holds the whole vector and the tasks' copies: less fits.
    panel_->strategyBox()->setCurrentIndex(panel_->strategyBox()->findText(u"mpi"_s));
    QVERIFY(panel_->sizeSlider()->sliderMaximum() < oneHost);
    panel_->strategyBox()->setCurrentIndex(panel_->strategyBox()->findText(u"mpi-distributed"_s));

    // A hostfile of two hosts, one slot each: one rank per host, each with this host's memory.
    const QString hosts = dir_.filePath(u"two-hosts"_s);
    QFile file(hosts);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("localhost slots=1\n127.0.0.1 slots=1\n");
    file.close();
    box()->hostfileEdit()->setText(hosts);
    const quint64 twoHosts = panel_->sizeSlider()->sliderMaximum();
    QVERIFY2(twoHosts > oneHost * 19 / 10, qPrintable(u"%1 vs %2"_s.arg(twoHosts).arg(oneHost)));
    box()->hostfileEdit()->clear();

    // Too large for this host: the message says what each rank holds, under the size.
    const quint64 tooBig = oneHost / 2 * 3;
    const int workers = panel_->workersSlider()->slider()->maximum();
    if (tooBig / static_cast<quint64>(workers) >= 2'147'483'647ULL)
        QSKIP("this machine holds more than an MPI slice per rank");
    panel_->workersSlider()->setValue(workers);
    panel_->sizeSlider()->setValue(tooBig);
    QVERIFY(!panel_->canRun());
    const QString expected = u"each of the %1 ranks holds"_s.arg(workers);
    QVERIFY2(panel_->runProblem().contains(expected), qPrintable(panel_->runProblem()));
    QVERIFY2(panel_->runProblem().contains(u"per rank"_s), qPrintable(panel_->runProblem()));
    bool shown = false;
    for (const ProblemLabel* label : panel_->findChildren<ProblemLabel*>())
        shown = shown || (label->isVisible() && label->text() == panel_->runProblem());
    QVERIFY(shown);
}

QTEST_MAIN(TestMpiOptionsBox)
#include "tst_mpioptionsbox.moc"
