// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinesegments.h"

#include "uiformat.h"

#include "chunkscope/results.h"

#include <QCoreApplication>
#include <QGraphicsRectItem>
#include <QPainter>
#include <QPen>

#include <algorithm>

namespace chunkscope::ui {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("chunkscope::ui::TimelineView", text); }

// Milliseconds, as a lesson reads them: "0.412 ms", "12.512 ms", "2321.4 ms".
QString msNumber(double seconds)
{
    const double ms = seconds * 1e3;
    if (ms >= 100)
        return QString::number(ms, 'f', 1);
    if (ms >= 1)
        return QString::number(ms, 'f', 3);
    return QString::number(ms, 'g', 3);
}

// A light tint under the hatch: QGraphicsRectItem fills with one brush, a hatch has no ground.
class SegmentItem final : public QGraphicsRectItem {
public:
    SegmentItem(const QRectF& rect, const QColor& ground) : QGraphicsRectItem(rect), ground_(ground) {}

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override
    {
        painter->fillRect(rect(), ground_);
        QGraphicsRectItem::paint(painter, option, widget);
    }

private:
    QColor ground_;
};

} // namespace

std::vector<SegmentSpan> taskSegments(const TaskEvent& e, double left, double pps)
{
    std::vector<SegmentSpan> spans;
    if (e.receive_s > 0)
        spans.push_back({Segment::Receive, left + e.task_start_s() * pps, e.receive_s * pps, e.receive_s});
    const double compute = e.end_s - e.start_s;
    spans.push_back({Segment::Compute, left + e.start_s * pps, std::max(kMinComputeWidth, compute * pps), compute});
    if (e.send_s > 0)
        spans.push_back({Segment::Send, left + e.end_s * pps, e.send_s * pps, e.send_s});
    return spans;
}

bool hasTransfers(const std::vector<TaskEvent>& events)
{
    return std::any_of(events.begin(), events.end(), [](const TaskEvent& e) { return e.receive_s > 0 || e.send_s > 0; });
}

QString segmentName(Segment s)
{
    switch (s) {
    case Segment::Receive:
        return tr("receive");
    case Segment::Compute:
        return tr("compute");
    case Segment::Send:
        return tr("send");
    }
    return {};
}

QString segmentToolTip(Segment s, const TaskEvent& e, const QString& lane)
{
    double from = e.start_s, to = e.end_s;
    QString what = tr("applying the function");
    if (s == Segment::Receive) {
        from = e.task_start_s();
        to = e.start_s;
        what = tr("the task's input arriving");
    } else if (s == Segment::Send) {
        from = e.end_s;
        to = e.task_end_s();
        what = tr("until the result is back with the coordinator");
    }
    return u"<p style=\"white-space:nowrap\"><b>"_s + segmentName(s) + u"</b> "_s + msNumber(to - from) + u" ms: "_s +
           what + u"<br>"_s +
           tr("task %1 on %2 · %3 → %4 ms").arg(e.task).arg(lane.toHtmlEscaped(), msNumber(from), msNumber(to)) +
           u"<br>"_s +
           tr("%1 items, %2 moved")
               .arg(formatCount(static_cast<std::size_t>(e.items)), formatBytes(static_cast<double>(e.bytes))) +
           u"</p>"_s;
}

SegmentLook segmentLook(Segment s, const QColor& lane)
{
    const QColor dark = QColor::fromHsv(lane.hsvHue(), std::min(255, lane.hsvSaturation() + 60), 150);
    if (s == Segment::Compute)
        return {lane, dark, Qt::NoBrush};
    if (s == Segment::Receive)
        return {QColor::fromHsv(lane.hsvHue(), 35, 253), dark, Qt::BDiagPattern};
    return {QColor::fromHsv(lane.hsvHue(), 75, 240), dark, Qt::DiagCrossPattern};
}

QGraphicsRectItem* makeSegmentItem(const SegmentLook& look, double width, double height)
{
    const QRectF rect(0, 0, width, height);
    const QPen outline = width > 3 ? QPen(look.line, 0) : QPen(Qt::NoPen);
    if (look.hatch == Qt::NoBrush) {
        auto* item = new QGraphicsRectItem(rect);
        item->setBrush(look.fill);
        item->setPen(outline);
        return item;
    }
    auto* item = new SegmentItem(rect, look.fill);
    item->setBrush(QBrush(look.line, look.hatch));
    item->setPen(outline);
    return item;
}

} // namespace chunkscope::ui
