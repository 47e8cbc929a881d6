#include "tutorialpanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
enum Column { ExperimentColumn, DescriptionColumn, TutorialColumn, PythonColumn, OursColumn, ColumnCount };
}

TutorialPanel::TutorialPanel(const std::vector<Preset>& presets, QWidget* parent)
    : QWidget(parent), table_(new QTableWidget(static_cast<int>(presets.size()), ColumnCount, this))
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The tutorial (SuperFastPython, 2023) timed these with Python on 4 cores. "
                                "Double-click a row, or pick it from the Presets menu, to run it here with the "
                                "same parameters."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(table_, 1);

    table_->setHorizontalHeaderLabels(
        {tr("Experiment"), tr("What it does"), tr("Tutorial (4 cores, Python)"), tr("Python here"),
         tr("Chunkscope here")});
    table_->horizontalHeaderItem(TutorialColumn)->setToolTip(tr("The tutorial's published time"));
    table_->horizontalHeaderItem(PythonColumn)->setToolTip(
        tr("The tutorial's own Python code, run on this machine by its Python interpreter (\"Run its Python "
           "twin\"); \"not measured here\" until it has run in this window"));
    table_->horizontalHeaderItem(OursColumn)->setToolTip(tr("The median Chunkscope measured in this window"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(true);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    for (int row = 0; row < static_cast<int>(presets.size()); ++row) {
        const Preset& p = presets[static_cast<std::size_t>(row)];
        auto* name = new QTableWidgetItem(p.name);
        name->setToolTip(p.description);
        table_->setItem(row, ExperimentColumn, name);
        table_->setItem(row, DescriptionColumn, new QTableWidgetItem(p.description));
        table_->setItem(row, TutorialColumn, new QTableWidgetItem(p.tutorialFigure));
        table_->setItem(row, PythonColumn, new QTableWidgetItem(p.pythonHereFigure));
        table_->setItem(row, OursColumn, new QTableWidgetItem(tr("not run yet")));
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
                          "version, and so on) on this machine, and put its time in the \"Python here\" column"));
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

void TutorialPanel::setPythonMeasured(int preset, const QString& figure)
{
    if (QTableWidgetItem* item = table_->item(preset, PythonColumn))
        item->setText(figure);
}

QString TutorialPanel::pythonMeasured(int preset) const
{
    const QTableWidgetItem* item = table_->item(preset, PythonColumn);
    return item ? item->text() : QString();
}

void TutorialPanel::setMeasured(int preset, const QString& figure)
{
    if (QTableWidgetItem* item = table_->item(preset, OursColumn))
        item->setText(figure);
}

QString TutorialPanel::measured(int preset) const
{
    const QTableWidgetItem* item = table_->item(preset, OursColumn);
    return item ? item->text() : QString();
}

} // namespace chunkscope::ui
