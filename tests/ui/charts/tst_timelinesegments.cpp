// SPDX-License-Identifier: GPL-3.0-or-later
// Each task on the timeline as its receive, compute and send: where each segment sits and how
// wide it is, its tooltip, a zero-length segment drawing nothing, and the legend showing only
// when some task has a receive or a send. Synthetic cells, and a real fork-split run.

#include "testcells.h"

#include "timelinesegments.h"
#include "timelineview.h"

#include "chunkscope/runner.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QtTest>

using namespace chunkscope;
using namespace chunkscope::ui;
using namespace Qt::StringLiterals;

namespace {

// worker, task, start_s, end_s, bytes, items, receive_s, send_s
TaskEvent makeEvent(int worker, std::uint32_t task, double start, double end, double receive, double send)
{
    return {worker, task, start, end, 16'000, 1234, receive, send};
}

CellResult cellOf(std::vector<TaskEvent> events)
{
    CellResult c = testcells::cell(testcells::baseConfig(StrategyKind::ForkSplit), 4, 1, 0.020);
    c.events = std::move(events);
    return c;
}

// The simple texts of the scene (the legend's words among them).
QStringList texts(const QGraphicsScene& scene)
{
    QStringList out;
    for (const QGraphicsItem* item : scene.items())
        if (const auto* text = qgraphicsitem_cast<const QGraphicsSimpleTextItem*>(item))
            out << text->text();
    return out;
}

int itemsWithToolTipHaving(const QGraphicsScene& scene, const QString& text)
{
    int n = 0;
    for (const QGraphicsItem* item : scene.items())
        n += item->toolTip().contains(text) ? 1 : 0;
    return n;
}

} // namespace

class TestTimelineSegments : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void segmentsSitWhereTheyHappened_data();
    void segmentsSitWhereTheyHappened();
    void theViewDrawsEachSegmentWithItsToolTip();
    void aZeroLengthSegmentDrawsNothing();
    void theLegendShowsOnlyWhenATaskHasAReceiveOrASend();
    void theThreeSegmentsLookApart();
    void aRealForkSplitRunShowsAllThreeOnEveryTask();
};

void TestTimelineSegments::segmentsSitWhereTheyHappened_data()
{
    QTest::addColumn<double>("receive");
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("send");
    QTest::addColumn<QList<int>>("segments");   // which are drawn, left to right
    const QList<int> all{int(Segment::Receive), int(Segment::Compute), int(Segment::Send)};
    QTest::addRow("all three") << 0.002 << 0.010 << 0.014 << 0.003 << all;
    QTest::addRow("no receive") << 0.0 << 0.010 << 0.014 << 0.003 << QList<int>{int(Segment::Compute), int(Segment::Send)};
    QTest::addRow("no send") << 0.002 << 0.010 << 0.014 << 0.0 << QList<int>{int(Segment::Receive), int(Segment::Compute)};
    QTest::addRow("compute only") << 0.0 << 0.010 << 0.014 << 0.0 << QList<int>{int(Segment::Compute)};
    QTest::addRow("a negative one is nothing") << -0.001 << 0.010 << 0.014 << 0.003
                                               << QList<int>{int(Segment::Compute), int(Segment::Send)};
    QTest::addRow("a compute shorter than a pixel") << 0.001 << 0.010 << 0.0100001 << 0.001 << all;
}

void TestTimelineSegments::segmentsSitWhereTheyHappened()
{
    QFETCH(double, receive);
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, send);
    QFETCH(QList<int>, segments);
    const double left = 110, pps = 2000;   // 2 pixels a millisecond
    const std::vector<SegmentSpan> spans = taskSegments(makeEvent(0, 0, start, end, receive, send), left, pps);
    QCOMPARE(static_cast<int>(spans.size()), segments.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const SegmentSpan& s = spans[i];
        QCOMPARE(int(s.segment), segments[static_cast<int>(i)]);
        switch (s.segment) {
        case Segment::Receive:
            QCOMPARE(s.x, left + (start - receive) * pps);
            QCOMPARE(s.width, receive * pps);
            QCOMPARE(s.seconds, receive);
            break;
        case Segment::Compute:
            QCOMPARE(s.x, left + start * pps);
            QCOMPARE(s.width, std::max(kMinComputeWidth, (end - start) * pps));
            QCOMPARE(s.seconds, end - start);
            break;
        case Segment::Send:
            QCOMPARE(s.x, left + end * pps);
            QCOMPARE(s.width, send * pps);
            break;
        }
        if (i > 0 && spans[i - 1].segment == Segment::Receive)   // receive ends where compute starts
            QVERIFY(qAbs(spans[i - 1].x + spans[i - 1].width - s.x) < 1e-9);
    }
}

void TestTimelineSegments::theViewDrawsEachSegmentWithItsToolTip()
{
    const CellResult cell = cellOf({makeEvent(0, 0, 0.002, 0.006, 0.002, 0.001), makeEvent(1, 1, 0.004, 0.009, 0.0015, 0.0025),
                                    makeEvent(0, 2, 0.009, 0.012, 0.0025, 0.004)});
    TimelineView view;
    view.resize(900, 300);
    view.setCell(&cell);
    view.setPixelsPerSecond(50'000);   // 50 pixels a millisecond
    const double pps = view.pixelsPerSecond();
    QCOMPARE(pps, 50'000.0);
    for (std::size_t i = 0; i < cell.events.size(); ++i) {
        const TaskEvent& e = cell.events[i];
        const double y = TimelineView::TopMargin + TimelineView::LaneGap / 2 +
                         e.worker * (TimelineView::LaneHeight + TimelineView::LaneGap);
        const QGraphicsRectItem* receive = view.segmentItem(i, Segment::Receive);
        const QGraphicsRectItem* compute = view.segmentItem(i, Segment::Compute);
        const QGraphicsRectItem* send = view.segmentItem(i, Segment::Send);
        QVERIFY(receive && compute && send);
        QVERIFY(view.eventItems()[i] == compute);
        QVERIFY(qAbs(receive->pos().x() - (TimelineView::LeftMargin + e.task_start_s() * pps)) < 1e-6);
        QVERIFY(qAbs(receive->rect().width() - e.receive_s * pps) < 1e-6);
        QVERIFY(qAbs(compute->pos().x() - (TimelineView::LeftMargin + e.start_s * pps)) < 1e-6);
        QVERIFY(qAbs(compute->rect().width() - (e.end_s - e.start_s) * pps) < 1e-6);
        QVERIFY(qAbs(send->pos().x() - (TimelineView::LeftMargin + e.end_s * pps)) < 1e-6);
        QVERIFY(qAbs(send->rect().width() - e.send_s * pps) < 1e-6);
        for (const QGraphicsRectItem* item : {receive, compute, send}) {
            QCOMPARE(item->pos().y(), y);
            QCOMPARE(item->rect().height(), TimelineView::LaneHeight);
        }
        QVERIFY(compute->zValue() > receive->zValue() && compute->zValue() > send->zValue());
    }
    // Which segment, how long in ms, the task, its worker, its items and bytes.
    const QString r = view.segmentItem(2, Segment::Receive)->toolTip();
    QVERIFY2(r.contains(u"<b>receive</b> 2.500 ms"_s), qPrintable(r));
    QVERIFY2(r.contains(u"task 2 on worker 0 · 6.500 → 9.000 ms"_s), qPrintable(r));
    QVERIFY2(r.contains(u"1234 items, 16"_s), qPrintable(r));
    const QString c = view.segmentItem(1, Segment::Compute)->toolTip();
    QVERIFY2(c.contains(u"<b>compute</b> 5.000 ms"_s), qPrintable(c));
    QVERIFY2(c.contains(u"task 1 on worker 1 · 4.000 → 9.000 ms"_s), qPrintable(c));
    const QString s = view.segmentItem(0, Segment::Send)->toolTip();
    QVERIFY2(s.contains(u"<b>send</b> 1.000 ms"_s), qPrintable(s));
    QVERIFY2(s.contains(u"task 0 on worker 0 · 6.000 → 7.000 ms"_s), qPrintable(s));
    // The run's width holds the last send: fitting the run fits it in the view.
    view.fitToView();
    const double lastEnd = TimelineView::LeftMargin + cell.events.back().task_end_s() * view.pixelsPerSecond();
    QVERIFY(lastEnd <= view.scene()->sceneRect().right());
}

void TestTimelineSegments::aZeroLengthSegmentDrawsNothing()
{
    const CellResult cell = cellOf({makeEvent(0, 0, 0.002, 0.006, 0.0, 0.001), makeEvent(1, 1, 0.004, 0.009, 0.0015, 0.0)});
    TimelineView view;
    view.resize(900, 300);
    view.setCell(&cell);
    QVERIFY(view.segmentItem(0, Segment::Receive) == nullptr);
    QVERIFY(view.segmentItem(0, Segment::Send) != nullptr);
    QVERIFY(view.segmentItem(1, Segment::Receive) != nullptr);
    QVERIFY(view.segmentItem(1, Segment::Send) == nullptr);
    // No other item stands in for them: one receive and one send in the whole scene.
    QCOMPARE(itemsWithToolTipHaving(*view.scene(), u"<b>receive</b>"_s), 1);
    QCOMPARE(itemsWithToolTipHaving(*view.scene(), u"<b>send</b>"_s), 1);
    QCOMPARE(itemsWithToolTipHaving(*view.scene(), u"<b>compute</b>"_s), 2);
}

void TestTimelineSegments::theLegendShowsOnlyWhenATaskHasAReceiveOrASend()
{
    TimelineView view;
    view.resize(900, 300);
    const CellResult moved = cellOf({makeEvent(0, 0, 0.002, 0.006, 0.0, 0.001), makeEvent(1, 1, 0.004, 0.009, 0.0, 0.0)});
    view.setCell(&moved);
    QVERIFY(view.legendShown());
    for (const QString& word : {u"receive"_s, u"compute"_s, u"send"_s, u"idle"_s})
        QVERIFY2(texts(*view.scene()).contains(word), qPrintable(word));

    const CellResult threads = cellOf({makeEvent(0, 0, 0.002, 0.006, 0.0, 0.0), makeEvent(1, 1, 0.004, 0.009, 0.0, 0.0)});
    view.setCell(&threads);
    QVERIFY(!view.legendShown());
    QVERIFY(!texts(*view.scene()).contains(u"receive"_s));
    QVERIFY(!texts(*view.scene()).contains(u"idle"_s));
    QCOMPARE(static_cast<int>(view.eventItems().size()), 2);

    view.setCell(nullptr);
    QVERIFY(!view.legendShown());
    QVERIFY(hasTransfers(moved.events));
    QVERIFY(!hasTransfers(threads.events));
}

void TestTimelineSegments::theThreeSegmentsLookApart()
{
    const QColor lane = QColor::fromHsv(200, 130, 210);
    const SegmentLook receive = segmentLook(Segment::Receive, lane);
    const SegmentLook compute = segmentLook(Segment::Compute, lane);
    const SegmentLook send = segmentLook(Segment::Send, lane);
    QCOMPARE(compute.fill, lane);
    QCOMPARE(compute.hatch, Qt::NoBrush);
    QVERIFY(receive.hatch != Qt::NoBrush && send.hatch != Qt::NoBrush && receive.hatch != send.hatch);
    QVERIFY2(receive.fill.lightness() > lane.lightness() + 40, "a transfer is a light tint of the lane's colour");
    QCOMPARE(receive.fill.hsvHue(), lane.hsvHue());
    QVERIFY(receive.line.lightness() < lane.lightness());
}

void TestTimelineSegments::aRealForkSplitRunShowsAllThreeOnEveryTask()
{
    RunConfig c = testcells::baseConfig(StrategyKind::ForkSplit);
    c.workload.size = 400'000;
    c.splits = 8;
    c.chunksize = 1;
    Runner runner;
    const CellResult cell = runner.run(c);
    QVERIFY2(cell.status == Status::Ok, cell.error.c_str());
    QCOMPARE(cell.events.size(), std::size_t{8});
    TimelineView view;
    view.resize(900, 300);
    view.setCell(&cell);
    QVERIFY(view.legendShown());
    for (std::size_t i = 0; i < cell.events.size(); ++i) {
        const TaskEvent& e = cell.events[i];
        QVERIFY2(e.receive_s > 0 && e.send_s > 0, "pipes move every item both ways");
        for (Segment s : kSegments) {
            const QGraphicsRectItem* item = view.segmentItem(i, s);
            QVERIFY(item != nullptr);
            QVERIFY2(item->toolTip().contains(u"task %1 on worker %2"_s.arg(e.task).arg(e.worker)),
                     qPrintable(item->toolTip()));
        }
    }
}

QTEST_MAIN(TestTimelineSegments)
#include "tst_timelinesegments.moc"
