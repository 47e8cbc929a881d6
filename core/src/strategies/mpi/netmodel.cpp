// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/netmodel.h"

#include "chunkscope/statistics.h"
#include "chunkscope/strategy.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <queue>
#include <tuple>

namespace chunkscope {

namespace {

constexpr double kNoticeBytes = 16;   // the worker's word that a task is done: two doubles
constexpr double kTimingBytes = 16;   // mpi-distributed: each rank's start and end

// One core's time per item for a rank when `ranks` of them share the cores.
double per_item(const ModelInput& in, int ranks)
{
    const double share = in.cores > 0 ? std::max(1.0, static_cast<double>(ranks) / in.cores) : 1.0;
    return in.compute_s_per_item * share;
}

// mpi: rank 0's dealing played out. Returns the time of the last result in; link_s gets the
// time rank 0's link was busy.
double deal(const RunConfig& c, const ModelInput& in, double& link_s)
{
    const std::size_t tasks = task_count(c);
    const std::size_t parts = effective_splits(c);
    const std::size_t chunk = effective_chunksize(c);
    const std::size_t n = c.workload.size;
    const auto items = [&](std::size_t t) {
        const std::size_t first = t * chunk, last = std::min(first + chunk, parts);
        return static_cast<double>(part_begin(n, parts, last) - part_begin(n, parts, first));
    };
    const Network& net = in.network;
    const double item_s = per_item(in, c.workers) * c.workload.intensity;
    // (when the worker's notice reaches rank 0, worker, its task), earliest first
    using Ready = std::tuple<double, int, std::size_t>;
    std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
    double root = 0;
    link_s = 0;
    std::size_t next = 0;
    const auto give = [&](int worker) {
        const double send = net.message_s(items(next) * kItemBytes);
        root += send;
        link_s += send;
        ready.emplace(root + items(next) * item_s + net.message_s(kNoticeBytes), worker, next);
        ++next;
    };
    for (int w = 0; w < c.workers && next < tasks; ++w)
        give(w);
    while (!ready.empty()) {
        const auto [at, worker, task] = ready.top();
        ready.pop();
        const double receive = net.message_s(items(task) * kItemBytes);
        root = std::max(root, at) + receive;
        link_s += receive;
        if (next < tasks)
            give(worker);
    }
    return root;
}

double launch(const RunConfig& c, const ModelInput& in)
{
    if (c.pool != PoolLifetime::Fresh)
        return 0;
    return std::max(0.0, in.launch_s + in.launch_s_per_rank * mpi_ranks(c));
}

} // namespace

CellPrediction predict_cell(const RunConfig& c, const ModelInput& in)
{
    CellPrediction p;
    if (!is_mpi(c.strategy) || c.workers < 1 || in.network.bandwidth_bytes_per_s <= 0)
        return p;
    const double n = static_cast<double>(c.workload.size);
    p.launch_s = launch(c, in);
    double run_s = 0;
    if (c.strategy == StrategyKind::Mpi) {
        run_s = deal(c, in, p.network_s);
        p.compute_s = n * per_item(in, c.workers) * c.workload.intensity / c.workers;
    } else {
        const int ranks = c.workers;
        const double slice = std::ceil(n / ranks);
        p.compute_s = slice * per_item(in, ranks) * c.workload.intensity;
        const double steps = ranks > 1 ? std::ceil(std::log2(static_cast<double>(ranks))) : 0;
        p.network_s = steps * in.network.latency_s + (ranks - 1) * kTimingBytes / in.network.bandwidth_bytes_per_s;
        run_s = p.compute_s + p.network_s;
    }
    p.total_s = p.launch_s + run_s;
    p.bound = largest_part(p);
    return p;
}

std::vector<ProjectedPoint> project(const RunConfig& config, const ModelInput& in, double sequential_s, int max_workers)
{
    std::vector<ProjectedPoint> out;
    // A core per rank, and the launch of one rank here for every job: hosts start their ranks
    // in parallel (how the launch grows with hosts is not modelled).
    ModelInput cluster = in;
    cluster.cores = 0;
    cluster.launch_s = std::max(0.0, in.launch_s + in.launch_s_per_rank);
    cluster.launch_s_per_rank = 0;
    for (int w : projection_workers(max_workers)) {
        RunConfig c = config;
        c.workers = w;
        ProjectedPoint p;
        p.workers = w;
        p.ranks = mpi_ranks(c);
        p.prediction = predict_cell(c, cluster);
        p.speedup = sequential_s > 0 && p.prediction.total_s > 0 ? sequential_s / p.prediction.total_s : 0;
        out.push_back(std::move(p));
    }
    return out;
}

RunFigures run_figures(std::span<const CellResult> cells, int cores)
{
    RunFigures f;
    const CellResult* fewest = nullptr;
    std::vector<double> ranks, launches;
    for (const CellResult& r : cells) {
        if (r.status != Status::Ok || !is_mpi(r.config.strategy))
            continue;
        if ((!r.events.empty() || r.phases.compute_s > 0) && (!fewest || r.config.workers < fewest->config.workers))
            fewest = &r;
        if (r.config.pool == PoolLifetime::Fresh) {
            f.fresh = true;
            ranks.push_back(mpi_ranks(r.config));
            launches.push_back(r.phases.startup_s + r.phases.shutdown_s);
        }
    }
    if (fewest) {
        // mpi: the tasks' own times on the workers (rank 0's compute phase is what is left of
        // its time after its blocking sends and receives, which also wait for the workers).
        // mpi-distributed: the median compute phase (every repetition) over the largest slice.
        // Either, when the other is not there.
        const RunConfig& c = fewest->config;
        const double slice = std::ceil(static_cast<double>(c.workload.size) / c.workers);
        f.compute_s_per_item =
            compute_per_item(*fewest, c.strategy == StrategyKind::Mpi, slice, cores, f.compute_source);
    }
    if (!launches.empty()) {
        const bool spread = std::any_of(ranks.begin(), ranks.end(), [&](double r) { return r != ranks.front(); });
        if (spread) {
            const double n = static_cast<double>(ranks.size());
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (std::size_t i = 0; i < ranks.size(); ++i) {
                sx += ranks[i];
                sy += launches[i];
                sxx += ranks[i] * ranks[i];
                sxy += ranks[i] * launches[i];
            }
            f.launch_s_per_rank = std::max(0.0, (n * sxy - sx * sy) / (n * sxx - sx * sx));
            f.launch_s = (sy - f.launch_s_per_rank * sx) / n;
        } else {
            f.launch_s = median(launches);
        }
    }
    return f;
}

std::string link_source(const MpiLink& link)
{
    char date[16] = "";
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    std::string where = link.options.hostfile.empty() ? "measured here" : "measured with " + link.options.hostfile;
    return where + ", " + std::string(to_string(link.options.transport)) + ", " + date;
}

ScaleModel model_scaling(std::span<const CellResult> cells, double sequential_s, const MpiLink* link,
                         const Network& typed, int cores, int max_workers)
{
    ScaleModel m;
    const auto first = std::find_if(cells.begin(), cells.end(), [](const CellResult& r) { return r.status == Status::Ok; });
    if (first == cells.end()) {
        m.error = "no cell finished: nothing to model";
        return m;
    }
    if (!is_mpi(first->config.strategy)) {
        m.error = "the network model covers the mpi strategies (mpi, mpi-distributed), not " +
                  std::string(to_string(first->config.strategy));
        return m;
    }
    m.figures = run_figures(cells, cores);
    if (m.figures.compute_s_per_item <= 0) {
        m.error = "the cells hold no compute phase or task times to take the compute per item from";
        return m;
    }
    m.sequential_s = sequential_s;
    m.typed = typed;
    ModelInput in;
    in.compute_s_per_item = m.figures.compute_s_per_item;
    in.cores = cores;
    in.launch_s = m.figures.launch_s;
    in.launch_s_per_rank = m.figures.launch_s_per_rank;
    if (link && link->error.empty() && link->bandwidth_bytes_per_s > 0) {
        m.here_measured = true;
        m.here = {link->latency_s, link->bandwidth_bytes_per_s};
        m.here_source = link_source(*link);
        in.network = m.here;
        m.measured = measured_points(cells, [&](const RunConfig& c) { return predict_cell(c, in); });
    } else {
        m.here_source = link ? "not measured: " + link->error : "not measured";
    }
    in.network = typed;
    m.projected = project(first->config, in, sequential_s, max_workers);
    return m;
}

TwinProjection project_twin(RunConfig config, double compute_s_per_item, const MpiLink& link, double sequential_s,
                            int max_workers)
{
    TwinProjection t;
    t.strategy = config.strategy;
    if (!is_mpi(config.strategy)) {
        t.error = "the twin is not an mpi strategy but " + std::string(to_string(config.strategy));
        return t;
    }
    if (!link.error.empty() || link.bandwidth_bytes_per_s <= 0) {
        t.error = "Open MPI's link not measured: " + (link.error.empty() ? std::string("no bandwidth") : link.error);
        return t;
    }
    if (compute_s_per_item <= 0) {
        t.error = "no compute per item to project with";
        return t;
    }
    config.pool = PoolLifetime::Warm;
    config.chunksize = 1;
    config.chunksize_auto = false;
    config.splits_auto = false;
    t.link = {link.latency_s, link.bandwidth_bytes_per_s};
    t.link_source = link_source(link);
    t.compute_s_per_item = compute_s_per_item;
    ModelInput in;
    in.network = t.link;
    in.compute_s_per_item = compute_s_per_item;
    t.projected = project(config, in, sequential_s, max_workers);
    return t;
}

} // namespace chunkscope
