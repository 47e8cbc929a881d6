#pragma once
// The worker timeline: a Gantt chart of one cell's tasks (its last repetition), one lane per
// worker (per MPI rank, "rank N · host", for a cell that ran on ranks), idle time as gaps, a
// time axis in milliseconds. The mouse wheel and Ctrl+= / Ctrl+-
// zoom the time axis (around the mouse, or the view's centre); Ctrl+0 fits the run.

#include <QGraphicsView>
#include <QString>

#include <set>
#include <vector>

class QGraphicsRectItem;

namespace chunkscope {
struct CellResult;
struct RankPlace;
}

namespace chunkscope::ui {

class TimelineView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr double LeftMargin = 110;   // lane labels
    static constexpr double TopMargin = 28;     // the time axis
    static constexpr double LaneHeight = 22;
    static constexpr double LaneGap = 6;

    explicit TimelineView(QWidget* parent = nullptr);

    // nullptr (or a cell without events) shows a placeholder.
    void setCell(const CellResult* cell);
    int laneCount() const { return static_cast<int>(lanes_.size()); }
    // The worker of lane i, top down (-1: rank 0 of mpi, which deals the tasks).
    int laneWorker(int lane) const { return lanes_.at(static_cast<std::size_t>(lane)).worker; }
    // "worker 2", or "rank 3 · host" when the cell ran on MPI ranks; the tooltip adds the pid.
    QString laneLabel(int lane) const { return lanes_.at(static_cast<std::size_t>(lane)).label; }
    QString laneToolTip(int lane) const { return lanes_.at(static_cast<std::size_t>(lane)).tip; }
    // What is said under the lanes: that mpi's rank 0 computes nothing, that events were cut.
    QString note() const { return note_; }
    // One item per event, in the cell's order; x = LeftMargin + start_s × pixelsPerSecond().
    const std::vector<QGraphicsRectItem*>& eventItems() const { return items_; }
    double pixelsPerSecond() const { return pixelsPerSecond_; }
    void setPixelsPerSecond(double pps);

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToView();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void setRankLanes(const std::vector<RankPlace>& ranks, std::set<int> workers);
    void zoomAround(double factor, double viewX);
    double duration() const;

    struct Lane {
        int worker;
        QString label, tip;
    };
    std::vector<Lane> lanes_;
    QString note_;
    std::size_t laneOf(int worker) const;
    std::vector<QGraphicsRectItem*> items_;
    struct Event {
        int worker;
        unsigned task;
        double start, end;
        unsigned long long bytes, items;
    };
    std::vector<Event> events_;
    double wall_ = 0;
    bool truncated_ = false;
    bool fitted_ = true;   // follows the view's width until the user zooms
    double pixelsPerSecond_ = 1000;
};

} // namespace chunkscope::ui
