// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The worker timeline: a Gantt chart of one cell's tasks (its last repetition), one lane per
// worker (per MPI rank, "rank N · host", or per Dask worker, "Dask worker N · host", for a cell
// that ran on such places: CellResult::ranks, named by place_noun), each task as its
// receive, compute and send (timelinesegments.h), idle time as the grey of the lane between
// them, a time axis in milliseconds, and under the lanes a legend when any task has a receive or
// a send. The mouse wheel and Ctrl+= / Ctrl+- zoom the time axis (around the mouse, or the
// view's centre); Ctrl+0 fits the run.

#include "timelinesegments.h"

#include "chunkscope/results.h"

#include <QGraphicsView>
#include <QRectF>
#include <QString>

#include <array>
#include <set>
#include <vector>

class QGraphicsRectItem;

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
    // "worker 2", or "rank 3 · host" when the cell ran on MPI ranks ("Dask worker 1 · host" on a Dask
    // cluster); the tooltip adds the pid.
    QString laneLabel(int lane) const { return lanes_.at(static_cast<std::size_t>(lane)).label; }
    QString laneToolTip(int lane) const { return lanes_.at(static_cast<std::size_t>(lane)).tip; }
    // What is said under the lanes: that mpi's rank 0 computes nothing, that events were cut.
    QString note() const { return note_; }
    // One item per event, its compute, in the cell's order; x = LeftMargin + start_s ×
    // pixelsPerSecond().
    const std::vector<QGraphicsRectItem*>& eventItems() const { return items_; }
    // Event i's item of segment s (compute: eventItems()[i]); nullptr where it lasted 0.
    QGraphicsRectItem* segmentItem(std::size_t event, Segment s) const
    {
        return segmentItems_.at(event)[static_cast<std::size_t>(s)];
    }
    // Whether the legend (receive · compute · send · idle) is drawn: when any task has a receive
    // or a send.
    bool legendShown() const { return legendShown_; }
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
    // noun: what a place is called, "rank" or "Dask worker" (place_noun).
    void setRankLanes(const std::vector<RankPlace>& ranks, std::set<int> workers, const QString& noun);
    void zoomAround(double factor, double viewX);
    double duration() const;

    struct Lane {
        int worker;
        QString label, tip;
    };
    std::vector<Lane> lanes_;
    QString note_;
    std::size_t laneOf(int worker) const;
    QRectF addLegend(double y);   // at y under the lanes; returns where it is
    std::vector<QGraphicsRectItem*> items_;
    std::vector<std::array<QGraphicsRectItem*, kSegments.size()>> segmentItems_;
    bool legendShown_ = false;
    std::vector<TaskEvent> events_;
    double wall_ = 0;
    bool truncated_ = false;
    bool fitted_ = true;   // follows the view's width until the user zooms
    double pixelsPerSecond_ = 1000;
};

} // namespace chunkscope::ui
