// SPDX-License-Identifier: GPL-3.0-or-later
#include "progressline.h"

#include "chunkscope/format.h"

#include <cmath>
#include <cstdio>
#include <string_view>

#include <sys/ioctl.h>
#include <unistd.h>

namespace chunkscope::cli {

namespace {

std::string eta(double s)
{
    const std::string left = format_time_left(s);
    return left.empty() ? left : "ETA " + left;
}

std::size_t terminal_width()
{
    winsize ws{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

} // namespace

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled)
{
}

std::string ProgressLine::label(const RunConfig& config)
{
    std::string text(to_string(config.strategy));
    const std::string chunk = config.chunksize_auto ? "auto(" + std::to_string(effective_chunksize(config)) + ")"
                                                    : std::to_string(config.chunksize);
    switch (config.strategy) {
    case StrategyKind::Sequential:
        break;
    case StrategyKind::ForkItems:
        text += " chunk=" + chunk;
        break;
    case StrategyKind::MpiDistributed:
        text += " ranks=" + std::to_string(config.workers);
        break;
    default:
        text += " splits=" + (config.splits_auto ? "auto(" + std::to_string(effective_splits(config)) + ")"
                                                 : std::to_string(config.splits)) +
                " chunk=" + chunk;
        break;
    }
    return text;
}

void ProgressLine::on_sweep_start(std::size_t cells)
{
    cells_ = cells;
    done_ = 0;
}

void ProgressLine::on_cell_start(const RunConfig& config, std::size_t index, std::size_t cells)
{
    cells_ = cells;
    done_ = index;
    cell_ = label(config);
    cell_fraction_ = 0;
    last_median_s_ = -1;   // the median shown belongs to the cell just done
    show(true);
}

void ProgressLine::on_run_done(std::size_t /*index*/, double cell_fraction)
{
    cell_fraction_ = cell_fraction;
    show(false);
}

void ProgressLine::on_cell_done(const CellResult& result, std::size_t index, std::size_t cells, double eta_s)
{
    cells_ = cells;
    done_ = index + 1;
    cell_ = label(result.config);
    cell_fraction_ = -1;
    last_median_s_ = result.status == Status::Ok ? result.median_s : -1;
    eta_s_ = done_ < cells_ ? eta_s : -1;
    show(true);
}

void ProgressLine::on_sweep_done(std::size_t /*cells_done*/, bool /*cancelled*/) { finish(); }

void ProgressLine::finish()
{
    if (!showing_)
        return;
    std::fputs("\n", stderr);
    std::fflush(stderr);
    showing_ = false;
}

void ProgressLine::show(bool force)
{
    if (!enabled_)
        return;
    const auto now = Clock::now();
    // A few tens of updates a second at most; cell boundaries always show.
    if (!force && showing_ && now - last_shown_ < std::chrono::milliseconds(50))
        return;
    last_shown_ = now;

    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string at -O3.
    std::string text = "[";
    text += std::to_string(done_);
    text += '/';
    text += std::to_string(cells_ == 0 ? 1 : cells_);
    text += "] ";
    text += cell_;
    if (cell_fraction_ >= 0) {
        text += "  ";
        text += std::to_string(static_cast<int>(cell_fraction_ * 100));
        text += '%';
    }
    if (last_median_s_ >= 0) {
        text += "  median ";
        text += format_seconds(last_median_s_);
    }
    if (const std::string e = eta(eta_s_); !e.empty()) {
        text += "  ";
        text += e;
    }
    // Never wider than the terminal, or '\r' would not return to the line's start.
    const std::size_t width = terminal_width();
    if (text.size() >= width)
        text.resize(width - 1);
    // "\x1b[K" clears what a longer previous line left.
    const std::string line = "\r" + text + "\x1b[K";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
    showing_ = true;
}

} // namespace chunkscope::cli
