// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text for the window: times, sizes, summaries and tooltips. Qt strings from the core's words.

#include "chunkscope/machine.h"
#include "chunkscope/results.h"

#include <QString>

#include <cstddef>
#include <optional>
#include <string_view>

namespace chunkscope::ui {

QString qs(std::string_view text);
// *error = text, when the caller asked for the error.
void setError(QString* error, const QString& text);
// Three significant digits in a fitting unit: "23.2 s", "385 ms", "14.2 µs".
QString formatSeconds(double seconds);
// The same without trailing zeros, for scales: "30 ms", "1.5 s".
QString formatSecondsCompact(double seconds);
// Time left, to the second: "< 1 s", "42 s", "3 min 5 s", "1 h 12 min".
QString formatDuration(double seconds);
// "3.2×", "0.052×".
QString formatSpeedup(double factor);
// Item counts as the CLI writes them: "10M", "1536".
QString formatCount(std::size_t n);
QString formatBytes(double bytes);
// "10M · 80 MB": items and the bytes of one vector of doubles.
QString sizeText(std::size_t items);
// "exp (simd)", "sin ×16 (scalar)"; "exp" for the tutorial's Python (no kernel applies to it).
QString functionText(const RunConfig& config);
// "1 worker", "2 workers".
QString workersText(int workers);
// "fork-split · exp (simd) · N = 10M · 2 workers · fresh pool".
QString experimentTitle(const RunConfig& config);
// "Intel Xeon … · 2 logical cores · Linux 6.1".
QString machineText(const MachineInfo& machine);
// How many runs a cell got when the cell budget cut it ("1 timed run, 0 warm-up: budget"),
// else empty.
QString budgetText(const CellResult& cell);
// Rich text with every statistic and phase of a cell, for tooltips.
QString cellToolTip(const CellResult& cell, std::optional<double> baselineSeconds);

} // namespace chunkscope::ui
