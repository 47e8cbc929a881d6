// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The three segments of one task on the worker timeline, left to right: receive (its input
// arriving: the pipe, the shared pages, the MPI message, Python's pickles), compute, and send
// (until the coordinator holds the result). Their geometry, their look and their words, apart
// from the scene, so that a test can check them.

#include <QColor>
#include <QString>

#include <array>
#include <vector>

class QGraphicsRectItem;

namespace chunkscope {
struct TaskEvent;
}

namespace chunkscope::ui {

enum class Segment { Receive, Compute, Send };
inline constexpr std::array<Segment, 3> kSegments{Segment::Receive, Segment::Compute, Segment::Send};

struct SegmentSpan {
    Segment segment;
    double x;         // the left edge, left + time × pixels per second
    double width;     // pixels
    double seconds;   // how long it lasted
};

// A compute this short still shows, as a 1-pixel bar.
inline constexpr double kMinComputeWidth = 1.0;

// e's segments, left to right, drawn at x = left + seconds × pps: compute always (at least
// kMinComputeWidth wide), receive and send only where they lasted (0 draws nothing).
std::vector<SegmentSpan> taskSegments(const TaskEvent& e, double left, double pps);

// Whether any task has a receive or a send (the timeline's legend shows only then).
bool hasTransfers(const std::vector<TaskEvent>& events);

// "receive", "compute", "send".
QString segmentName(Segment s);

// Which segment and how long in ms, what it is, the task, its worker (lane), its span, its items
// and bytes: "<b>receive</b> 0.412 ms: the task's input arriving<br>task 3 on worker 1 ·
// 12.1 → 12.5 ms<br>156K items, 2.5 MB moved", rich text in one paragraph whose lines do not
// wrap.
QString segmentToolTip(Segment s, const TaskEvent& e, const QString& lane);

// A segment's colours in a lane's colour: compute solid and outlined darker; receive a light
// tint of it hatched / in the darker colour, send a deeper tint cross-hatched x. Texture tells
// them from compute and from each other on a washed-out projector, in grey print and for
// colour-blind eyes; position (before or after the compute) tells them apart too.
struct SegmentLook {
    QColor fill;
    QColor line;                 // the hatch and the outline
    Qt::BrushStyle hatch;        // Qt::NoBrush: none
};
SegmentLook segmentLook(Segment s, const QColor& lane);

// A rectangle at (0, 0, width, height) painted with look; outlined when wider than 3 pixels.
QGraphicsRectItem* makeSegmentItem(const SegmentLook& look, double width, double height);

} // namespace chunkscope::ui
