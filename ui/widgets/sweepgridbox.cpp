// SPDX-License-Identifier: GPL-3.0-or-later
#include "sweepgridbox.h"

#include "problemlabel.h"
#include "uiformat.h"

#include "chunkscope/parse.h"
#include "chunkscope/registry.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStringList>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString listText(const std::vector<std::size_t>& values)
{
    QStringList parts;
    for (std::size_t v : values)
        parts << QString::number(v);
    return parts.join(u", "_s);
}

Parsed<std::vector<std::size_t>> parsed(const QLineEdit* edit, const char* what)
{
    return parse_list(edit->text().toStdString(), what);
}

} // namespace

SweepGridBox::SweepGridBox(QWidget* parent) : QGroupBox(tr("Sweep grid"), parent)
{
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    splitsList_->setObjectName(u"splitsList"_s);
    splitsList_->setToolTip(tr("The splits values the sweep covers, comma-separated (the heatmap's rows)"));
    form->addRow(tr("Splits"), splitsList_);
    form->addRow(splitsProblem_);
    chunksList_->setObjectName(u"chunksList"_s);
    chunksList_->setToolTip(tr("The chunksize values the sweep covers, comma-separated (the heatmap's columns)"));
    form->addRow(tr("Chunksize"), chunksList_);
    form->addRow(chunksProblem_);
    auto* reset = new QPushButton(tr("Tutorial grid"), this);
    reset->setToolTip(tr("Back to the tutorial's grid: 1, 2, 4, … 128 both ways"));
    connect(reset, &QPushButton::clicked, this, [this] { setLists(default_grid(), default_grid()); });
    form->addRow(QString(), reset);
    form->addRow(problem_);
    connect(splitsList_, &QLineEdit::textChanged, this, &SweepGridBox::changed);
    connect(chunksList_, &QLineEdit::textChanged, this, &SweepGridBox::changed);
}

void SweepGridBox::setLists(const std::vector<std::size_t>& splits, const std::vector<std::size_t>& chunks)
{
    setTexts(listText(splits), listText(chunks));
}

void SweepGridBox::setTexts(const QString& splits, const QString& chunks)
{
    {
        const QSignalBlocker blockSplits(splitsList_);
        const QSignalBlocker blockChunks(chunksList_);
        splitsList_->setText(splits);
        chunksList_->setText(chunks);
    }
    Q_EMIT changed();
}

QString SweepGridBox::splitsText() const { return splitsList_->text(); }
QString SweepGridBox::chunksText() const { return chunksList_->text(); }

void SweepGridBox::useKnobs(StrategyKind strategy)
{
    const StrategyInfo& s = strategy_info(strategy);
    splitsList_->setEnabled(s.uses(Knob::Splits));
    chunksList_->setEnabled(s.uses(Knob::Chunksize));
}

SweepSpec SweepGridBox::plan(const RunConfig& base) const
{
    const auto splits = parsed(splitsList_, "splits");
    const auto chunks = parsed(chunksList_, "chunksize");
    SweepSpec typed;
    typed.base = base;
    typed.splits_list = splits.value;
    typed.chunks_list = chunks.value;
    SweepSpec spec = sweep_plan(typed);
    // sweep_plan takes an empty list for one not given (the tutorial's grid); here it was typed
    // wrong, and stays empty.
    const StrategyInfo& s = strategy_info(base.strategy);
    if (!splits && s.uses(Knob::Splits))
        spec.splits_list.clear();
    if (!chunks && s.uses(Knob::Chunksize))
        spec.chunks_list.clear();
    return spec;
}

bool SweepGridBox::checkLists(StrategyKind strategy)
{
    const StrategyInfo& s = strategy_info(strategy);
    bool ok = true;
    const auto check = [&ok](const QLineEdit* edit, ProblemLabel* label, const char* what) {
        const auto list = parsed(edit, what);
        label->showProblem(list ? QString() : qs(list.error));
        ok = ok && bool(list);
    };
    if (s.uses(Knob::Splits))
        check(splitsList_, splitsProblem_, "splits");
    if (s.uses(Knob::Chunksize))
        check(chunksList_, chunksProblem_, "chunksize");
    return ok;
}

void SweepGridBox::clearProblems()
{
    for (ProblemLabel* label : {splitsProblem_, chunksProblem_, problem_})
        label->showProblem(QString());
}

} // namespace chunkscope::ui
