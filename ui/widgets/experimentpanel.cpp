#include "experimentpanel.h"

#include "labeledslider.h"
#include "sizeslider.h"
#include "sizespinbox.h"
#include "uiformat.h"

#include "chunkscope/machine.h"
#include "chunkscope/parse.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QLabel* makeProblemLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #b00020;"_s);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void showProblem(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QString listText(const std::vector<std::size_t>& values)
{
    QStringList parts;
    for (std::size_t v : values)
        parts << QString::number(v);
    return parts.join(u", "_s);
}

template <typename E>
void selectData(QComboBox* box, E value)
{
    const int i = box->findData(static_cast<int>(value));
    if (i >= 0)
        box->setCurrentIndex(i);
}

template <typename E>
E currentData(const QComboBox* box)
{
    return static_cast<E>(box->currentData().toInt());
}

bool usesSplits(StrategyKind s) { return s != StrategyKind::Sequential && s != StrategyKind::ForkItems; }

} // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildWorkload());
    layout->addWidget(buildStrategy());
    layout->addWidget(buildGrid());

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
    runProblemLabel_ = makeProblemLabel(this);
    layout->addWidget(runProblemLabel_);
    layout->addStretch(1);

    connect(run_, &QPushButton::clicked, this, &ExperimentPanel::runRequested);
    connect(sweep_, &QPushButton::clicked, this, &ExperimentPanel::sweepRequested);
    connect(cancel_, &QPushButton::clicked, this, &ExperimentPanel::cancelRequested);

    // The tutorial's split version on this machine's cores: the sweep is one click away.
    RunConfig start;
    start.strategy = StrategyKind::ForkSplit;
    start.workers = std::max(1, logical_cores());
    setConfig(start);
    setSweepLists(default_grid(), default_grid());
}

QWidget* ExperimentPanel::buildWorkload()
{
    auto* box = new QGroupBox(tr("What is computed"), this);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    function_ = new QComboBox(box);
    function_->setObjectName(u"functionBox"_s);
    for (Function f : all_functions())
        function_->addItem(qs(to_string(f)), static_cast<int>(f));
    function_->setToolTip(tr("The math function applied to every item of the vector (numpy.exp in the tutorial)"));
    form->addRow(tr("&Function"), function_);

    kernel_ = new QComboBox(box);
    kernel_->setObjectName(u"kernelBox"_s);
    kernel_->addItem(tr("simd (vectorised, like NumPy)"), static_cast<int>(Kernel::Simd));
    kernel_->addItem(tr("scalar (one item at a time)"), static_cast<int>(Kernel::Scalar));
    kernel_->setToolTip(tr("How each item is computed: SIMD (libmvec, as NumPy's vectorised exp) or glibc's scalar "
                           "function, several times slower per item"));
    form->addRow(tr("&Kernel"), kernel_);

    intensity_ = new LabeledSlider(LabeledSlider::Scale::PowersOfTwo, box);
    intensity_->setObjectName(u"intensitySlider"_s);
    intensity_->setRange(1, 1024, kMaxIntensity);
    intensity_->setToolTips(tr("Function evaluations per item: more arithmetic for the same memory traffic, which "
                               "moves the run from memory-bound to compute-bound"));
    form->addRow(tr("&Intensity"), intensity_);

    size_ = new SizeSlider(box);
    size_->setObjectName(u"sizeSlider"_s);
    const std::size_t available = available_memory_bytes();
    // Input, output and reference vectors must fit in what is available now.
    const quint64 fits = available > 0 ? available / (3 * sizeof(double)) : 1'000'000'000ULL;
    size_->setSliderRange(1000, std::max<quint64>(1000, fits));
    size_->spinBox()->setRange(1, 10'000'000'000'000ULL);
    size_->setToolTips(tr("Items in the vector (float64, made like numpy.random.rand). The slider goes up to what "
                          "memory allows now; type any size in the box (10M, 1e7, 2500000)"));
    form->addRow(tr("Vector &size"), size_);
    sizeProblem_ = makeProblemLabel(box);
    form->addRow(sizeProblem_);

    connect(function_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(kernel_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(intensity_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(size_, &SizeSlider::valueChanged, this, &ExperimentPanel::onChanged);
    return box;
}

QWidget* ExperimentPanel::buildStrategy()
{
    auto* box = new QGroupBox(tr("How it runs"), this);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    strategy_ = new QComboBox(box);
    strategy_->setObjectName(u"strategyBox"_s);
    for (StrategyKind s : all_strategies()) {
        strategy_->addItem(qs(to_string(s)), static_cast<int>(s));
        strategy_->setItemData(strategy_->count() - 1, qs(describe(s)), Qt::ToolTipRole);
    }
    strategy_->setToolTip(tr("How the work is shared between workers; hover an entry for what it does"));
    form->addRow(tr("S&trategy"), strategy_);
    strategyText_ = new QLabel(box);
    strategyText_->setWordWrap(true);
    strategyText_->setStyleSheet(u"color: #505050;"_s);
    strategyText_->setToolTip(strategy_->toolTip());
    form->addRow(strategyText_);

    const int cores = std::max(1, logical_cores());
    workers_ = new LabeledSlider(LabeledSlider::Scale::Linear, box);
    workers_->setObjectName(u"workersSlider"_s);
    workers_->setRange(1, std::min(kMaxWorkers, 2 * cores));
    workers_->setToolTips(tr("Worker processes or threads (this machine has %1 logical cores; the tutorial used "
                             "one worker per core)").arg(cores));
    form->addRow(tr("&Workers"), workers_);

    pool_ = new QComboBox(box);
    pool_->setObjectName(u"poolBox"_s);
    pool_->addItem(tr("fresh (created in the timed region)"), static_cast<int>(PoolLifetime::Fresh));
    pool_->addItem(tr("warm (created once, reused)"), static_cast<int>(PoolLifetime::Warm));
    pool_->setToolTip(tr("fresh: every run starts and stops its workers inside the timed region, as the tutorial's "
                         "Pool(4) did; warm: workers start once, outside it"));
    form->addRow(tr("&Pool"), pool_);

    partitioner_ = new QComboBox(box);
    partitioner_->setObjectName(u"partitionerBox"_s);
    for (Partitioner p : {Partitioner::Simple, Partitioner::Auto, Partitioner::Static, Partitioner::Affinity})
        partitioner_->addItem(qs(to_string(p)), static_cast<int>(p));
    partitioner_->setToolTip(tr("oneTBB's partitioner for parallel_for (tbb strategy only)"));
    form->addRow(tr("P&artitioner"), partitioner_);

    splits_ = new LabeledSlider(LabeledSlider::Scale::PowersOfTwo, box);
    splits_->setObjectName(u"splitsSlider"_s);
    splits_->setRange(1, 1024, INT_MAX);
    splits_->setToolTips(tr("Parts the vector is cut into (numpy.split(data, splits)); the slider moves in powers of "
                            "two, the box takes any number"));
    form->addRow(tr("S&plits"), splits_);
    splitsProblem_ = makeProblemLabel(box);
    form->addRow(splitsProblem_);

    chunks_ = new LabeledSlider(LabeledSlider::Scale::PowersOfTwo, box);
    chunks_->setObjectName(u"chunksizeSlider"_s);
    chunks_->setRange(1, 1024, INT_MAX);
    chunks_->setToolTips(tr("Parts handed to a worker per task (Pool.map's chunksize); the slider moves in powers of "
                            "two, the box takes any number"));
    chunksAuto_ = new QCheckBox(tr("auto: Python's ceil(parts / (4 × workers))"), box);
    chunksAuto_->setObjectName(u"chunksizeAuto"_s);
    chunksAuto_->setToolTip(tr("Let the chunksize follow Pool.map's default rule, as the tutorial's first "
                               "Pool.map did"));
    auto* chunkBox = new QWidget(box);
    auto* chunkLayout = new QVBoxLayout(chunkBox);
    chunkLayout->setContentsMargins(0, 0, 0, 0);
    chunkLayout->addWidget(chunks_);
    chunkLayout->addWidget(chunksAuto_);
    form->addRow(tr("&Chunksize"), chunkBox);
    chunksProblem_ = makeProblemLabel(box);
    form->addRow(chunksProblem_);

    repeats_ = new LabeledSlider(LabeledSlider::Scale::Linear, box);
    repeats_->setObjectName(u"repeatsSlider"_s);
    repeats_->setRange(1, 50);
    repeats_->setToolTips(tr("Timed repetitions of every cell; the heatmap shows their median"));
    form->addRow(tr("&Repetitions"), repeats_);

    warmup_ = new QSpinBox(box);
    warmup_->setObjectName(u"warmupBox"_s);
    warmup_->setRange(0, 10);
    warmup_->setToolTip(tr("Untimed runs before the repetitions of every cell (caches, page faults)"));
    form->addRow(tr("Warm-&up runs"), warmup_);

    connect(strategy_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(workers_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(pool_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(partitioner_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onChanged);
    connect(splits_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(chunks_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(chunksAuto_, &QCheckBox::toggled, this, &ExperimentPanel::onChanged);
    connect(repeats_, &LabeledSlider::valueChanged, this, &ExperimentPanel::onChanged);
    connect(warmup_, &QSpinBox::valueChanged, this, &ExperimentPanel::onChanged);
    return box;
}

QWidget* ExperimentPanel::buildGrid()
{
    auto* box = new QGroupBox(tr("Sweep grid"), this);
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    splitsList_ = new QLineEdit(box);
    splitsList_->setObjectName(u"splitsList"_s);
    splitsList_->setToolTip(tr("The splits values the sweep covers, comma-separated (the heatmap's rows)"));
    form->addRow(tr("Splits"), splitsList_);
    splitsListProblem_ = makeProblemLabel(box);
    form->addRow(splitsListProblem_);
    chunksList_ = new QLineEdit(box);
    chunksList_->setObjectName(u"chunksList"_s);
    chunksList_->setToolTip(tr("The chunksize values the sweep covers, comma-separated (the heatmap's columns)"));
    form->addRow(tr("Chunksize"), chunksList_);
    chunksListProblem_ = makeProblemLabel(box);
    form->addRow(chunksListProblem_);
    auto* reset = new QPushButton(tr("Tutorial grid"), box);
    reset->setToolTip(tr("Back to the tutorial's grid: 1, 2, 4, … 128 both ways"));
    connect(reset, &QPushButton::clicked, this, [this] { setSweepLists(default_grid(), default_grid()); });
    form->addRow(QString(), reset);
    sweepProblemLabel_ = makeProblemLabel(box);
    form->addRow(sweepProblemLabel_);
    connect(splitsList_, &QLineEdit::textChanged, this, &ExperimentPanel::onChanged);
    connect(chunksList_, &QLineEdit::textChanged, this, &ExperimentPanel::onChanged);
    return box;
}

RunConfig ExperimentPanel::config() const
{
    RunConfig c;
    c.workload.function = currentData<Function>(function_);
    c.workload.kernel = currentData<Kernel>(kernel_);
    c.workload.intensity = intensity_->value();
    c.workload.size = static_cast<std::size_t>(size_->value());
    c.strategy = currentData<StrategyKind>(strategy_);
    c.workers = workers_->value();
    c.pool = currentData<PoolLifetime>(pool_);
    c.partitioner = currentData<Partitioner>(partitioner_);
    c.splits = static_cast<std::size_t>(splits_->value());
    c.chunksize = static_cast<std::size_t>(chunks_->value());
    c.chunksize_auto = chunksAuto_->isChecked() && c.strategy != StrategyKind::Sequential;
    c.repeats = repeats_->value();
    c.warmup = warmup_->value();
    return c;
}

void ExperimentPanel::setConfig(const RunConfig& c)
{
    loading_ = true;
    selectData(function_, c.workload.function);
    selectData(kernel_, c.workload.kernel);
    intensity_->setValue(c.workload.intensity);
    size_->setValue(c.workload.size);
    selectData(strategy_, c.strategy);
    workers_->setValue(c.workers);
    selectData(pool_, c.pool);
    selectData(partitioner_, c.partitioner);
    splits_->setValue(static_cast<int>(std::min<std::size_t>(c.splits, INT_MAX)));
    chunks_->setValue(static_cast<int>(std::min<std::size_t>(c.chunksize, INT_MAX)));
    chunksAuto_->setChecked(c.chunksize_auto);
    repeats_->setValue(c.repeats);
    warmup_->setValue(c.warmup);
    loading_ = false;
    onChanged();
}

SweepSpec ExperimentPanel::sweepSpec() const
{
    SweepSpec spec;
    spec.base = config();
    spec.base.chunksize_auto = false;
    const auto splits = parse_list(splitsList_->text().toStdString(), "splits");
    const auto chunks = parse_list(chunksList_->text().toStdString(), "chunksize");
    // fork-items cuts at every item whatever splits says: one row.
    spec.splits_list = spec.base.strategy == StrategyKind::ForkItems ? std::vector<std::size_t>{spec.base.splits}
                                                                     : splits.value;
    spec.chunks_list = chunks.value;
    return spec;
}

void ExperimentPanel::setSweepLists(const std::vector<std::size_t>& splits, const std::vector<std::size_t>& chunks)
{
    loading_ = true;
    splitsList_->setText(listText(splits));
    chunksList_->setText(listText(chunks));
    loading_ = false;
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
    const StrategyKind s = currentData<StrategyKind>(strategy_);
    strategyText_->setText(qs(describe(s)));
    const bool parallel = s != StrategyKind::Sequential;
    workers_->setEnabled(parallel);
    pool_->setEnabled(parallel && s != StrategyKind::Tbb);
    partitioner_->setEnabled(s == StrategyKind::Tbb);
    splits_->setEnabled(usesSplits(s));
    chunks_->setEnabled(parallel && !chunksAuto_->isChecked());
    chunksAuto_->setEnabled(parallel);
    splitsList_->setEnabled(usesSplits(s));
    chunksList_->setEnabled(parallel);
    revalidate();
    Q_EMIT configChanged();
}

std::vector<std::size_t> ExperimentPanel::parsedList(QLineEdit* edit, QLabel* problem, const char* what,
                                                     bool* ok) const
{
    const auto parsed = parse_list(edit->text().toStdString(), what);
    showProblem(problem, parsed ? QString() : qs(parsed.error));
    *ok = *ok && bool(parsed);
    return parsed.value;
}

void ExperimentPanel::revalidate()
{
    for (QLabel* label : {sizeProblem_, splitsProblem_, chunksProblem_, runProblemLabel_, splitsListProblem_,
                          chunksListProblem_, sweepProblemLabel_})
        showProblem(label, QString());
    const RunConfig c = config();
    const std::size_t available = available_memory_bytes();
    const auto where = [&](const RunConfig& cfg, QLabel* splitsLabel, QLabel* fallback) {
        if (usesSplits(cfg.strategy) && cfg.splits > cfg.workload.size)
            return splitsLabel;
        if (available > 0 && bytes_needed(cfg) > available)
            return sizeProblem_;
        return fallback;
    };

    runProblem_.clear();
    if (const auto problem = validate(c)) {
        runProblem_ = qs(*problem);
        showProblem(where(c, splitsProblem_, runProblemLabel_), runProblem_);
    }

    sweepProblem_.clear();
    if (c.strategy == StrategyKind::Sequential) {
        sweepProblem_ = tr("Sequential has no splits or chunksize to sweep: choose a parallel strategy.");
        showProblem(sweepProblemLabel_, sweepProblem_);
    } else {
        bool ok = true;
        const SweepSpec spec = sweepSpec();
        if (usesSplits(c.strategy))
            parsedList(splitsList_, splitsListProblem_, "splits", &ok);
        parsedList(chunksList_, chunksListProblem_, "chunksize", &ok);
        if (!ok)
            sweepProblem_ = tr("The sweep grid has a value that is not a number of at least 1.");
        for (std::size_t s : ok ? spec.splits_list : std::vector<std::size_t>{}) {
            for (std::size_t k : spec.chunks_list) {
                RunConfig cell = spec.base;
                cell.splits = s;
                cell.chunksize = k;
                if (const auto problem = validate(cell)) {
                    sweepProblem_ = tr("splits %1 × chunksize %2: %3").arg(s).arg(k).arg(qs(*problem));
                    QLabel* label = where(cell, splitsListProblem_, sweepProblemLabel_);
                    if (label->isHidden())
                        showProblem(label, sweepProblem_);
                    break;
                }
            }
            if (!sweepProblem_.isEmpty())
                break;
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
    const RunConfig c = config();
    settings.beginGroup(u"experiment"_s);
    settings.setValue(u"function"_s, qs(to_string(c.workload.function)));
    settings.setValue(u"kernel"_s, qs(to_string(c.workload.kernel)));
    settings.setValue(u"intensity"_s, c.workload.intensity);
    settings.setValue(u"size"_s, qulonglong(c.workload.size));
    settings.setValue(u"strategy"_s, qs(to_string(c.strategy)));
    settings.setValue(u"workers"_s, c.workers);
    settings.setValue(u"pool"_s, qs(to_string(c.pool)));
    settings.setValue(u"partitioner"_s, qs(to_string(c.partitioner)));
    settings.setValue(u"splits"_s, qulonglong(c.splits));
    settings.setValue(u"chunksize"_s, qulonglong(c.chunksize));
    settings.setValue(u"chunksizeAuto"_s, chunksAuto_->isChecked());
    settings.setValue(u"repeats"_s, c.repeats);
    settings.setValue(u"warmup"_s, c.warmup);
    settings.setValue(u"sweepSplits"_s, splitsList_->text());
    settings.setValue(u"sweepChunks"_s, chunksList_->text());
    settings.endGroup();
}

void ExperimentPanel::restoreSettings(QSettings& settings)
{
    RunConfig c = config();
    settings.beginGroup(u"experiment"_s);
    const auto text = [&](const QString& key) { return settings.value(key).toString().toStdString(); };
    c.workload.function = parse_function(text(u"function"_s)).value_or(c.workload.function);
    c.workload.kernel = parse_kernel(text(u"kernel"_s)).value_or(c.workload.kernel);
    c.workload.intensity = settings.value(u"intensity"_s, c.workload.intensity).toInt();
    c.workload.size = settings.value(u"size"_s, qulonglong(c.workload.size)).toULongLong();
    c.strategy = parse_strategy(text(u"strategy"_s)).value_or(c.strategy);
    c.workers = settings.value(u"workers"_s, c.workers).toInt();
    c.pool = parse_pool(text(u"pool"_s)).value_or(c.pool);
    c.partitioner = parse_partitioner(text(u"partitioner"_s)).value_or(c.partitioner);
    c.splits = settings.value(u"splits"_s, qulonglong(c.splits)).toULongLong();
    c.chunksize = settings.value(u"chunksize"_s, qulonglong(c.chunksize)).toULongLong();
    c.chunksize_auto = settings.value(u"chunksizeAuto"_s, c.chunksize_auto).toBool();
    c.repeats = settings.value(u"repeats"_s, c.repeats).toInt();
    c.warmup = settings.value(u"warmup"_s, c.warmup).toInt();
    const QString splits = settings.value(u"sweepSplits"_s, splitsList_->text()).toString();
    const QString chunks = settings.value(u"sweepChunks"_s, chunksList_->text()).toString();
    settings.endGroup();
    loading_ = true;
    splitsList_->setText(splits);
    chunksList_->setText(chunks);
    loading_ = false;
    setConfig(c);
}

} // namespace chunkscope::ui
