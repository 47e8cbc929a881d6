// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Synthetic results for the UI tests that do not need the engine.

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstddef>
#include <vector>

namespace testcells {

inline chunkscope::RunConfig baseConfig(chunkscope::StrategyKind strategy = chunkscope::StrategyKind::ForkSplit)
{
    chunkscope::RunConfig c;
    c.workload.size = 100'000;
    c.strategy = strategy;
    c.workers = 2;
    c.repeats = 1;
    c.warmup = 0;
    return c;
}

inline chunkscope::CellResult cell(const chunkscope::RunConfig& base, std::size_t splits, std::size_t chunks,
                                   double median, chunkscope::Status status = chunkscope::Status::Ok)
{
    chunkscope::CellResult r;
    r.config = base;
    r.config.splits = splits;
    r.config.chunksize = chunks;
    r.status = status;
    if (status != chunkscope::Status::Ok) {
        r.error = "worker 1: killed by signal 9";
        return r;
    }
    r.samples = {median * 0.98, median, median * 1.03};
    r.median_s = median;
    r.min_s = median * 0.98;
    r.mean_s = median * 1.003;
    r.stddev_s = median * 0.025;
    r.cv = 0.025;
    r.phases = {median * 0.3, median * 0.2, median * 0.3, median * 0.15, median * 0.05};
    r.verified = true;
    return r;
}

inline chunkscope::CellResult baseline(const chunkscope::RunConfig& base, double median)
{
    chunkscope::RunConfig seq;
    seq.workload = base.workload;
    seq.strategy = chunkscope::StrategyKind::Sequential;
    seq.repeats = base.repeats;
    seq.warmup = base.warmup;
    return cell(seq, 1, 1, median);
}

// powers of two from 1: rows splits x cols chunks, medians all different; the fastest at
// (rows - 1, 0) and the slowest at (0, cols - 1).
inline std::vector<std::size_t> powers(int n)
{
    std::vector<std::size_t> v;
    for (int i = 0; i < n; ++i)
        v.push_back(std::size_t{1} << i);
    return v;
}

inline std::vector<chunkscope::CellResult> grid(int rows, int cols, bool withBaseline = true)
{
    const chunkscope::RunConfig base = baseConfig();
    std::vector<chunkscope::CellResult> cells;
    if (withBaseline)
        cells.push_back(baseline(base, 0.004));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            cells.push_back(cell(base, std::size_t{1} << r, std::size_t{1} << c,
                                 0.002 * (1.0 + (rows - 1 - r) * 1.5 + c * 0.35 + r * c * 0.01)));
    return cells;
}

inline chunkscope::MachineInfo machine()
{
    chunkscope::MachineInfo m;
    m.cpu_model = "Test CPU 3000";
    m.logical_cores = 2;
    m.os = "Linux 6.1";
    m.chunkscope_version = "0.1.0";
    return m;
}

// Settings of the tests go to a temporary directory, never the user's.
inline void isolateSettings(const QTemporaryDir& dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

// A test object's member that sends the settings to a temporary directory of its own (as
// isolateSettings) from its construction, before any test function runs, to its end.
struct IsolatedSettings {
    QTemporaryDir dir;
    IsolatedSettings() { isolateSettings(dir); }
};

} // namespace testcells
