#include "tutorialpanel.h"

#include "chunkscope/registry.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
enum Column {
    ExperimentColumn, DescriptionColumn, TutorialColumn, AsTutorialColumn, PythonColumn, OursColumn, LessonColumn,
    ColumnCount
};
} // namespace

TutorialPanel::TutorialPanel(const std::vector<Preset>& presets, QWidget* parent)
    : QWidget(parent), presets_(presets),
      table_(new QTableWidget(static_cast<int>(presets.size()), ColumnCount, this)), replayText_(new QLabel(this)),
      replayBar_(new QWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The tutorial (SuperFastPython, 2023) timed these with Python on 4 cores. "
                                "Double-click a row, or pick it from the Presets menu, to run it here with the "
                                "same parameters; Replay the tutorial runs them all in its order."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* bar = new QHBoxLayout(replayBar_);
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addStretch(1);
    layout->addWidget(replayBar_);
    replayText_->setObjectName(u"replayText"_s);
    replayText_->setWordWrap(true);
    replayText_->setTextFormat(Qt::RichText);
    replayText_->setStyleSheet(u"QLabel { background: #fff8dc; border: 1px solid #d0c090; padding: 6px; }"_s);
    QFont big = replayText_->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    replayText_->setFont(big);
    replayText_->hide();
    layout->addWidget(replayText_);
    layout->addWidget(table_, 1);

    table_->setHorizontalHeaderLabels({tr("Experiment"), tr("What it does"), tr("Tutorial\n(published, 4 cores)"),
                                       tr("Python here,\nas the tutorial timed it"),
                                       tr("Python here,\nwarmed median"), tr("C++ here\n(Chunkscope)"),
                                       tr("Why the two Python figures differ")});
    table_->horizontalHeaderItem(TutorialColumn)->setToolTip(tr("The tutorial's published time, on its 4-core machine"));
    table_->horizontalHeaderItem(AsTutorialColumn)
        ->setToolTip(tr("The tutorial's own Python code run here as its programs time it: one cold run of a fresh "
                        "interpreter, the pool and numpy.random.rand(n) inside the clock, as they print \"Took\""));
    table_->horizontalHeaderItem(PythonColumn)
        ->setToolTip(tr("The tutorial's own Python code, run on this machine by its Python interpreter (\"Run its "
                        "Python twin\") as the lab times it: the median of runs after warm-up, the data made "
                        "beforehand; \"not measured here\" until it has run in this window"));
    table_->horizontalHeaderItem(OursColumn)->setToolTip(tr("The median Chunkscope's C++ measured in this window"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(LessonColumn, QHeaderView::Stretch);
    for (int row = 0; row < static_cast<int>(presets.size()); ++row) {
        const Preset& p = presets[static_cast<std::size_t>(row)];
        auto* name = new QTableWidgetItem(p.name);
        name->setToolTip(p.description);
        table_->setItem(row, ExperimentColumn, name);
        table_->setItem(row, DescriptionColumn, new QTableWidgetItem(p.description));
        table_->setItem(row, TutorialColumn, new QTableWidgetItem(p.tutorialFigure));
        table_->setItem(row, AsTutorialColumn, new QTableWidgetItem(p.pythonHereFigure));
        table_->setItem(row, PythonColumn, new QTableWidgetItem(p.pythonHereFigure));
        table_->setItem(row, OursColumn, new QTableWidgetItem(tr("not run yet")));
        table_->setItem(row, LessonColumn, new QTableWidgetItem);
        updateLesson(row);
    }
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { Q_EMIT presetRequested(row); });

    auto* run = new QPushButton(tr("Run the selected experiment"), this);
    run->setToolTip(tr("Load the selected experiment's parameters and run it"));
    connect(run, &QPushButton::clicked, this, [this] {
        if (table_->currentRow() >= 0)
            Q_EMIT presetRequested(table_->currentRow());
    });
    auto* python = new QPushButton(tr("Run its Python twin"), this);
    python->setObjectName(u"pythonTwinButton"_s);
    python->setToolTip(tr("Run the selected experiment as the tutorial's own Python code (py-split for the split "
                          "version, and so on) on this machine, and put its time in the \"Python here, warmed "
                          "median\" column"));
    connect(python, &QPushButton::clicked, this, [this] {
        if (table_->currentRow() >= 0)
            Q_EMIT pythonTwinRequested(table_->currentRow());
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run);
    buttons->addWidget(python);
    buttons->addStretch(1);
    layout->addLayout(buttons);
}

QString TutorialPanel::text(int preset, int column) const
{
    const QTableWidgetItem* item = table_->item(preset, column);
    return item ? item->text() : QString();
}

void TutorialPanel::setPythonMeasured(int preset, const QString& figure)
{
    if (QTableWidgetItem* item = table_->item(preset, PythonColumn)) {
        item->setText(figure);
        updateLesson(preset);
    }
}

QString TutorialPanel::pythonMeasured(int preset) const { return text(preset, PythonColumn); }

void TutorialPanel::setTutorialTimed(int preset, const QString& figure)
{
    if (QTableWidgetItem* item = table_->item(preset, AsTutorialColumn)) {
        item->setText(figure);
        updateLesson(preset);
    }
}

QString TutorialPanel::tutorialTimed(int preset) const { return text(preset, AsTutorialColumn); }

void TutorialPanel::setMeasured(int preset, const QString& figure)
{
    if (QTableWidgetItem* item = table_->item(preset, OursColumn))
        item->setText(figure);
}

QString TutorialPanel::measured(int preset) const { return text(preset, OursColumn); }

QString TutorialPanel::lesson(int preset) const { return text(preset, LessonColumn); }

void TutorialPanel::updateLesson(int preset)
{
    QTableWidgetItem* item = table_->item(preset, LessonColumn);
    if (!item || preset < 0 || preset >= static_cast<int>(presets_.size()))
        return;
    const Preset& p = presets_[static_cast<std::size_t>(preset)];
    const StrategyKind python = p.python.strategy;
    // What the cold run pays besides the work: the data always, a pool where there is one.
    QString starts;
    if (python == StrategyKind::PySequential)
        starts = tr("rand(n) making the data inside the clock (there is no pool)");
    else if (python == StrategyKind::PyThreads)
        starts = tr("a fresh interpreter, ThreadPool's threads started and rand(n) made inside the clock");
    else
        starts = tr("a fresh interpreter, Pool(%1)'s worker processes started and rand(n) made inside the clock")
                     .arg(p.python.workers);
    const QString cold = text(preset, AsTutorialColumn);
    const QString warm = text(preset, PythonColumn);
    QString lesson =
        tr("As the tutorial timed it (%1): one cold run, %2. Warmed median (%3): the data made beforehand, the "
           "median of runs after warm-up runs%4. The difference is the cold start and making the data, not the "
           "work.")
            .arg(cold, starts, warm,
                 strategy_info(python).uses(Knob::Pool) ? tr(", each still starting its own pool") : QString());
    if (p.sweep)
        lesson += u' ' + tr("Each cell of the sweep is timed so.");
    item->setText(lesson);
}

void TutorialPanel::addReplayActions(const QList<QAction*>& actions)
{
    auto* bar = static_cast<QHBoxLayout*>(replayBar_->layout());
    for (QAction* action : actions) {
        auto* button = new QToolButton(replayBar_);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(action->objectName() + u"Button"_s);
        bar->insertWidget(bar->count() - 1, button);
    }
}

void TutorialPanel::setReplayText(const QString& text)
{
    replayText_->setText(text);
    replayText_->setVisible(!text.isEmpty());
}

QString TutorialPanel::replayText() const { return replayText_->text(); }

void TutorialPanel::setReplayRow(int preset)
{
    if (preset >= 0 && preset < table_->rowCount()) {
        table_->selectRow(preset);
        table_->scrollToItem(table_->item(preset, ExperimentColumn));
    }
}

} // namespace chunkscope::ui
