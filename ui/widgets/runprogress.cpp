// SPDX-License-Identifier: GPL-3.0-or-later
#include "runprogress.h"

#include "uiformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include <algorithm>
#include <cmath>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {
constexpr int kStepsPerCell = 100;
}

RunProgress::RunProgress(QWidget* parent) : QWidget(parent), text_(new QLabel(this)), bar_(new QProgressBar(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(text_);
    layout->addWidget(bar_);
    text_->setObjectName(u"progressText"_s);
    bar_->setObjectName(u"progressBar"_s);
    bar_->setFixedWidth(220);
    bar_->setTextVisible(false);
    bar_->setRange(0, 1);
    bar_->setValue(0);
    setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    setToolTip(tr("Cells finished of the cells to run, and the time left: the cells still to run times the "
                  "fastest and the slowest cell so far, plus what the running cell still needs. A range while "
                  "the cells differ, one figure once the two ends agree within a fifth."));
    text_->setToolTip(toolTip());
    bar_->setToolTip(toolTip());
}

QString RunProgress::text() const { return text_->text(); }

void RunProgress::start(int cells)
{
    total_ = std::max(1, cells);
    bar_->setRange(0, total_ * kStepsPerCell);
    bar_->setValue(0);
    text_->setText(tr("0/%1 cells").arg(cells));
}

void RunProgress::setProgress(double done, int total, double etaSeconds)
{
    setProgressRange(done, total, etaSeconds, etaSeconds);
}

void RunProgress::setProgressRange(double done, int total, double etaLow, double etaHigh)
{
    total_ = std::max(1, total);
    bar_->setRange(0, total_ * kStepsPerCell);
    bar_->setValue(static_cast<int>(std::lround(std::clamp(done, 0.0, double(total_)) * kStepsPerCell)));
    QString text = tr("%1/%2 cells").arg(static_cast<int>(std::floor(done + 1e-9))).arg(total);
    if (etaLow >= 0 && etaHigh >= 0) {
        // Uncertain while the slowest cell so far would take more than a fifth longer than the fastest.
        const bool range = etaHigh > etaLow * 1.2 && etaHigh - etaLow >= 1.0;
        text += u" · "_s + (range ? tr("ETA %1 – %2").arg(formatDuration(etaLow), formatDuration(etaHigh))
                                  : tr("ETA %1").arg(formatDuration((etaLow + etaHigh) / 2)));
    }
    text_->setText(text);
}

void RunProgress::finish()
{
    bar_->setValue(bar_->maximum());
    text_->setText(tr("%1/%1 cells").arg(total_));
}

void RunProgress::stop(const QString& why)
{
    const QString text = text_->text();
    text_->setText(text.left(text.indexOf(u" · "_s)) + u" · "_s + why);
}

void RunProgress::showLoaded(int cells)
{
    total_ = std::max(1, cells);
    bar_->setRange(0, 1);
    bar_->setValue(1);
    text_->setText(tr("%1 cells loaded").arg(cells));
}

} // namespace chunkscope::ui
