// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One entry per strategy: its name, what it does, which knobs apply, where its memory lives,
// and whether it can run on this machine. The CLI's help and validation, the window's combo
// box, its tooltips and the greying-out of knobs all read these entries. The layers below the
// families read them through this header; core/src/registry/registry.cpp, above every family,
// defines them. Its facts live with its family (core/src/strategies/<family>/<family>facts.h):
// its own floor, that model in words and its lesson; the entry points at them (tests/core/
// test_registry_completeness.cpp fails on an entry without one). Adding a strategy:
// docs/architecture.md's checklist.

#include "chunkscope/buffer.h"
#include "chunkscope/config.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace chunkscope {

class Strategy;
struct StrategyFacts;

// The experiment's settings a strategy may or may not use. Function, kernel, intensity, size,
// repeats and warm-up apply to every strategy. DaskScheduler: RunConfig::dask_scheduler (an
// existing cluster, or a LocalCluster) applies.
enum class Knob : std::uint8_t { Workers, Splits, Chunksize, Pool, Partitioner, Schedule, Memmap, DaskScheduler };

// What chunksize "auto" means for a strategy: the library's own default.
enum class ChunksizeAuto : std::uint8_t {
    PoolMapRule,   // Pool.map's: ceil(parts / (4 W)) (fork-items, py-items and the rest)
    One,           // concurrent.futures' Executor.map: one part a task
    AsItRuns,      // joblib's batch_size="auto": sized as the batches finish; reported as 1
};

// What splits "auto" means for a strategy: the library's own chunk rule, where it has one.
enum class SplitsAuto : std::uint8_t {
    None,            // no rule of its own: splits is a number (validate refuses "auto")
    DaskChunkSize,   // Dask's chunks="auto": chunks of array.chunk-size bytes (dask_auto_chunk_items)
};

struct Availability {
    bool available = true;
    std::string reason;    // why not, when not
    std::string install;   // the command that makes it available, when there is one
};

struct StrategyInfo {
    StrategyKind kind = StrategyKind::Sequential;
    std::string_view name;                 // as typed: "fork-split"
    std::string_view description;          // one sentence, for --help, tooltips and reports
    BufferMemory memory = BufferMemory::Private;       // where the run's input and output live
    bool processes = false;                // its workers are processes (else threads, or none)
    bool parts_are_items = false;          // the vector is cut at every item (splits do not apply)
    bool copies_tasks = false;             // every worker holds a copy of one task's items (pipes)
    std::uint8_t vectors = 2;              // whole vectors held at once (memory.h): input and output,
    std::string_view vectors_note = "input and output";  // or what the tutorial's Python holds
    bool distributed = false;              // every worker is a rank that makes and computes its own
                                           // slice: memory limits are per rank (memory.h)
    std::uint32_t knobs = 0;               // bit i set: Knob i applies
    bool external = false;                 // makes its own data and checks it (Strategy::run_cell)
    bool tutorial_python = false;          // runs the tutorial's Python: one evaluation per item
    ChunksizeAuto chunksize_auto = ChunksizeAuto::PoolMapRule;
    SplitsAuto splits_auto = SplitsAuto::None;
    StrategyKind twin = StrategyKind::Sequential;   // the same experiment in the other language
    std::unique_ptr<Strategy> (*make)() = nullptr;
    Availability (*check)() = nullptr;     // nullptr: always available
    // Its own floor (ownfloor.h's own_floor calls it once the machine floor is known), that
    // model in two lines (own_floor_model) and where its time goes (the window's notes).
    const StrategyFacts* facts = nullptr;
    // Started by mpirun, so the run's MpiOptions apply (the mpirun, hostfile and transport they
    // name): whether it can run with them, and what is wrong with them. nullptr: they do not apply.
    Availability (*check_options)(const MpiOptions&) = nullptr;
    std::optional<std::string> (*options_problem)(const MpiOptions&) = nullptr;

    bool uses(Knob k) const { return (knobs >> static_cast<unsigned>(k)) & 1U; }
    bool uses_mpi_options() const { return options_problem != nullptr; }
};

std::span<const StrategyInfo> strategy_registry();
const StrategyInfo& strategy_info(StrategyKind kind);
// Whether the strategy can run here; checked each time it is asked.
Availability availability(StrategyKind kind);
// The same with the run's MpiOptions, for a strategy they apply to (an mpirun named by them).
Availability availability(StrategyKind kind, const MpiOptions& options);
// The same experiment in the other language (fork-split's is py-split, py-numexpr's threads),
// or nothing (tbb has none).
std::optional<StrategyKind> twin_of(StrategyKind kind);
// "sequential, fork-items, ...": every name, for messages that say what is allowed.
std::string strategy_names();
// What one of a cell's places (CellResult::ranks) is called: "Dask worker" for a strategy on a Dask
// cluster (Knob::DaskScheduler), else "rank" (mpi's). The trace and the timeline say it.
std::string_view place_noun(StrategyKind kind);

} // namespace chunkscope
