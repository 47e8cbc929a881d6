// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/phases.h"

#include "enumnames.h"

namespace chunkscope {

namespace {

struct PhaseText {
    std::string_view name;
    std::string_view description;
};

constexpr std::array<PhaseText, kPhaseCount> kPhaseText{{
    {"startup", "creating the pool: forking processes or starting threads"},
    {"scatter", "sending the input to the workers (pickling and pipes for processes)"},
    {"compute", "waiting while the workers apply the function"},
    {"gather", "receiving the results and joining them into the output"},
    {"shutdown", "tearing the pool down: ending and reaping the workers"},
}};

} // namespace

std::string_view to_string(Phase p) { return kPhaseText[static_cast<std::size_t>(p)].name; }
std::string_view describe(Phase p) { return kPhaseText[static_cast<std::size_t>(p)].description; }

std::optional<Phase> parse_phase(std::string_view name) { return detail::find_named(kAllPhases, name); }

double& Phases::operator[](Phase p)
{
    switch (p) {
    case Phase::Startup:
        return startup_s;
    case Phase::Scatter:
        return scatter_s;
    case Phase::Compute:
        return compute_s;
    case Phase::Gather:
        return gather_s;
    case Phase::Shutdown:
        break;
    }
    return shutdown_s;
}

std::optional<Phase> dominant_phase(const Phases& phases)
{
    std::optional<Phase> best;
    for (Phase p : kAllPhases)
        if (phases[p] > 0 && (!best || phases[p] > phases[*best]))
            best = p;
    return best;
}

double dominant_share(const Phases& phases)
{
    const auto p = dominant_phase(phases);
    const double total = phases.total();
    return p && total > 0 ? phases[*p] / total : 0.0;
}

} // namespace chunkscope
