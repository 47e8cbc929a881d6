// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The phases of one run, as data: every reporter, the trace, the charts and the model iterate
// over them instead of naming fields.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace chunkscope {

// The wall time of one run, partitioned as seen by the coordinating thread:
// startup (pool creation), scatter (sending data), compute (waiting while workers compute),
// gather (receiving and joining results), shutdown (tearing the pool down).
enum class Phase { Startup, Scatter, Compute, Gather, Shutdown };
inline constexpr std::size_t kPhaseCount = 5;
inline constexpr std::array<Phase, kPhaseCount> kAllPhases{Phase::Startup, Phase::Scatter, Phase::Compute,
                                                           Phase::Gather, Phase::Shutdown};

// "startup", "scatter", ... (the JSON keys add "_s").
std::string_view to_string(Phase p);
std::optional<Phase> parse_phase(std::string_view name);
// One line on what the phase covers, for help, tooltips and legends.
std::string_view describe(Phase p);

// The five phases of a run in seconds; they add up to the wall time.
struct Phases {
    double startup_s = 0;
    double scatter_s = 0;
    double compute_s = 0;
    double gather_s = 0;
    double shutdown_s = 0;

    // The accessor every loop over kAllPhases uses.
    double& operator[](Phase p);
    double operator[](Phase p) const { return const_cast<Phases&>(*this)[p]; }
    double total() const { return startup_s + scatter_s + compute_s + gather_s + shutdown_s; }
    bool operator==(const Phases&) const = default;
};

// The phase that takes the most time (ties: the earlier one); nothing when all are zero.
std::optional<Phase> dominant_phase(const Phases& phases);
// The dominant phase's share of the total, in [0.2, 1]; 0 when all are zero.
double dominant_share(const Phases& phases);

} // namespace chunkscope
