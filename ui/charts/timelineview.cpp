// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include "uiformat.h"

#include "chunkscope/registry.h"

#include <QAction>
#include <QFontMetrics>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <set>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

// 1, 2 or 5 × 10^k milliseconds, so that ticks are about minPixels apart.
double tickStepMs(double pixelsPerMs, double minPixels)
{
    const double raw = minPixels / std::max(pixelsPerMs, 1e-12);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw)
            return m * decade;
    return 10 * decade;
}

QColor laneColor(int lane)
{
    return QColor::fromHsv((lane * 47 + 200) % 360, 130, 210);
}

const QColor kIdle(0xf0, 0xf0, 0xf0);   // a lane's background: time its worker had no task

} // namespace

TimelineView::TimelineView(QWidget* parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setRenderHint(QPainter::Antialiasing, false);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setBackgroundBrush(Qt::white);
    const auto addShortcut = [this](const QList<QKeySequence>& keys, void (TimelineView::*slot)(), const QString& text) {
        auto* action = new QAction(text, this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    addShortcut({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence::ZoomIn},
                &TimelineView::zoomIn, tr("Zoom in"));
    addShortcut({QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut}, &TimelineView::zoomOut,
                tr("Zoom out"));
    addShortcut({QKeySequence(Qt::CTRL | Qt::Key_0)}, &TimelineView::fitToView, tr("Fit the run"));
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setToolTip(tr("Each task on its worker: receive (hatched /, its input arriving), compute (solid), send "
                  "(cross-hatched, until the result is back); grey gaps are idle time. "
                  "Wheel or Ctrl+= / Ctrl+- to zoom, Ctrl+0 to fit, drag to pan."));
    rebuild();
}

void TimelineView::setCell(const CellResult* cell)
{
    events_.clear();
    lanes_.clear();
    note_.clear();
    wall_ = 0;
    truncated_ = false;
    if (cell && cell->status == Status::Ok) {
        std::set<int> workers;
        for (const TaskEvent& e : cell->events) {
            events_.push_back(e);
            workers.insert(e.worker);
            wall_ = std::max(wall_, e.task_end_s());
        }
        if (!events_.empty() && strategy_info(cell->config.strategy).uses(Knob::Workers))
            for (int w = 0; w < cell->config.workers; ++w)
                workers.insert(w);   // a worker that got no task is an idle lane
        if (!events_.empty() && !cell->ranks.empty())
            setRankLanes(cell->ranks, workers, qs(place_noun(cell->config.strategy)));
        else
            for (int w : workers)
                lanes_.push_back({w, tr("worker %1").arg(w), tr("worker %1: grey is idle").arg(w)});
        wall_ = std::max(wall_, cell->phases.total());
        truncated_ = cell->events_truncated;
    }
    fitted_ = true;
    fitToView();
}

void TimelineView::setRankLanes(const std::vector<RankPlace>& ranks, std::set<int> workers, const QString& noun)
{
    std::vector<RankPlace> places = ranks;
    std::sort(places.begin(), places.end(), [](const RankPlace& a, const RankPlace& b) { return a.rank < b.rank; });
    for (const RankPlace& p : places) {
        const bool tasks =
            std::any_of(events_.begin(), events_.end(), [&](const TaskEvent& e) { return e.worker == p.worker; });
        const QString where = tr("%1 %2 on %3, pid %4").arg(noun).arg(p.rank).arg(qs(p.host)).arg(p.pid);
        if (p.worker < 0 && !tasks) {
            note_ = tr("%1 %2 (%3, pid %4) deals the tasks and gathers the results: it computes none, so it has no "
                       "lane")
                        .arg(noun)
                        .arg(p.rank)
                        .arg(qs(p.host))
                        .arg(p.pid);
            continue;
        }
        workers.erase(p.worker);
        lanes_.push_back({p.worker, tr("%1 %2 · %3").arg(noun).arg(p.rank).arg(qs(p.host)),
                          p.worker < 0 ? tr("%1: it deals the tasks; grey is idle").arg(where)
                                       : tr("%1, worker %2: grey is idle").arg(where).arg(p.worker)});
    }
    for (int w : workers)   // events of a worker no rank names (should not happen): still shown
        lanes_.push_back({w, tr("worker %1").arg(w), tr("worker %1: grey is idle").arg(w)});
}

std::size_t TimelineView::laneOf(int worker) const
{
    for (std::size_t i = 0; i < lanes_.size(); ++i)
        if (lanes_[i].worker == worker)
            return i;
    return 0;
}

double TimelineView::duration() const { return wall_ > 0 ? wall_ : 1e-3; }

void TimelineView::setPixelsPerSecond(double pps)
{
    pixelsPerSecond_ = std::clamp(pps, 1.0, 1e12);
    rebuild();
}

void TimelineView::fitToView()
{
    fitted_ = true;
    const double width = std::max(100.0, viewport()->width() - LeftMargin - 20);
    setPixelsPerSecond(width / duration());
}

void TimelineView::zoomIn() { zoomAround(1.5, viewport()->width() / 2.0); }

void TimelineView::zoomOut() { zoomAround(1 / 1.5, viewport()->width() / 2.0); }

void TimelineView::zoomAround(double factor, double viewX)
{
    const double sceneX = mapToScene(QPoint(static_cast<int>(viewX), 0)).x();
    const double t = (sceneX - LeftMargin) / pixelsPerSecond_;
    fitted_ = false;
    setPixelsPerSecond(pixelsPerSecond_ * factor);
    const double newSceneX = LeftMargin + t * pixelsPerSecond_;
    horizontalScrollBar()->setValue(static_cast<int>(std::lround(newSceneX - viewX)));
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomAround(std::pow(1.0015, delta), event->position().x());
    event->accept();
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (fitted_)
        fitToView();
}

void TimelineView::rebuild()
{
    QGraphicsScene* s = scene();
    s->clear();
    items_.clear();
    segmentItems_.clear();
    legendShown_ = false;
    const QFont small = font();
    if (events_.empty()) {
        auto* text = s->addSimpleText(tr("No tasks to show: select a cell that has run (click the heatmap or a row "
                                         "of the results)."));
        text->setPos(12, 12);
        text->setBrush(QColor(0x60, 0x60, 0x60));
        s->setSceneRect(0, 0, 600, 60);
        return;
    }
    const double pps = pixelsPerSecond_;
    const double width = duration() * pps;
    const double height = TopMargin + laneCount() * (LaneHeight + LaneGap);
    // The time axis: ticks every 1, 2 or 5 × 10^k ms.
    const double stepMs = tickStepMs(pps / 1000.0, 80);
    const QPen gridPen(QColor(0xe4, 0xe4, 0xe4));
    const QPen tickPen(QColor(0x70, 0x70, 0x70));
    for (int i = 0;; ++i) {
        const double ms = i * stepMs;
        if (ms / 1000.0 > duration() * 1.0001)
            break;
        const double x = LeftMargin + ms / 1000.0 * pps;
        s->addLine(x, TopMargin - 4, x, height, gridPen)->setZValue(-1);
        s->addLine(x, TopMargin - 6, x, TopMargin, tickPen);
        auto* label = s->addSimpleText(QString::number(ms, 'g', 6) + (i == 0 ? tr(" ms") : QString()));
        label->setFont(small);
        label->setPos(x - label->boundingRect().width() / 2, 2);
    }
    s->addLine(LeftMargin, TopMargin, LeftMargin + width, TopMargin, tickPen);
    // Lanes, then one bar per task.
    for (int lane = 0; lane < laneCount(); ++lane) {
        const double y = TopMargin + LaneGap / 2 + lane * (LaneHeight + LaneGap);
        auto* band = s->addRect(LeftMargin, y, width, LaneHeight, Qt::NoPen, kIdle);
        band->setZValue(-2);
        const Lane& l = lanes_[static_cast<std::size_t>(lane)];
        band->setToolTip(l.tip);
        auto* name = s->addSimpleText(QFontMetrics(small).elidedText(l.label, Qt::ElideMiddle, LeftMargin - 12));
        name->setToolTip(l.tip);
        name->setPos(LeftMargin - 8 - name->boundingRect().width(), y + (LaneHeight - name->boundingRect().height()) / 2);
    }
    items_.reserve(events_.size());
    segmentItems_.reserve(events_.size());
    for (const TaskEvent& e : events_) {
        const std::size_t lane = laneOf(e.worker);
        const double y = TopMargin + LaneGap / 2 + static_cast<double>(lane) * (LaneHeight + LaneGap);
        const QColor color = laneColor(static_cast<int>(lane));
        auto& segments = segmentItems_.emplace_back();
        segments.fill(nullptr);
        for (const SegmentSpan& span : taskSegments(e, LeftMargin, pps)) {
            QGraphicsRectItem* item = makeSegmentItem(segmentLook(span.segment, color), span.width, LaneHeight);
            s->addItem(item);
            item->setPos(span.x, y);
            item->setZValue(span.segment == Segment::Compute ? 1 : 0);   // a compute is never hidden
            item->setToolTip(segmentToolTip(span.segment, e, lanes_[lane].label));
            segments[static_cast<std::size_t>(span.segment)] = item;
        }
        items_.push_back(segments[static_cast<std::size_t>(Segment::Compute)]);
    }
    double below = height + 4;
    double right = LeftMargin + width + 20;
    if (hasTransfers(events_)) {
        const QRectF legend = addLegend(below);
        right = std::max(right, legend.right() + 20);
        below = legend.bottom() + 4;
    }
    QStringList notes;
    if (!note_.isEmpty())
        notes += note_;
    if (truncated_)
        notes += tr("(only the first tasks were kept)");
    if (!notes.isEmpty()) {
        auto* note = s->addSimpleText(notes.join(u'\n'));
        note->setBrush(QColor(0x50, 0x50, 0x50));
        note->setPos(LeftMargin, below);
    }
    s->setSceneRect(0, 0, right, below + 4 + 18 * (1 + notes.size()));
}

QRectF TimelineView::addLegend(double y)
{
    QGraphicsScene* s = scene();
    const QColor color = laneColor(0);
    const QString tip = tr("receive: from when the task's input starts to arrive until its compute starts; "
                           "send: from the compute's end until the coordinator holds the result; idle: the worker "
                           "has no task");
    const double rowHeight = std::max(16.0, QFontMetricsF(font()).height());
    double x = LeftMargin;
    const auto entry = [&](QGraphicsRectItem* swatch, const QString& text) {
        s->addItem(swatch);
        swatch->setPos(x, y + (rowHeight - 12) / 2);
        swatch->setToolTip(tip);
        auto* label = s->addSimpleText(text);
        label->setBrush(QColor(0x30, 0x30, 0x30));
        label->setPos(x + 22, y + (rowHeight - label->boundingRect().height()) / 2);
        label->setToolTip(tip);
        x += 22 + label->boundingRect().width() + 16;
    };
    for (Segment seg : kSegments)
        entry(makeSegmentItem(segmentLook(seg, color), 18, 12), segmentName(seg));
    auto* idle = new QGraphicsRectItem(0, 0, 18, 12);
    idle->setBrush(kIdle);
    idle->setPen(QPen(QColor(0xc8, 0xc8, 0xc8), 0));
    entry(idle, tr("idle"));
    legendShown_ = true;
    return QRectF(LeftMargin, y, x - LeftMargin, rowHeight);
}

} // namespace chunkscope::ui
