// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One progress line on stderr, rewritten in place while the engine runs:
//   [12/64] fork-split splits=8 chunk=4  median 0.231 s  ETA 14 s
// Only when stderr is a terminal; otherwise it says nothing.

#include "chunkscope/observer.h"

#include <chrono>
#include <cstddef>
#include <string>

namespace chunkscope::cli {

class ProgressLine final : public Observer {
public:
    // enabled: usually isatty(STDERR_FILENO).
    explicit ProgressLine(bool enabled);

    void on_sweep_start(std::size_t cells) override;
    void on_cell_start(const RunConfig& config, std::size_t index, std::size_t cells) override;
    void on_run_done(std::size_t index, double cell_fraction) override;
    void on_cell_done(const CellResult& result, std::size_t index, std::size_t cells, double eta_s) override;
    void on_sweep_done(std::size_t cells_done, bool cancelled) override;

    // Ends the line (a newline) if one is showing; call before printing anything else on stderr.
    void finish();

    // "fork-split splits=8 chunk=4", as the progress line and the messages name a cell.
    static std::string label(const RunConfig& config);

private:
    void show(bool force);

    using Clock = std::chrono::steady_clock;
    bool enabled_;
    bool showing_ = false;
    std::size_t cells_ = 0;
    std::size_t done_ = 0;
    std::string cell_;        // label of the cell running now
    double cell_fraction_ = -1;
    double last_median_s_ = -1;
    double eta_s_ = -1;
    Clock::time_point last_shown_{};
};

} // namespace chunkscope::cli
