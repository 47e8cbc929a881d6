// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/runner.h"

#include "chunkscope/generator.h"
#include "chunkscope/memory.h"
#include "chunkscope/registry.h"
#include "chunkscope/statistics.h"
#include "chunkscope/strategy.h"
#include "chunkscope/verify.h"
#include "clock.h"

#include <algorithm>
#include <atomic>
#include <exception>

namespace chunkscope {

Runner::Runner() = default;
Runner::~Runner() { release(); }

void Runner::release()
{
    for (auto& [kind, s] : strategies_)
        s->stop_pool();
    warm_.clear();
    reference_.reset();
    private_ = Data{};
    shared_ = Data{};
    account();
}

namespace {
// Input and output held by every Runner of this process, private and shared.
std::atomic<std::size_t> g_held_private{0};
std::atomic<std::size_t> g_held_shared{0};

std::size_t held(const Buffer& input, const Buffer& output) { return (input.size() + output.size()) * sizeof(double); }
} // namespace

void Runner::account()
{
    const std::size_t p = held(private_.input, private_.output);
    const std::size_t s = held(shared_.input, shared_.output);
    g_held_private += p - held_private_; // modulo 2^64: adds the difference either way
    g_held_shared += s - held_shared_;
    held_private_ = p;
    held_shared_ = s;
}

MemoryBudget Runner::budget()
{
    // What the runners hold is freed or reused before a run makes anything new.
    const std::size_t p = g_held_private.load();
    const std::size_t s = g_held_shared.load();
    MemoryBudget m = memory_budget();
    if (m.available_bytes != 0)
        m.available_bytes += p + s;
    if (m.shared_bytes != 0)
        m.shared_bytes += s;
    return m;
}

void Runner::free_data(BufferMemory memory)
{
    if (memory == BufferMemory::Private) {
        private_ = Data{};
        account();
        return;
    }
    // The workers of a warm shared-memory pool keep the segments mapped: stop them, or the
    // memory would stay taken.
    for (auto& [kind, s] : strategies_) {
        const StrategyInfo& info = strategy_info(kind);
        if (info.memory == BufferMemory::Shared && !info.external && s->pool_running()) {
            s->stop_pool();
            warm_.erase(kind);
        }
    }
    shared_ = Data{};
    account();
}

Runner::Data& Runner::data_for(const Workload& w, BufferMemory memory)
{
    Data& d = memory == BufferMemory::Shared ? shared_ : private_;
    const InputRange range = input_range(w.function);
    if (d.input.empty() || d.size != w.size || d.seed != w.seed || d.range != range) {
        // One input and output at a time, of either kind: free them all before making new ones.
        free_data(BufferMemory::Private);
        free_data(BufferMemory::Shared);
        d.input = Buffer(w.size, memory);
        d.output = Buffer(w.size, memory);
        fill_data(d.input.data(), 0, w.size, w); // on every core: item i depends only on (seed, i)
        d.size = w.size;
        d.seed = w.seed;
        d.range = range;
        d.generation = ++generation_;
        account();
    }
    return d;
}

const OutputReference* Runner::reference_for(const Workload& w, const CancelToken* cancel)
{
    if (!reference_ || reference_->workload() != w) {
        reference_.reset();
        reference_ = OutputReference::make(w, cancel);
    }
    return reference_ ? &*reference_ : nullptr;
}

Strategy& Runner::strategy_for(StrategyKind kind)
{
    auto& s = strategies_[kind];
    if (!s)
        s = make_strategy(kind);
    return *s;
}

void Runner::prepare_pool(Strategy& s, const RunConfig& config, const Data& data)
{
    const StrategyKind kind = config.strategy;
    if (config.pool == PoolLifetime::Fresh || kind == StrategyKind::Sequential) {
        if (s.pool_running())
            s.stop_pool();
        warm_.erase(kind);
        return;
    }
    // Workers of a shared-memory pool see only the buffers mapped before they were forked.
    const unsigned generation = strategy_info(kind).memory == BufferMemory::Shared ? data.generation : 0;
    const auto it = warm_.find(kind);
    if (s.pool_running() && it != warm_.end() && it->second.workers == config.workers &&
        it->second.generation == generation)
        return;
    s.stop_pool();
    s.start_pool(config.workers);
    warm_[kind] = {config.workers, generation};
}

namespace {

void summarise(CellResult& res, std::vector<RunSample>& samples)
{
    std::vector<double> wall, ph[kPhaseCount];
    for (const RunSample& r : samples) {
        wall.push_back(r.wall_s);
        for (Phase p : kAllPhases)
            ph[static_cast<std::size_t>(p)].push_back(r.phases[p]);
    }
    res.samples = wall;
    res.median_s = median(wall);
    res.min_s = minimum(wall);
    res.mean_s = mean(wall);
    res.stddev_s = stddev(wall);
    res.cv = cv(wall);
    for (Phase p : kAllPhases)
        res.phases[p] = median(ph[static_cast<std::size_t>(p)]);
    if (!samples.empty()) {
        res.events = std::move(samples.back().events);
        res.events_truncated = samples.back().events_truncated;
    }
}

// How far a cell's runs are: the warm-up still to come is guessed as the rule's minimum.
double run_fraction(const RunConfig& c, std::size_t warm, std::size_t timed)
{
    const std::size_t done = warm + timed;
    const std::size_t warm_total =
        timed > 0 ? warm : std::max(warm + 1, static_cast<std::size_t>(warmup_min_runs(c.warmup)));
    return static_cast<double>(done) / static_cast<double>(warm_total + static_cast<std::size_t>(c.repeats));
}

void note_warmup(CellResult& res, const RunConfig& c, const std::vector<double>& warm, std::size_t timed)
{
    res.warmup_runs = static_cast<int>(warm.size());
    res.warmup_settled = c.warmup == kWarmupSettle && warmup_settled(warm);
    res.budget_cut = res.status == Status::Ok && timed > 0 && budget_cut(c.warmup, c.repeats, c.cell_budget_s, warm, timed);
}

} // namespace

CellResult Runner::run(const RunConfig& config, Observer* observer, const CancelToken* cancel)
{
    return run_cell(config, observer, cancel, 0);
}

CellResult Runner::run_cell(const RunConfig& config, Observer* observer, const CancelToken* cancel,
                            std::size_t index)
{
    CellResult res;
    res.config = resolved(config);
    if (auto err = validate(config, budget())) {
        res.status = Status::Failed;
        res.error = *err;
        return res;
    }
    try {
        const Workload& w = config.workload;
        Strategy& s = strategy_for(config.strategy);
        if (strategy_info(config.strategy).external) {
            free_data(BufferMemory::Private); // the interpreter holds its own copies: make room for them
            free_data(BufferMemory::Shared);
            // It makes its own data and checks it against its own reference: hand it the cell.
            const auto progress = [&](double fraction) {
                if (observer)
                    observer->on_run_done(index, fraction);
            };
            Strategy::CellRuns runs = s.run_cell(res.config, progress, cancel ? cancel->flag() : nullptr);
            res.status = runs.status;
            res.error = runs.error;
            res.max_ulp = runs.max_ulp;
            res.ranks = std::move(runs.ranks);
            res.worker_loss = std::move(runs.worker_loss);
            note_warmup(res, config, runs.warmup_walls, runs.samples.size());
            summarise(res, runs.samples);
            res.verified = res.status == Status::Ok && !runs.samples.empty();
            return res;
        }
        Data& d = data_for(w, strategy_info(config.strategy).memory);
        prepare_pool(s, res.config, d);

        Job job;
        job.in = d.input.data();
        job.out = d.output.data();
        job.size = w.size;
        job.function = w.function;
        job.kernel = w.kernel;
        job.intensity = w.intensity;
        job.workers = res.config.workers;
        job.splits = res.config.splits;
        job.chunksize = res.config.chunksize;
        job.partitioner = config.partitioner;
        job.schedule = config.schedule;
        job.cancel = cancel ? cancel->flag() : nullptr;

        std::vector<RunSample> samples;
        std::vector<double> warm;   // wall time of each warm-up run
        std::vector<double> timed;  // and of each timed one, for the cell budget
        for (;;) {
            const NextRun next = next_run(config.warmup, config.repeats, config.cell_budget_s, warm, timed);
            if (next == NextRun::Stop)
                break;
            bool warming = next == NextRun::Warmup;
            if (cancel && cancel->cancelled()) {
                res.status = Status::Cancelled;
                res.error = "cancelled";
                break;
            }
            // A marker in every item, so an item no worker wrote cannot pass verification. A
            // passed check leaves it behind.
            if (!d.marked)
                mark_unwritten(job.out, w.size);
            d.marked = false;
            RunSample r = s.run(job);
            if (r.status != Status::Ok) {
                res.status = r.status;
                res.error = r.error;
                break;
            }
            // Each block's hash against the sequential result's, on every core; a block that
            // differs is recomputed to name the first differing item.
            const OutputReference* reference = reference_for(w, cancel);
            Verification v = reference ? reference->check_and_mark(job.out, cancel)
                                       : Verification{Status::Cancelled, "cancelled"};
            if (v.status != Status::Ok) {
                res.status = v.status;
                res.error = std::move(v.error);
                break;
            }
            d.marked = true;
            if (warming && first_run_is_timed(config.cell_budget_s, warm.size(), r.wall_s))
                warming = false;
            if (warming) {
                warm.push_back(r.wall_s);
            } else {
                timed.push_back(r.wall_s);
                samples.push_back(std::move(r));
            }
            if (observer)
                observer->on_run_done(index, run_fraction(config, warm.size(), samples.size()));
        }
        note_warmup(res, config, warm, samples.size());
        summarise(res, samples);
        res.verified = res.status == Status::Ok && !samples.empty();
    } catch (const std::exception& e) {
        res.status = Status::Failed;
        res.error = e.what();
    }
    return res;
}

std::vector<CellResult> Runner::run_list(const std::vector<RunConfig>& configs, Observer* observer,
                                         const CancelToken* cancel)
{
    std::vector<CellResult> results;
    results.reserve(configs.size());
    const std::size_t total = configs.size();
    if (observer)
        observer->on_sweep_start(total);
    const double t0 = detail::now_s();
    bool stopped = false;
    for (const RunConfig& cfg : configs) {
        if (cancel && cancel->cancelled()) {
            stopped = true;
            break;
        }
        const std::size_t index = results.size();
        if (observer)
            observer->on_cell_start(cfg, index, total);
        CellResult r = run_cell(cfg, observer, cancel, index);
        if (r.status == Status::Cancelled) {
            stopped = true;
            break;
        }
        results.push_back(std::move(r));
        const double elapsed = detail::now_s() - t0;
        const double eta =
            elapsed / static_cast<double>(results.size()) * static_cast<double>(total - results.size());
        if (observer)
            observer->on_cell_done(results.back(), index, total, eta);
    }
    if (observer)
        observer->on_sweep_done(results.size(), stopped);
    return results;
}

std::vector<CellResult> Runner::sweep(const SweepSpec& spec, Observer* observer, const CancelToken* cancel)
{
    return run_list(sweep_order(sweep_plan(spec)), observer, cancel);
}

std::vector<CellResult> Runner::run_cells(const std::vector<RunConfig>& configs, Observer* observer,
                                          const CancelToken* cancel)
{
    return run_list(configs, observer, cancel);
}

std::vector<CellResult> Runner::compare(const RunConfig& base, Observer* observer, const CancelToken* cancel)
{
    return run_list(compare_plan(base), observer, cancel);
}

std::vector<CellResult> Runner::scale(const RunConfig& base, const std::vector<int>& workers_list,
                                      Observer* observer, const CancelToken* cancel)
{
    return run_list(scale_plan(base, workers_list), observer, cancel);
}

} // namespace chunkscope
