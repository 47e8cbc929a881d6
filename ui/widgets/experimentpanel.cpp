// SPDX-License-Identifier: GPL-3.0-or-later
#include "experimentpanel.h"

#include "combodata.h"
#include "experimentstate.h"
#include "labeledslider.h"
#include "mpioptionsbox.h"
#include "problemlabel.h"
#include "sweepgridbox.h"
#include "uiformat.h"
#include "workloadbox.h"

#include "chunkscope/machine.h"
#include "chunkscope/memory.h"
#include "chunkscope/mpi.h"
#include "chunkscope/python.h"
#include "chunkscope/registry.h"
#include "chunkscope/runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStringList>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// "fork-shm cannot run here: <reason> — install with: <command>".
QString notAvailableText(const StrategyInfo& s, const Availability& a)
{
    QString text = ExperimentPanel::tr("%1 cannot run here: %2").arg(qs(s.name), qs(a.reason));
    if (!a.install.empty())
        text += u" — "_s + ExperimentPanel::tr("install with: %1").arg(qs(a.install));
    return text;
}

// The strategy's description, and why it cannot run here when it cannot.
QString strategyText(StrategyKind kind)
{
    const StrategyInfo& s = strategy_info(kind);
    const Availability a = availability(kind);
    return a.available ? qs(s.description) : qs(s.description) + u"\n"_s + notAvailableText(s, a);
}

// What each of OpenMP's schedules does with the chunks of chunksize parts.
QString scheduleText(Schedule k)
{
    switch (k) {
    case Schedule::Static:
        return ExperimentPanel::tr("static: the chunks are dealt round robin to the threads before the loop starts");
    case Schedule::Dynamic:
        return ExperimentPanel::tr("dynamic: a free thread takes the next chunk from a shared counter");
    case Schedule::Guided:
        return ExperimentPanel::tr("guided: chunks start large and shrink as the loop runs, never below chunksize "
                                   "parts");
    case Schedule::Default:
        return ExperimentPanel::tr("default: OpenMP's own, static with no chunk: one block per thread (chunksize "
                                   "does not apply)");
    }
    return {};
}

// A slider with its "auto" tick under it, for a row of the form.
QWidget* withTick(LabeledSlider* slider, QCheckBox* tick, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(slider);
    layout->addWidget(tick);
    return row;
}

} // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    workload_ = new WorkloadBox(this);
    layout->addWidget(workload_);
    connect(workload_, &WorkloadBox::changed, this, &ExperimentPanel::onChanged);
    layout->addWidget(buildStrategy());
    mpi_ = new MpiOptionsBox(this);
    layout->addWidget(mpi_);
    connect(mpi_, &MpiOptionsBox::changed, this, &ExperimentPanel::onChanged);
    showAvailability();   // with the MPI options: a typed mpirun makes the mpi strategies available
    grid_ = new SweepGridBox(this);
    layout->addWidget(grid_);
    connect(grid_, &SweepGridBox::changed, this, &ExperimentPanel::onChanged);

    run_ = new QPushButton(tr("Run"), this);
    run_->setObjectName(u"runButton"_s);
    run_->setToolTip(tr("Run the current point (splits × chunksize) with the repetitions set above (Ctrl+R)"));
    sweep_ = new QPushButton(tr("Sweep"), this);
    sweep_->setObjectName(u"sweepButton"_s);
    sweep_->setToolTip(tr("Run every cell of the sweep grid and fill the heatmap as they finish (Ctrl+Shift+R)"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(u"cancelButton"_s);
    cancel_->setToolTip(tr("Stop the run now; the cells already finished stay (Esc)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(sweep_);
    buttons->addWidget(cancel_);
    layout->addLayout(buttons);
    runProblemLabel_ = new ProblemLabel(this);
    layout->addWidget(runProblemLabel_);
    layout->addStretch(1);

    connect(run_, &QPushButton::clicked, this, &ExperimentPanel::runRequested);
    connect(sweep_, &QPushButton::clicked, this, &ExperimentPanel::sweepRequested);
    connect(cancel_, &QPushButton::clicked, this, &ExperimentPanel::cancelRequested);

    // The tutorial's split version on this machine's cores: the sweep is one click away.
    RunConfig start;
    start.strategy = StrategyKind::ForkSplit;
    start.workers = std::max(1, logical_cores());
    start.cell_budget_s = kDefaultCellBudgetS;
    setConfig(start);
    setSweepLists(default_grid(), default_grid());
}

QWidget* ExperimentPanel::buildStrategy()
{
    auto* box = new QGroupBox(tr("How it runs"), this);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    strategy_ = new QComboBox(box);
    strategy_->setObjectName(u"strategyBox"_s);
    // Every strategy of the registry; one that cannot run here stays listed, greyed out, saying why.
    for (const StrategyInfo& s : strategy_registry())
        strategy_->addItem(qs(s.name), static_cast<int>(s.kind));
    showAvailability();
    strategy_->setToolTip(tr("How the work is shared between workers; hover an entry for what it does"));
    form->addRow(tr("S&trategy"), strategy_);
    strategyText_ = new QLabel(box);
    strategyText_->setWordWrap(true);
    strategyText_->setStyleSheet(u"color: #505050;"_s);
    strategyText_->setToolTip(strategy_->toolTip());
    form->addRow(strategyText_);

    const int cores = std::max(1, logical_cores());
    // Their tooltips follow the strategy (showKnobTips).
    workers_ = new LabeledSlider(LabeledSlider::Scale::Linear, box);
    workers_->setObjectName(u"workersSlider"_s);
    workers_->setRange(1, std::min(kMaxWorkers, 2 * cores));
    form->addRow(tr("&Workers"), workers_);

    pool_ = new QComboBox(box);
    pool_->setObjectName(u"poolBox"_s);
    pool_->addItem(tr("fresh (created in the timed region)"), static_cast<int>(PoolLifetime::Fresh));
    pool_->addItem(tr("warm (created once, reused)"), static_cast<int>(PoolLifetime::Warm));
    form->addRow(tr("&Pool"), pool_);

    partitioner_ = new QComboBox(box);
    partitioner_->setObjectName(u"partitionerBox"_s);
    for (Partitioner p : {Partitioner::Simple, Partitioner::Auto, Partitioner::Static, Partitioner::Affinity})
        partitioner_->addItem(qs(to_string(p)), static_cast<int>(p));
    form->addRow(tr("P&artitioner"), partitioner_);

    schedule_ = new QComboBox(box);
    schedule_->setObjectName(u"scheduleBox"_s);
    for (Schedule k : all_schedules()) {
        schedule_->addItem(qs(to_string(k)), static_cast<int>(k));
        schedule_->setItemData(schedule_->count() - 1, scheduleText(k), Qt::ToolTipRole);
    }
    form->addRow(tr("Sche&dule"), schedule_);

    memmap_ = new QComboBox(box);
    memmap_->setObjectName(u"memmapBox"_s);
    for (bool on : {true, false})
        memmap_->addItem(qs(memmap_text(on)), on);
    form->addRow(tr("M&emmap"), memmap_);

    daskScheduler_ = new QLineEdit(box);
    daskScheduler_->setObjectName(u"daskSchedulerEdit"_s);
    daskScheduler_->setPlaceholderText(tr("empty: a LocalCluster started by Chunkscope"));
    daskLoseWorker_ = new QCheckBox(tr("lose a worker"), box);
    daskLoseWorker_->setObjectName(u"daskLoseWorkerBox"_s);
    auto* daskRow = new QHBoxLayout;
    daskRow->setContentsMargins(0, 0, 0, 0);
    daskRow->addWidget(daskScheduler_, 1);
    daskRow->addWidget(daskLoseWorker_);
    form->addRow(tr("Dask scheduler"), daskRow);
    daskProblem_ = new ProblemLabel(box);
    form->addRow(daskProblem_);

    splits_ = new LabeledSlider(LabeledSlider::Scale::PowersOfTwo, box);
    splits_->setObjectName(u"splitsSlider"_s);
    splits_->setRange(1, 1024, INT_MAX);
    splitsAuto_ = new QCheckBox(tr("auto: the library's own chunks (Dask: 128 MiB each)"), box);
    splitsAuto_->setObjectName(u"splitsAuto"_s);
    form->addRow(tr("S&plits"), withTick(splits_, splitsAuto_, box));
    splitsProblem_ = new ProblemLabel(box);
    form->addRow(splitsProblem_);

    chunks_ = new LabeledSlider(LabeledSlider::Scale::PowersOfTwo, box);
    chunks_->setObjectName(u"chunksizeSlider"_s);
    chunks_->setRange(1, 1024, INT_MAX);
    chunksAuto_ = new QCheckBox(tr("auto: Python's ceil(parts / (4 × workers))"), box);
    chunksAuto_->setObjectName(u"chunksizeAuto"_s);
    chunksAuto_->setToolTip(tr("Let the chunksize follow Pool.map's default rule, as the tutorial's first "
                               "Pool.map did"));
    form->addRow(tr("&Chunksize"), withTick(chunks_, chunksAuto_, box));
    chunksProblem_ = new ProblemLabel(box);
    form->addRow(chunksProblem_);

    repeats_ = new LabeledSlider(LabeledSlider::Scale::Linear, box);
    repeats_->setObjectName(u"repeatsSlider"_s);
    repeats_->setRange(1, 50);
    repeats_->setToolTips(tr("Timed repetitions of every cell; the heatmap shows their median"));
    form->addRow(tr("&Repetitions"), repeats_);

    warmup_ = new QSpinBox(box);
    warmup_->setObjectName(u"warmupBox"_s);
    warmup_->setRange(kWarmupSettle, 10);
    warmup_->setSpecialValueText(tr("until settled"));
    warmup_->setToolTip(tr("Untimed runs before the repetitions of every cell (caches, page faults, a first "
                           "fork). \"until settled\": %1.")
                            .arg(QString::fromStdString(describe_settle_rule())));
    form->addRow(tr("Warm-&up runs"), warmup_);

    budget_ = new QDoubleSpinBox(box);
    budget_->setObjectName(u"cellBudgetBox"_s);
    budget_->setRange(0, 3600);
    budget_->setDecimals(0);
    budget_->setSingleStep(1);
    budget_->setSuffix(tr(" s"));
    budget_->setSpecialValueText(tr("no budget"));
    budget_->setToolTip(tr("Time budget per cell, warm-up and repetitions together (hyperfine's run counts, Google "
                           "Benchmark's minimum time): a slow strategy gets fewer warm-up runs and fewer "
                           "repetitions, never fewer than one timed run, and the cell says how many it got. "
                           "0: no budget, every cell runs the warm-up and repetitions set above."));
    form->addRow(tr("Cell &budget"), budget_);

    connect(strategy_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(workers_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(pool_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(partitioner_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(schedule_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(memmap_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(daskScheduler_, &QLineEdit::textChanged, this, &ExperimentPanel::onChanged);
    connect(daskLoseWorker_, &QCheckBox::toggled, this, &ExperimentPanel::onChanged);
    connect(splits_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(chunks_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(chunksAuto_, &QCheckBox::toggled, this, &ExperimentPanel::onChanged);
    connect(splitsAuto_, &QCheckBox::toggled, this, &ExperimentPanel::onChanged);
    connect(repeats_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(warmup_, &QSpinBox::valueChanged, this, &ExperimentPanel::onChanged);
    connect(budget_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::onChanged);
    return box;
}

RunConfig ExperimentPanel::config() const
{
    RunConfig c;
    c.workload = workload_->workload();
    c.strategy = currentData<StrategyKind>(strategy_);
    c.workers = workers_->value();
    c.pool = currentData<PoolLifetime>(pool_);
    c.partitioner = currentData<Partitioner>(partitioner_);
    c.schedule = currentData<Schedule>(schedule_);
    c.memmap = memmap_->currentData().toBool();
    c.dask_scheduler = daskScheduler_->text().trimmed().toStdString();
    c.dask_lose_worker = daskLoseWorker_->isChecked() && strategy_info(c.strategy).uses(Knob::DaskScheduler);
    c.splits = static_cast<std::size_t>(splits_->value());
    c.splits_auto = splitsAuto_->isChecked() && strategy_info(c.strategy).splits_auto != SplitsAuto::None;
    c.chunksize = static_cast<std::size_t>(chunks_->value());
    c.chunksize_auto = chunksAuto_->isChecked() && strategy_info(c.strategy).uses(Knob::Chunksize);
    c.repeats = repeats_->value();
    c.warmup = warmup_->value();
    c.cell_budget_s = budget_->value();
    c.mpi = mpi_->options();
    return c;
}

void ExperimentPanel::setConfig(const RunConfig& c)
{
    loading_ = true;
    workload_->setWorkload(c.workload);
    selectData(strategy_, c.strategy);
    workers_->setValue(c.workers);
    selectData(pool_, c.pool);
    selectData(partitioner_, c.partitioner);
    selectData(schedule_, c.schedule);
    memmap_->setCurrentIndex(memmap_->findData(c.memmap));
    daskScheduler_->setText(qs(c.dask_scheduler));
    daskLoseWorker_->setChecked(c.dask_lose_worker);
    splits_->setValue(static_cast<int>(std::min<std::size_t>(c.splits, INT_MAX)));
    chunks_->setValue(static_cast<int>(std::min<std::size_t>(c.chunksize, INT_MAX)));
    chunksAuto_->setChecked(c.chunksize_auto);
    splitsAuto_->setChecked(c.splits_auto);
    repeats_->setValue(c.repeats);
    warmup_->setValue(c.warmup);
    budget_->setValue(c.cell_budget_s);
    mpi_->setOptions(c.mpi);
    loading_ = false;
    onChanged();
}

SweepSpec ExperimentPanel::sweepSpec() const { return grid_->plan(config()); }

void ExperimentPanel::setSweepLists(const std::vector<std::size_t>& splits, const std::vector<std::size_t>& chunks)
{
    grid_->setLists(splits, chunks);
}

SizeSlider* ExperimentPanel::sizeSlider() const { return workload_->sizeSlider(); }
LabeledSlider* ExperimentPanel::intensitySlider() const { return workload_->intensitySlider(); }
QLineEdit* ExperimentPanel::splitsListEdit() const { return grid_->splitsListEdit(); }
QLineEdit* ExperimentPanel::chunksListEdit() const { return grid_->chunksListEdit(); }

void ExperimentPanel::showAvailability()
{
    auto* items = qobject_cast<QStandardItemModel*>(strategy_->model());
    for (int i = 0; i < strategy_->count(); ++i) {
        const auto kind = static_cast<StrategyKind>(strategy_->itemData(i).toInt());
        const bool mpirunTyped = mpi_ && is_mpi(kind) && mpi_availability(mpi_->options()).available;
        items->item(i)->setToolTip(strategyText(kind));
        items->item(i)->setEnabled(availability(kind).available || mpirunTyped);
    }
}

void ExperimentPanel::refreshAvailability()
{
    showAvailability();
    onChanged();
}

void ExperimentPanel::setRunning(bool running)
{
    running_ = running;
    updateEnabled();
}

void ExperimentPanel::onChanged()
{
    if (loading_)
        return;
    const StrategyKind kind = currentData<StrategyKind>(strategy_);
    const StrategyInfo& s = strategy_info(kind);
    strategyText_->setText(strategyText(kind));
    workers_->setEnabled(s.uses(Knob::Workers));
    pool_->setEnabled(s.uses(Knob::Pool));
    partitioner_->setEnabled(s.uses(Knob::Partitioner));
    schedule_->setEnabled(s.uses(Knob::Schedule));
    memmap_->setEnabled(s.uses(Knob::Memmap));
    daskScheduler_->setEnabled(s.uses(Knob::DaskScheduler));
    daskLoseWorker_->setEnabled(s.uses(Knob::DaskScheduler));
    const bool libraryChunks = s.splits_auto != SplitsAuto::None;
    splits_->setEnabled(s.uses(Knob::Splits) && !(libraryChunks && splitsAuto_->isChecked()));
    splitsAuto_->setEnabled(libraryChunks);
    chunks_->setEnabled(s.uses(Knob::Chunksize) && !chunksAuto_->isChecked());
    chunksAuto_->setEnabled(s.uses(Knob::Chunksize));
    grid_->useKnobs(kind);
    showKnobTips(s);
    mpi_->setVisible(is_mpi(kind));
    revalidate();
    Q_EMIT configChanged();
}

void ExperimentPanel::showKnobTips(const StrategyInfo& s)
{
    // A knob the strategy does not use is greyed out; its tooltip says so, with the strategy's own
    // sentence on how it shares the work instead (std-par's: the library decides how to cut it).
    const auto tip = [&](Knob knob, const QString& text) {
        return s.uses(knob) ? text
                            : text + u"\n\n"_s +
                                  tr("Greyed out: %1 does not use it.\n%1: %2").arg(qs(s.name), qs(s.description));
    };
    workers_->setToolTips(tip(Knob::Workers, tr("Worker processes or threads (this machine has %1 logical cores; the "
                                                "tutorial used one worker per core)")
                                                 .arg(std::max(1, logical_cores()))));
    pool_->setToolTip(tip(Knob::Pool, tr("fresh: every run starts and stops its workers inside the timed region, as "
                                         "the tutorial's Pool(4) did; warm: workers start once, outside it")));
    partitioner_->setToolTip(tip(Knob::Partitioner, tr("oneTBB's partitioner for parallel_for (tbb strategy only)")));
    QStringList schedules;
    for (Schedule k : all_schedules())
        schedules << scheduleText(k);
    schedule_->setToolTip(tip(Knob::Schedule, tr("OpenMP's loop schedule (omp strategy only), chunk = chunksize "
                                                 "parts:") +
                                                  u"\n"_s + schedules.join(u'\n')));
    memmap_->setToolTip(tip(Knob::Memmap, tr("joblib's answer to copying (py-joblib only): on, its default, hands "
                                             "every part over 1 MB to the workers as a memory-mapped file in a "
                                             "temporary folder (removed after each run); off pickles every part "
                                             "through the pipes, as py-split does")));
    daskScheduler_->setToolTip(tip(Knob::DaskScheduler,
                                   tr("The Dask cluster py-dask-cluster and py-dask-distributed run on: empty, a "
                                      "LocalCluster of the workers set above that Chunkscope starts and closes; or "
                                      "tcp://HOST:PORT, an existing cluster's scheduler (as dask-scheduler prints it), "
                                      "whose first workers run the cells")));
    daskLoseWorker_->setToolTip(tip(Knob::DaskScheduler,
                                    tr("Kill one worker of the LocalCluster (SIGKILL, as a machine failing) in each "
                                       "run once a result is in. py-dask-distributed: Dask runs again the tasks that "
                                       "made what the worker held; py-dask-cluster: scattered chunks have no task to "
                                       "run again, so the client scatters them again. The cell is verified as usual "
                                       "and its tooltip says which worker was lost and what ran again. On a LocalCluster "
                                       "of 2 workers or more only: an existing cluster's workers are not ours to kill")));
    splits_->setToolTips(tip(Knob::Splits, tr("Parts the vector is cut into (numpy.split(data, splits)); the slider "
                                              "moves in powers of two, the box takes any number")));
    splitsAuto_->setToolTip(s.splits_auto != SplitsAuto::None
                                ? tr("The library's own default instead of a number of splits: Dask's "
                                     "chunks=\"auto\", chunks of its array.chunk-size (128 MiB), so a vector of "
                                     "up to 16M doubles is one chunk and one worker computes it all")
                                : tr("Greyed out: %1 has no chunk rule of its own; its splits is a number (only "
                                     "py-dask has one: Dask's chunks=\"auto\")")
                                      .arg(qs(s.name)));
    chunks_->setToolTips(tip(Knob::Chunksize, tr("Parts handed to a worker per task (Pool.map's chunksize); the "
                                                 "slider moves in powers of two, the box takes any number")));
}

void ExperimentPanel::revalidate()
{
    ProblemLabel* sizeProblem = workload_->sizeProblemLabel();
    for (ProblemLabel* label : {sizeProblem, splitsProblem_, chunksProblem_, daskProblem_, runProblemLabel_})
        label->showProblem(QString());
    grid_->clearProblems();
    const RunConfig c = config();
    const StrategyInfo& s = strategy_info(c.strategy);
    const MemoryBudget budget = Runner::budget();
    // The slider goes as far as this strategy, as set, fits in now (the box takes any size).
    const quint64 fits = budget.available_bytes > 0 ? max_items(c, budget) : 1'000'000'000ULL;
    workload_->sizeSlider()->setSliderRange(1000, std::max<quint64>(1000, fits));
    const auto where = [&](const RunConfig& cfg, ProblemLabel* splitsLabel, ProblemLabel* fallback) {
        if (s.uses(Knob::Splits) && !cfg.splits_auto && cfg.splits > cfg.workload.size)
            return splitsLabel;
        if (memory_problem(cfg, budget))
            return sizeProblem;
        if (dask_lose_worker_problem(cfg))
            return daskProblem_;
        return fallback;
    };

    runProblem_.clear();
    sweepProblem_.clear();
    // Options that no run can use are said under their fields in the MPI box.
    if (const QString mpi = is_mpi(c.strategy) ? mpi_->check(c) : QString(); !mpi.isEmpty()) {
        runProblem_ = sweepProblem_ = mpi;
        updateEnabled();
        return;
    }
    // A scheduler's address of the wrong form, under its field (the CLI's check of the form; whether
    // one answers there is the run's to find).
    if (s.uses(Knob::DaskScheduler) && !c.dask_scheduler.empty())
        if (const auto problem = dask_scheduler_form_problem(c.dask_scheduler)) {
            runProblem_ = sweepProblem_ = tr("Dask scheduler: %1").arg(qs(*problem));
            daskProblem_->showProblem(runProblem_);
            updateEnabled();
            return;
        }
    const Availability here = is_mpi(c.strategy) ? mpi_availability(c.mpi) : availability(c.strategy);
    if (!here.available) {
        runProblem_ = notAvailableText(s, here);
        runProblemLabel_->showProblem(runProblem_);
    } else if (const auto problem = validate(c, budget)) {
        runProblem_ = qs(*problem);
        where(c, splitsProblem_, runProblemLabel_)->showProblem(runProblem_);
    }

    if (!here.available) {
        sweepProblem_ = runProblem_;   // shown under the buttons already
    } else if (!s.uses(Knob::Splits) && !s.uses(Knob::Chunksize)) {
        const QString name = qs(s.name);
        sweepProblem_ = (s.uses(Knob::Workers) ? tr("%1 has no splits or chunksize to sweep: Run runs it, and the "
                                                    "Scaling tab sweeps its workers.")
                                                 : tr("%1 has no splits or chunksize to sweep: choose a parallel strategy."))
                            .arg(name.left(1).toUpper() + name.mid(1));
        grid_->problemLabel()->showProblem(sweepProblem_);
    } else if (!grid_->checkLists(c.strategy)) {
        sweepProblem_ = tr("The sweep grid has a value that is not a number of at least 1.");
    } else {
        for (const RunConfig& cell : sweep_cells(sweepSpec())) {
            if (const auto problem = validate(cell, budget)) {
                sweepProblem_ =
                    tr("splits %1 × chunksize %2: %3").arg(cell.splits).arg(cell.chunksize).arg(qs(*problem));
                ProblemLabel* label = where(cell, grid_->splitsProblemLabel(), grid_->problemLabel());
                if (label->isHidden())
                    label->showProblem(sweepProblem_);
                break;
            }
        }
    }
    updateEnabled();
}

void ExperimentPanel::updateEnabled()
{
    run_->setEnabled(!running_ && canRun());
    sweep_->setEnabled(!running_ && canSweep());
    cancel_->setEnabled(running_);
    run_->setToolTip(canRun() ? tr("Run the current point (splits × chunksize) with the repetitions set above (Ctrl+R)")
                              : tr("Cannot run: %1").arg(runProblem_));
    sweep_->setToolTip(canSweep() ? tr("Run every cell of the sweep grid and fill the heatmap as they finish "
                                       "(Ctrl+Shift+R)")
                                  : tr("Cannot sweep: %1").arg(sweepProblem_));
}

void ExperimentPanel::saveSettings(QSettings& settings) const
{
    ExperimentState state{config(), grid_->splitsText(), grid_->chunksText()};
    state.config.chunksize_auto = chunksAuto_->isChecked();
    state.config.splits_auto = splitsAuto_->isChecked();
    state.save(settings);
}

void ExperimentPanel::restoreSettings(QSettings& settings)
{
    ExperimentState state{config(), grid_->splitsText(), grid_->chunksText()};
    state.restore(settings);
    loading_ = true;
    grid_->setTexts(state.sweepSplits, state.sweepChunks);
    loading_ = false;
    setConfig(state.config);
}

} // namespace chunkscope::ui
