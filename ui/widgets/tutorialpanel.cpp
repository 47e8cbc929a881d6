// SPDX-License-Identifier: GPL-3.0-or-later
#include "tutorialpanel.h"

#include "chunkscope/registry.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
enum Column { ExperimentColumn, TutorialColumn, AsTutorialColumn, PythonColumn, OursColumn, ColumnCount };
} // namespace

TutorialPanel::TutorialPanel(const std::vector<Preset>& presets, QWidget* parent)
    : QWidget(parent), presets_(presets),
      table_(new QTableWidget(static_cast<int>(presets.size()), ColumnCount, this)), replayText_(new QLabel(this)),
      replayBar_(new QWidget(this)), lessonText_(new QLabel(this)), lessons_(presets.size())
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
    // The selected row's lesson (the replay selects the row it runs): why its two Python figures differ.
    lessonText_->setObjectName(u"lessonText"_s);
    lessonText_->setWordWrap(true);
    lessonText_->setTextFormat(Qt::RichText);
    layout->addWidget(lessonText_);

    table_->setHorizontalHeaderLabels({tr("Experiment: what it does"), tr("Tutorial\npublished,\n4 cores"),
                                       tr("Python here,\nas the tutorial\ntimed it"), tr("Python here,\nwarmed\nmedian"),
                                       tr("C++ here\n(Chunkscope),\nwarmed median")});
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
    table_->horizontalHeader()->setSectionResizeMode(ExperimentColumn, QHeaderView::Stretch);
    sizeFigureColumns();
    for (int row = 0; row < static_cast<int>(presets.size()); ++row) {
        const Preset& p = presets[static_cast<std::size_t>(row)];
        auto* name = new QTableWidgetItem(p.name + u":\n"_s + p.description);
        name->setToolTip(p.description);
        table_->setItem(row, ExperimentColumn, name);
        table_->setItem(row, TutorialColumn, new QTableWidgetItem(p.tutorialFigure));
        table_->setItem(row, AsTutorialColumn, new QTableWidgetItem(p.pythonHereFigure));
        table_->setItem(row, PythonColumn, new QTableWidgetItem(p.pythonHereFigure));
        table_->setItem(row, OursColumn, new QTableWidgetItem(tr("not run yet")));
        updateLesson(row);
    }
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) { showLesson(row); });
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
    auto* cold = new QPushButton(tr("Time its Python as the tutorial did"), this);
    cold->setObjectName(u"tutorialTimingButton"_s);
    cold->setToolTip(tr("Run the selected experiment's Python twin once, as the tutorial's program times it: a fresh "
                        "interpreter, the pool and numpy.random.rand(n) inside the clock; its time goes in the "
                        "\"Python here, as the tutorial timed it\" column"));
    connect(cold, &QPushButton::clicked, this, [this] {
        if (table_->currentRow() >= 0)
            Q_EMIT tutorialTimingRequested(table_->currentRow());
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run);
    buttons->addWidget(python);
    buttons->addWidget(cold);
    buttons->addStretch(1);
    layout->addLayout(buttons);
}

void TutorialPanel::sizeFigureColumns()
{
    // The figures wrap in columns as wide as their headers' longest line (never clipped), so
    // that the experiment keeps its room.
    const QFontMetrics cells = table_->fontMetrics();
    QFont headerFont = table_->horizontalHeader()->font();
    headerFont.setBold(true);
    const QFontMetrics header(headerFont);
    int width = cells.horizontalAdvance(u"0.44–1.54 s per"_s);
    for (int column : {TutorialColumn, AsTutorialColumn, PythonColumn, OursColumn})
        for (const QString& line : table_->horizontalHeaderItem(column)->text().split(u'\n'))
            width = std::max(width, header.horizontalAdvance(line));
    for (int column : {TutorialColumn, AsTutorialColumn, PythonColumn, OursColumn}) {
        table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Interactive);
        table_->horizontalHeader()->resizeSection(column, width + 24);
    }
}

void TutorialPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)   // presentation mode's larger font
        sizeFigureColumns();
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

void TutorialPanel::setFigureNote(int preset, const QString& note)
{
    if (preset < 0 || preset >= static_cast<int>(presets_.size()))
        return;
    notes_[preset] = note;
    if (QTableWidgetItem* item = table_->item(preset, OursColumn))
        item->setToolTip(note);
    updateLesson(preset);
}

QString TutorialPanel::lesson(int preset) const
{
    return preset >= 0 && preset < static_cast<int>(lessons_.size()) ? lessons_[static_cast<std::size_t>(preset)]
                                                                     : QString();
}

void TutorialPanel::showLesson(int preset)
{
    if (preset < 0 || preset >= static_cast<int>(presets_.size())) {
        lessonText_->clear();
        return;
    }
    lessonText_->setText(tr("<b>%1 — why the two Python figures differ.</b> %2")
                             .arg(presets_[static_cast<std::size_t>(preset)].name.toHtmlEscaped(),
                                  lesson(preset).toHtmlEscaped()));
}

void TutorialPanel::updateLesson(int preset)
{
    if (preset < 0 || preset >= static_cast<int>(presets_.size()))
        return;
    const Preset& p = presets_[static_cast<std::size_t>(preset)];
    const StrategyKind python = p.python.strategy;
    // What the cold run pays besides the work: the data always, a pool where there is one.
    QString starts;
    if (python == StrategyKind::PySequential)
        starts = tr("rand(n)");
    else if (python == StrategyKind::PyThreads)
        starts = tr("ThreadPool(%1) and rand(n)").arg(p.python.workers);
    else
        starts = tr("Pool(%1)'s processes and rand(n)").arg(p.python.workers);
    const QString cold = text(preset, AsTutorialColumn);
    const QString warm = text(preset, PythonColumn);
    QString lesson =
        tr("Cold, %1: one run of a fresh interpreter, %2 inside the clock. Warmed, %3: data made beforehand, the "
           "median after warm-up%4. The gap is the cold start and the data, not the work.")
            .arg(cold, starts, warm,
                 strategy_info(python).uses(Knob::Pool) ? tr(" (each run still starts its pool)") : QString());
    if (p.sweep)
        lesson += u' ' + tr("Each cell of the sweep is timed so.");
    lessons_[static_cast<std::size_t>(preset)] = lesson;
    // The row's lesson in its tooltips, and under the table while it is the selected row.
    for (int column : {AsTutorialColumn, PythonColumn})
        if (QTableWidgetItem* figure = table_->item(preset, column))
            figure->setToolTip(notes_.value(preset).isEmpty() ? lesson : notes_.value(preset) + u"\n\n"_s + lesson);
    if (table_->currentRow() == preset)
        showLesson(preset);
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
        showLesson(preset);
    }
}

} // namespace chunkscope::ui
