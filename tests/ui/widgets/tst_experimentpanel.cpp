// SPDX-License-Identifier: GPL-3.0-or-later
// The experiment's controls: sliders and boxes change the run configuration; impossible
// values are explained next to their field and disable the buttons.

#include "testcells.h"

#include "combodata.h"
#include "experimentpanel.h"
#include "labeledslider.h"
#include "sizeslider.h"
#include "sizespinbox.h"

#include "chunkscope/machine.h"
#include "chunkscope/memory.h"
#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

} // namespace

class TestExperimentPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void anotherInterpreterChangesWhatCanRun();
    void init();
    void movingASliderChangesTheConfig_data();
    void movingASliderChangesTheConfig();
    void typedValuesAreExact();
    void sizeBoxTakesTheCliSyntax_data();
    void sizeBoxTakesTheCliSyntax();
    void sizeSliderIsLogarithmic();
    void sizeSliderFollowsTheStrategy();
    void impossibleValuesAreExplained_data();
    void impossibleValuesAreExplained();
    void sequentialCannotSweep();
    void forkItemsSweepsOneRow();
    void strategiesFollowTheRegistry_data();
    void strategiesFollowTheRegistry();
    void everyControlHasATooltip();
    void settingsRoundTrip();
    void scheduleRoundTrip();
    void scheduleBoxSaysWhatEachDoes();
    void daskSchedulerIsCheckedAsTheCliChecksIt();
    void loseAWorkerIsBesideTheSchedulerAndCheckedAsTheCliChecksIt();

private:
    testcells::IsolatedSettings settings_;
    std::unique_ptr<ExperimentPanel> panel_;
};

void TestExperimentPanel::init()
{
    panel_ = std::make_unique<ExperimentPanel>();
    RunConfig c = testcells::baseConfig();
    c.workers = 1;
    panel_->setConfig(c);
    panel_->show();
}

void TestExperimentPanel::movingASliderChangesTheConfig_data()
{
    QTest::addColumn<QString>("slider");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("field");
    QTest::addColumn<qulonglong>("expected");
    QTest::addRow("workers") << u"workersSlider"_s << 2 << u"workers"_s << 2ULL;
    QTest::addRow("splits 2^3") << u"splitsSlider"_s << 3 << u"splits"_s << 8ULL;
    QTest::addRow("splits 2^10") << u"splitsSlider"_s << 10 << u"splits"_s << 1024ULL;
    QTest::addRow("chunksize 2^5") << u"chunksizeSlider"_s << 5 << u"chunksize"_s << 32ULL;
    QTest::addRow("repetitions") << u"repeatsSlider"_s << 7 << u"repeats"_s << 7ULL;
    QTest::addRow("intensity 2^4") << u"intensitySlider"_s << 4 << u"intensity"_s << 16ULL;
}

void TestExperimentPanel::movingASliderChangesTheConfig()
{
    QFETCH(QString, slider);
    QFETCH(int, position);
    QFETCH(QString, field);
    QFETCH(qulonglong, expected);
    auto* labeled = panel_->findChild<LabeledSlider*>(slider);
    QVERIFY(labeled);
    QSignalSpy changed(panel_.get(), &ExperimentPanel::configChanged);
    // As a user drags it: the slider moves one step at a time.
    QSlider* s = labeled->slider();
    while (s->value() != position)
        s->triggerAction(s->value() < position ? QAbstractSlider::SliderSingleStepAdd
                                               : QAbstractSlider::SliderSingleStepSub);
    QVERIFY(changed.count() >= 1);
    const RunConfig c = panel_->config();
    const std::map<QString, qulonglong> actual{{u"workers"_s, qulonglong(c.workers)},
                                               {u"splits"_s, c.splits},
                                               {u"chunksize"_s, c.chunksize},
                                               {u"repeats"_s, qulonglong(c.repeats)},
                                               {u"intensity"_s, qulonglong(c.workload.intensity)}};
    QCOMPARE(actual.at(field), expected);
    QCOMPARE(qulonglong(labeled->spinBox()->value()), expected);
}

void TestExperimentPanel::typedValuesAreExact()
{
    QSpinBox* box = panel_->splitsSlider()->spinBox();
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, u"100"_s);
    QTest::keyClick(box, Qt::Key_Enter);
    QCOMPARE(panel_->config().splits, 100u);
    QCOMPARE(panel_->splitsSlider()->slider()->value(), 7);   // the nearest power of two, 128
    // The arrows double and halve.
    box->stepBy(1);
    QCOMPARE(panel_->config().splits, 128u);
    box->stepBy(-2);
    QCOMPARE(panel_->config().splits, 32u);
}

void TestExperimentPanel::sizeBoxTakesTheCliSyntax_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<qulonglong>("items");
    QTest::addRow("25M") << u"25M"_s << 25'000'000ULL;
    QTest::addRow("1e5") << u"1e5"_s << 100'000ULL;
    QTest::addRow("2500") << u"2500"_s << 2500ULL;
}

void TestExperimentPanel::sizeBoxTakesTheCliSyntax()
{
    QFETCH(QString, typed);
    QFETCH(qulonglong, items);
    SizeSpinBox* box = panel_->sizeSlider()->spinBox();
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, typed);
    QTest::keyClick(box, Qt::Key_Enter);
    QCOMPARE(qulonglong(panel_->config().workload.size), items);
    QVERIFY2(box->text().contains(u"·"_s), qPrintable(box->text()));   // "25M · 200 MB"
}

void TestExperimentPanel::sizeSliderIsLogarithmic()
{
    QSlider* slider = panel_->sizeSlider()->slider();
    slider->setValue(slider->minimum());
    QCOMPARE(panel_->config().workload.size, 1000u);
    // Each step multiplies by roughly the same factor.
    slider->setValue(slider->minimum() + 10);
    QCOMPARE(panel_->config().workload.size, 10'000u);
    slider->setValue(slider->minimum() + 30);
    QCOMPARE(panel_->config().workload.size, 1'000'000u);
    // At most what the core says the strategy, as set, fits in now.
    const MemoryBudget budget = Runner::budget();
    if (budget.available_bytes > 0)
        QVERIFY(panel_->sizeSlider()->sliderMaximum() <= std::max<std::size_t>(1000, max_items(panel_->config(), budget)));
}

void TestExperimentPanel::sizeSliderFollowsTheStrategy()
{
    if (Runner::budget().available_bytes == 0)
        QSKIP("this machine does not say how much memory is available");
    RunConfig c = panel_->config();
    c.strategy = StrategyKind::Threads;
    c.workers = 4;
    panel_->setConfig(c);
    const quint64 threads = panel_->sizeSlider()->sliderMaximum();
    // One task of the whole vector, and a warm pool whose four workers may each hold a copy:
    // six vectors instead of two.
    c.strategy = StrategyKind::ForkSplit;
    c.splits = 1;
    c.chunksize = 1;
    c.pool = PoolLifetime::Warm;
    panel_->setConfig(c);
    const quint64 copies = panel_->sizeSlider()->sliderMaximum();
    QVERIFY2(copies < threads, qPrintable(u"%1 vs %2"_s.arg(copies).arg(threads)));
    QVERIFY(copies <= max_items(panel_->config(), Runner::budget()));
    // The value set is kept when the range changes.
    c.workload.size = 12'345;
    panel_->setConfig(c);
    c.strategy = StrategyKind::Threads;
    panel_->setConfig(c);
    QCOMPARE(panel_->config().workload.size, 12'345u);
}

void TestExperimentPanel::impossibleValuesAreExplained_data()
{
    QTest::addColumn<qulonglong>("size");
    QTest::addColumn<int>("splits");
    QTest::addColumn<bool>("runs");
    QTest::addColumn<QString>("problemNear");   // which field's explanation shows
    QTest::addRow("fine") << 100'000ULL << 64 << true << QString();
    QTest::addRow("splits above size") << 1'000ULL << 2048 << false << u"splits"_s;
    QTest::addRow("does not fit in memory") << 10'000'000'000'000ULL << 64 << false << u"size"_s;
}

void TestExperimentPanel::impossibleValuesAreExplained()
{
    QFETCH(qulonglong, size);
    QFETCH(int, splits);
    QFETCH(bool, runs);
    QFETCH(QString, problemNear);
    panel_->sizeSlider()->setValue(size);
    panel_->splitsSlider()->setValue(splits);
    QCOMPARE(panel_->canRun(), runs);
    QCOMPARE(panel_->runButton()->isEnabled(), runs);
    if (runs)
        return;
    QVERIFY(!panel_->runProblem().isEmpty());
    // The explanation sits in the field's own row of the form.
    bool shown = false;
    const QList<QLabel*> labels = panel_->findChildren<QLabel*>();
    for (QLabel* label : labels)
        if (label->isVisible() && label->text() == panel_->runProblem())
            shown = true;
    QVERIFY2(shown, qPrintable(panel_->runProblem()));
    QVERIFY2(panel_->runProblem().contains(problemNear == u"size"_s ? u"memory"_s : u"splits"_s),
             qPrintable(panel_->runProblem()));
    // The sweep's grid does not use the splits slider; a vector that does not fit stops it too.
    if (problemNear == u"size"_s)
        QVERIFY(!panel_->canSweep());
}

void TestExperimentPanel::sequentialCannotSweep()
{
    QComboBox* strategy = panel_->strategyBox();
    strategy->setCurrentIndex(strategy->findData(int(StrategyKind::Sequential)));
    QVERIFY(panel_->canRun());
    QVERIFY(!panel_->canSweep());
    QVERIFY(!panel_->sweepButton()->isEnabled());
    QVERIFY(!panel_->splitsSlider()->isEnabled());
    // And a grid that does not parse cannot sweep either.
    strategy->setCurrentIndex(strategy->findData(int(StrategyKind::Threads)));
    QVERIFY(panel_->canSweep());
    panel_->chunksListEdit()->setText(u"1, 2, x"_s);
    QVERIFY(!panel_->canSweep());
    panel_->chunksListEdit()->setText(u"1,2,4"_s);
    QVERIFY(panel_->canSweep());
    panel_->splitsListEdit()->setText(u"1, 200000"_s);   // above the size
    QVERIFY(!panel_->canSweep());
    QVERIFY(panel_->sweepProblem().contains(u"200000"_s));
}

void TestExperimentPanel::forkItemsSweepsOneRow()
{
    panel_->strategyBox()->setCurrentIndex(panel_->strategyBox()->findData(int(StrategyKind::ForkItems)));
    panel_->chunksListEdit()->setText(u"1000, 2000"_s);
    const SweepSpec spec = panel_->sweepSpec();
    QCOMPARE(spec.splits_list.size(), 1u);
    QCOMPARE(spec.chunks_list, (std::vector<std::size_t>{1000, 2000}));
    QVERIFY(!panel_->splitsListEdit()->isEnabled());
}

void TestExperimentPanel::strategiesFollowTheRegistry_data()
{
    QTest::addColumn<int>("kind");
    for (const StrategyInfo& s : strategy_registry())
        QTest::addRow("%s", std::string(s.name).c_str()) << static_cast<int>(s.kind);
}

void TestExperimentPanel::strategiesFollowTheRegistry()
{
    QFETCH(int, kind);
    const StrategyInfo& s = strategy_info(static_cast<StrategyKind>(kind));
    const Availability here = availability(s.kind);
    QComboBox* box = panel_->strategyBox();
    const int i = box->findData(kind);
    QVERIFY(i >= 0);
    QCOMPARE(box->itemText(i), text(s.name));
    const QString tip = box->itemData(i, Qt::ToolTipRole).toString();
    if (here.available) {
        QCOMPARE(tip, text(s.description));
    } else {
        QVERIFY2(tip.startsWith(text(s.description)) && tip.contains(text(here.reason)) &&
                     tip.contains(text(here.install)),
                 qPrintable(tip));
    }
    QCOMPARE(qobject_cast<QStandardItemModel*>(box->model())->item(i)->isEnabled(), here.available);

    box->setCurrentIndex(i);
    // The description shows under the box.
    bool described = false;
    const QList<QLabel*> labels = panel_->findChildren<QLabel*>();
    for (QLabel* label : labels)
        described = described || (label->isVisible() && label->text().startsWith(text(s.description)));
    QVERIFY(described);

    auto* chunksAuto = panel_->findChild<QCheckBox*>(u"chunksizeAuto"_s);
    QVERIFY(chunksAuto);
    for (bool autoChunks : {false, true}) {
        chunksAuto->setChecked(autoChunks);
        QCOMPARE(panel_->workersSlider()->isEnabled(), s.uses(Knob::Workers));
        QCOMPARE(panel_->findChild<QComboBox*>(u"poolBox"_s)->isEnabled(), s.uses(Knob::Pool));
        QCOMPARE(panel_->findChild<QComboBox*>(u"partitionerBox"_s)->isEnabled(), s.uses(Knob::Partitioner));
        QCOMPARE(panel_->findChild<QComboBox*>(u"scheduleBox"_s)->isEnabled(), s.uses(Knob::Schedule));
        QCOMPARE(panel_->findChild<QComboBox*>(u"memmapBox"_s)->isEnabled(), s.uses(Knob::Memmap));
        QCOMPARE(panel_->findChild<QLineEdit*>(u"daskSchedulerEdit"_s)->isEnabled(), s.uses(Knob::DaskScheduler));
        QCOMPARE(panel_->splitsSlider()->isEnabled(), s.uses(Knob::Splits));
        QCOMPARE(panel_->chunksizeSlider()->isEnabled(), s.uses(Knob::Chunksize) && !autoChunks);
        QCOMPARE(chunksAuto->isEnabled(), s.uses(Knob::Chunksize));
        QCOMPARE(panel_->splitsListEdit()->isEnabled(), s.uses(Knob::Splits));
        QCOMPARE(panel_->chunksListEdit()->isEnabled(), s.uses(Knob::Chunksize));
    }
    // splits auto: the library's own chunks, for a strategy with a rule of its own (py-dask).
    auto* splitsAuto = panel_->findChild<QCheckBox*>(u"splitsAuto"_s);
    QVERIFY(splitsAuto);
    const bool rule = s.splits_auto != SplitsAuto::None;
    for (bool autoSplits : {true, false}) {
        splitsAuto->setChecked(autoSplits);
        QCOMPARE(splitsAuto->isEnabled(), rule);
        QCOMPARE(panel_->splitsSlider()->isEnabled(), s.uses(Knob::Splits) && !(rule && autoSplits));
        QCOMPARE(panel_->config().splits_auto, rule && autoSplits);
        QCOMPARE(splitsAuto->toolTip().contains(u"Greyed out"_s), !rule);
    }
    // A greyed-out knob's tooltip says that this strategy does not use it, and how it shares the
    // work instead (std-par: the library decides how to cut the range).
    const QString greyed = u"does not use it"_s;
    QCOMPARE(panel_->splitsSlider()->toolTip().contains(greyed), !s.uses(Knob::Splits));
    QCOMPARE(panel_->chunksizeSlider()->toolTip().contains(greyed), !s.uses(Knob::Chunksize));
    QCOMPARE(panel_->scheduleBox()->toolTip().contains(greyed), !s.uses(Knob::Schedule));
    if (!s.uses(Knob::Splits))
        QVERIFY2(panel_->splitsSlider()->toolTip().contains(text(s.description)),
                 qPrintable(panel_->splitsSlider()->toolTip()));
    if (s.kind == StrategyKind::StdPar)
        for (LabeledSlider* knob : {panel_->splitsSlider(), panel_->chunksizeSlider()})
            QVERIFY2(knob->toolTip().contains(u"the library decides how to cut it"_s), qPrintable(knob->toolTip()));
    // One that cannot run here is explained, not started; one with neither splits nor a chunksize
    // has nothing to sweep.
    QCOMPARE(panel_->canRun(), here.available);
    QCOMPARE(panel_->canSweep(), here.available && (s.uses(Knob::Splits) || s.uses(Knob::Chunksize)));
    if (!panel_->canSweep())
        QVERIFY2(panel_->sweepProblem().contains(text(s.name), Qt::CaseInsensitive),
                 qPrintable(panel_->sweepProblem()));
}

void TestExperimentPanel::everyControlHasATooltip()
{
    const QList<QWidget*> widgets = panel_->findChildren<QWidget*>();
    int checked = 0;
    for (QWidget* w : widgets) {
        const bool control = qobject_cast<QAbstractSlider*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
                             qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractButton*>(w) ||
                             qobject_cast<QLineEdit*>(w);
        if (!control || qobject_cast<QLineEdit*>(w->parentWidget()))   // a spin box's own line edit
            continue;
        if (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) || qobject_cast<QComboBox*>(w->parentWidget()))
            continue;
        ++checked;
        QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName() + u" "_s + QString::fromLatin1(w->metaObject()->className())));
    }
    QVERIFY(checked > 15);
}

void TestExperimentPanel::settingsRoundTrip()
{
    RunConfig c = testcells::baseConfig(StrategyKind::Tbb);
    c.workload.function = Function::Sin;
    c.workload.kernel = Kernel::Scalar;
    c.workload.intensity = 8;
    c.workload.size = 250'000;
    c.splits = 100;
    c.chunksize = 3;
    c.partitioner = Partitioner::Static;
    c.repeats = 5;
    c.warmup = 2;
    panel_->setConfig(c);
    panel_->setSweepLists({1, 3, 9}, {2, 4});
    QSettings settings(settings_.dir.filePath(u"roundtrip.ini"_s), QSettings::IniFormat);
    panel_->saveSettings(settings);
    ExperimentPanel other;
    other.restoreSettings(settings);
    QCOMPARE(other.config(), c);
    QCOMPARE(other.sweepSpec().splits_list, (std::vector<std::size_t>{1, 3, 9}));
    QCOMPARE(other.sweepSpec().chunks_list, (std::vector<std::size_t>{2, 4}));
}

void TestExperimentPanel::scheduleRoundTrip()
{
    // Every schedule survives the settings, and the box shows the one the config has.
    for (Schedule k : all_schedules()) {
        RunConfig c = testcells::baseConfig(StrategyKind::Omp);
        c.schedule = k;
        panel_->setConfig(c);
        QCOMPARE(currentData<Schedule>(panel_->scheduleBox()), k);
        QSettings settings(settings_.dir.filePath(u"schedule.ini"_s), QSettings::IniFormat);
        settings.clear();
        panel_->saveSettings(settings);
        QCOMPARE(settings.value(u"experiment/schedule"_s).toString(), text(to_string(k)));
        ExperimentPanel other;
        other.restoreSettings(settings);
        QCOMPARE(other.config().schedule, k);
        QCOMPARE(other.config(), c);
    }
    // Choosing one in the box changes the config.
    panel_->scheduleBox()->setCurrentIndex(panel_->scheduleBox()->findData(int(Schedule::Guided)));
    QCOMPARE(panel_->config().schedule, Schedule::Guided);
    // And py-joblib's memmap the same way.
    for (bool memmap : {false, true}) {
        RunConfig c = testcells::baseConfig(StrategyKind::PyJoblib);
        c.memmap = memmap;
        panel_->setConfig(c);
        QCOMPARE(panel_->memmapBox()->currentData().toBool(), memmap);
        QSettings settings(settings_.dir.filePath(u"memmap.ini"_s), QSettings::IniFormat);
        settings.clear();
        panel_->saveSettings(settings);
        QCOMPARE(settings.value(u"experiment/memmap"_s).toString(), memmap ? u"on"_s : u"off"_s);
        ExperimentPanel other;
        other.restoreSettings(settings);
        QCOMPARE(other.config().memmap, memmap);
    }
    // And Dask's own chunks.
    for (bool autoSplits : {false, true}) {
        RunConfig c = testcells::baseConfig(StrategyKind::PyDask);
        c.splits_auto = autoSplits;
        panel_->setConfig(c);
        QCOMPARE(panel_->config().splits_auto, autoSplits);
        QSettings settings(settings_.dir.filePath(u"splitsauto.ini"_s), QSettings::IniFormat);
        settings.clear();
        panel_->saveSettings(settings);
        QCOMPARE(settings.value(u"experiment/splitsAuto"_s).toBool(), autoSplits);
        ExperimentPanel other;
        other.restoreSettings(settings);
        QCOMPARE(other.config().splits_auto, autoSplits);
    }
}

void TestExperimentPanel::scheduleBoxSaysWhatEachDoes()
{
    QComboBox* box = panel_->scheduleBox();
    QCOMPARE(box->count(), static_cast<int>(all_schedules().size()));
    for (const QString& what : {u"round robin"_s, u"shared counter"_s, u"shrink"_s, u"one block per thread"_s})
        QVERIFY2(box->toolTip().contains(what), qPrintable(box->toolTip()));
    for (int i = 0; i < box->count(); ++i)
        QVERIFY(box->itemData(i, Qt::ToolTipRole).toString().startsWith(box->itemText(i) + u':'));
    // Its label's mnemonic is Alt+D, which no other label of the panel takes.
    QLabel* label = nullptr;
    const QList<QLabel*> labels = panel_->findChildren<QLabel*>();
    for (QLabel* l : labels) {
        if (l->buddy() == box)
            label = l;
        const qsizetype amp = l->text().indexOf(u'&');
        if (l->buddy() && amp >= 0 && amp + 1 < l->text().size()) {
            const QChar key = l->text().at(amp + 1).toLower();
            QVERIFY2(l->buddy() == box || key != u'd', qPrintable(l->text()));
        }
    }
    QVERIFY(label);
    QCOMPARE(label->text(), u"Sche&dule"_s);
}

void TestExperimentPanel::anotherInterpreterChangesWhatCanRun()
{
    ExperimentPanel panel;
    const auto* items = qobject_cast<QStandardItemModel*>(panel.strategyBox()->model());
    const int row = panel.strategyBox()->findText(u"py-split"_s);
    QVERIFY(row >= 0);
    // An "interpreter" that cannot run the module: the Python strategies are greyed out, saying why.
    set_python_interpreter("/bin/false");
    panel.refreshAvailability();
    QVERIFY(!items->item(row)->isEnabled());
    QVERIFY2(items->item(row)->toolTip().contains(u"cannot run here"_s), qPrintable(items->item(row)->toolTip()));
    QVERIFY(items->item(panel.strategyBox()->findText(u"fork-split"_s))->isEnabled());
    set_python_interpreter("");
    panel.refreshAvailability();
    QCOMPARE(items->item(row)->isEnabled(), availability(StrategyKind::PySplit).available);
}

// The Dask scheduler's box: for the two strategies on a Dask cluster only (greyed for the others,
// saying why), its form checked by the CLI's own check, kept in the settings, carried in the config.
void TestExperimentPanel::daskSchedulerIsCheckedAsTheCliChecksIt()
{
    QLineEdit* edit = panel_->daskSchedulerEdit();
    QVERIFY(edit);
    RunConfig split = testcells::baseConfig(StrategyKind::PySplit);
    panel_->setConfig(split);
    QVERIFY(!edit->isEnabled());
    QVERIFY2(edit->toolTip().contains(u"Greyed out: py-split does not use it"_s), qPrintable(edit->toolTip()));
    for (StrategyKind kind : {StrategyKind::PyDaskCluster, StrategyKind::PyDaskDistributed}) {
        RunConfig c = testcells::baseConfig(kind);
        panel_->setConfig(c);
        QVERIFY(edit->isEnabled());
        QVERIFY(!edit->toolTip().contains(u"Greyed out"_s));
        QVERIFY(!edit->placeholderText().isEmpty());
        // A wrong form: the CLI's message, under the field, and neither Run nor Sweep.
        for (const QString& typed : {u"10.0.0.5:8786"_s, u"tcp://10.0.0.5"_s, u"tcp://10.0.0.5:70000"_s}) {
            edit->setText(typed);
            const auto expected = dask_scheduler_form_problem(typed.toStdString());
            QVERIFY(expected);
            QCOMPARE(panel_->runProblem(), u"Dask scheduler: "_s + QString::fromStdString(*expected));
            QVERIFY(panel_->runProblem().contains(u"tcp://HOST:PORT"_s));
            QCOMPARE(panel_->sweepProblem(), panel_->runProblem());
            QVERIFY(!panel_->runButton()->isEnabled());
            QVERIFY(!panel_->sweepButton()->isEnabled());
            bool shown = false;
            for (QLabel* label : panel_->findChildren<QLabel*>())
                shown = shown || (label->isVisible() && label->text() == panel_->runProblem());
            QVERIFY2(shown, qPrintable(panel_->runProblem()));
        }
        // The right form: no word about the scheduler (no connection is tried as it is typed).
        edit->setText(u" tcp://10.0.0.5:8786 "_s);
        QVERIFY2(!panel_->runProblem().contains(u"Dask scheduler"_s), qPrintable(panel_->runProblem()));
        QCOMPARE(panel_->config().dask_scheduler, std::string("tcp://10.0.0.5:8786"));
        QSettings settings(settings_.dir.filePath(u"dask.ini"_s), QSettings::IniFormat);
        settings.clear();
        panel_->saveSettings(settings);
        QCOMPARE(settings.value(u"experiment/daskScheduler"_s).toString(), u"tcp://10.0.0.5:8786"_s);
        ExperimentPanel other;
        other.restoreSettings(settings);
        QCOMPARE(other.config().dask_scheduler, std::string("tcp://10.0.0.5:8786"));
        QCOMPARE(other.daskSchedulerEdit()->text(), u"tcp://10.0.0.5:8786"_s);
        // Empty: a LocalCluster.
        edit->clear();
        QCOMPARE(panel_->config().dask_scheduler, std::string());
    }
    // A strategy that does not use it ignores a wrong one.
    split.dask_scheduler = "nonsense";
    panel_->setConfig(split);
    QVERIFY(!panel_->runProblem().contains(u"Dask scheduler"_s));
}

// The "lose a worker" box beside the scheduler's: for the two strategies on a Dask cluster only
// (greyed for the others, saying why), refused on an existing cluster and with one worker by the
// CLI's own check (dask_lose_worker_problem), kept in the settings, carried in the config.
void TestExperimentPanel::loseAWorkerIsBesideTheSchedulerAndCheckedAsTheCliChecksIt()
{
    QCheckBox* box = panel_->daskLoseWorkerBox();
    QVERIFY(box);
    QCOMPARE(box->parentWidget(), panel_->daskSchedulerEdit()->parentWidget());
    RunConfig split = testcells::baseConfig(StrategyKind::PySplit);
    split.dask_lose_worker = true;
    panel_->setConfig(split);
    QVERIFY(!box->isEnabled());
    QVERIFY2(box->toolTip().contains(u"Greyed out: py-split does not use it"_s), qPrintable(box->toolTip()));
    QVERIFY(!panel_->config().dask_lose_worker);
    for (StrategyKind kind : {StrategyKind::PyDaskCluster, StrategyKind::PyDaskDistributed}) {
        RunConfig c = testcells::baseConfig(kind);
        c.workers = 2;
        panel_->setConfig(c);
        QVERIFY(box->isEnabled());
        QVERIFY(!box->isChecked());
        QVERIFY2(box->toolTip().contains(u"not ours to kill"_s), qPrintable(box->toolTip()));
        box->setChecked(true);
        QVERIFY(panel_->config().dask_lose_worker);
        QVERIFY2(!panel_->runProblem().contains(u"dask-lose-worker"_s), qPrintable(panel_->runProblem()));
        // An existing cluster: the core's words, and no Run.
        panel_->daskSchedulerEdit()->setText(u"tcp://10.0.0.5:8786"_s);
        QVERIFY2(panel_->runProblem().contains(u"the cluster at tcp://10.0.0.5:8786 is not Chunkscope's, nor are its "
                                               u"workers ours to kill"_s),
                 qPrintable(panel_->runProblem()));
        QVERIFY(!panel_->runButton()->isEnabled());
        panel_->daskSchedulerEdit()->clear();
        QVERIFY2(!panel_->runProblem().contains(u"dask-lose-worker"_s), qPrintable(panel_->runProblem()));
        QSettings settings(settings_.dir.filePath(u"lose.ini"_s), QSettings::IniFormat);
        settings.clear();
        panel_->saveSettings(settings);
        QCOMPARE(settings.value(u"experiment/daskLoseWorker"_s).toBool(), true);
        ExperimentPanel other;
        other.restoreSettings(settings);
        QVERIFY(other.config().dask_lose_worker);
        QVERIFY(other.daskLoseWorkerBox()->isChecked());
        box->setChecked(false);
        QVERIFY(!panel_->config().dask_lose_worker);
    }
}

QTEST_MAIN(TestExperimentPanel)
#include "tst_experimentpanel.moc"
