// SPDX-License-Identifier: GPL-3.0-or-later
#include "tables.h"

#include "chunkscope/ownfloor.h"
#include "chunkscope/registry.h"

#include "chunkscope/format.h"
#include "chunkscope/statistics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace chunkscope::cli {

namespace {

// One or more lines of a table, printf-style (up to 199 bytes), onto os.
[[gnu::format(printf, 2, 3)]] void print(std::ostream& os, const char* format, ...)
{
    char line[200];
    va_list args;
    va_start(args, format);
    std::vsnprintf(line, sizeof line, format, args);
    va_end(args);
    os << line;
}

} // namespace

void write_speedups(std::ostream& os, std::span<const CellResult> results)
{
    const auto seq = std::find_if(results.begin(), results.end(), [](const CellResult& r) {
        return r.config.strategy == StrategyKind::Sequential && r.status == Status::Ok && r.median_s > 0;
    });
    os << "\nSpeedup over sequential (sequential median / strategy median):\n";
    for (const CellResult& r : results) {
        std::string name(to_string(r.config.strategy));
        name.resize(std::max<std::size_t>(name.size(), 12), ' ');
        os << "  " << name << "  ";
        if (r.status != Status::Ok) {
            os << "failed\n";
            continue;
        }
        char speedup[32] = "n/a";
        if (seq != results.end() && r.median_s > 0)
            std::snprintf(speedup, sizeof speedup, "%.2fx", seq->median_s / r.median_s);
        std::string median = format_seconds(r.median_s);
        median.insert(0, median.size() < 9 ? 9 - median.size() : 0, ' ');
        os << median << "  " << speedup << '\n';
    }
}

void write_scaling(std::ostream& os, std::span<const CellResult> results, const CellResult& sequential,
                   const ModelBeside& model)
{
    std::vector<double> workers, speedups;
    const bool beside = !model.points.empty();
    os << "\nSpeedup over sequential (" << format_seconds(sequential.median_s) << ")";
    if (beside)
        os << "; model: " << model.what;
    os << ":\n";
    for (const CellResult& r : results) {
        if (r.status != Status::Ok || r.median_s <= 0 || sequential.median_s <= 0)
            continue;
        const double s = sequential.median_s / r.median_s;
        workers.push_back(r.config.workers);
        speedups.push_back(s);
        char line[200];
        std::snprintf(line, sizeof line, "  %3d workers  %9s  %.2fx  (ideal %dx)", r.config.workers,
                      format_seconds(r.median_s).c_str(), s, r.config.workers);
        os << line;
        if (beside)
            for (const MeasuredPoint& p : model.points)
                if (p.workers == r.config.workers) {
                    std::snprintf(line, sizeof line, "  model %9s  measured/model %.2f  (%s)",
                                  format_seconds(p.predicted.total_s).c_str(), p.ratio, p.predicted.bound.c_str());
                    os << line;
                    break;
                }
        os << '\n';
    }
    if (!workers.empty()) {
        const double f = amdahl_serial_fraction(workers, speedups);
        char line[160];
        std::snprintf(line, sizeof line,
                      "Amdahl fit: serial fraction %.3f (at most %.1fx however many workers)\n", f,
                      f > 0 ? 1.0 / f : 0.0);
        os << line;
    }
}

namespace {

nlohmann::json link_json(const MpiLink& link)
{
    auto points = nlohmann::json::array();
    for (const MpiLinkPoint& p : link.points)
        points.push_back({{"bytes", p.bytes}, {"one_way_s", p.one_way_s}});
    return {{"transport", to_string(link.options.transport)},
            {"hostfile", link.options.hostfile.empty() ? nlohmann::json(nullptr) : nlohmann::json(link.options.hostfile)},
            {"hosts", link.hosts},
            {"latency_s", link.latency_s},
            {"bandwidth_bytes_per_s", link.bandwidth_bytes_per_s},
            {"model", "one message of n bytes takes latency_s + n / bandwidth_bytes_per_s (Hockney)"},
            {"ping_pong", points},
            {"error", link.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(link.error)}};
}

void write_link_table(std::ostream& os, const MpiLink& link)
{
    char line[160];
    if (!link.error.empty()) {
        os << "Open MPI (" << to_string(link.options.transport) << "): not measured: " << link.error << '\n';
        return;
    }
    std::snprintf(line, sizeof line, "Open MPI ping-pong, %s between two ranks: latency (alpha) %s, bandwidth (beta) %.2f GB/s\n",
                  std::string(to_string(link.options.transport)).c_str(), format_seconds(link.latency_s).c_str(),
                  link.bandwidth_bytes_per_s / 1e9);
    os << line << "  message      one way   bandwidth\n";
    for (const MpiLinkPoint& p : link.points) {
        std::snprintf(line, sizeof line, "  %-9s %10s  %7.2f GB/s\n", format_bytes(static_cast<double>(p.bytes)).c_str(),
                      format_seconds(p.one_way_s).c_str(), p.one_way_s > 0 ? static_cast<double>(p.bytes) / p.one_way_s / 1e9 : 0.0);
        os << line;
    }
}

// Each figure with its unit in its name.
nlohmann::json mechanisms_json(const MechanismCosts& c)
{
    return {{"fork_exit_s", c.fork_exit_s},
            {"fork_s", c.fork_s},
            {"pipe_bandwidth_bytes_per_s", c.pipe_bandwidth},
            {"pipe_fanout_bandwidth_bytes_per_s", c.pipe_fanout_bandwidth},
            {"pipe_splice_bandwidth_bytes_per_s", c.pipe_splice_bandwidth},
            {"pipe_splice_fanout_bandwidth_bytes_per_s", c.pipe_splice_fanout_bandwidth},
            {"pipe_splice_handover_bandwidth_bytes_per_s", c.pipe_splice_handover_bandwidth},
            {"pipe_fanin_bandwidth_bytes_per_s", c.pipe_fanin_bandwidth},
            {"pipe_fanin_two_bandwidth_bytes_per_s", c.pipe_fanin_two_bandwidth},
            {"pipe_buffer_bytes", c.pipe_bytes},
            {"pipe_message_s", c.pipe_message_s},
            {"page_bytes", c.page_bytes},
            {"first_touch_private_s_per_page", c.touch_private_s},
            {"first_touch_shared_s_per_page", c.touch_shared_s},
            {"populate_shared_s_per_page", c.populate_shared_s},
            {"first_touch_tmpfs_s_per_page", c.touch_tmpfs_s},
            {"first_touch_huge_s_per_2mib_page", c.touch_huge_s > 0 ? nlohmann::json(c.touch_huge_s) : nlohmann::json()},
            {"thread_start_s", c.thread_start_s}};
}

void write_mechanisms(std::ostream& os, const MechanismCosts& c)
{
    os << "What each mechanism costs (a fresh process, this process's size):\n";
    print(os, "  fork + exit of a process      %s (the parent's fork() alone: %s)\n",
          format_seconds(c.fork_exit_s).c_str(), format_seconds(c.fork_s).c_str());
    print(os, "  pipe, process to process      %.2f GB/s (%s pipe buffer)\n", c.pipe_bandwidth / 1e9,
          format_bytes(static_cast<double>(c.pipe_bytes)).c_str());
    print(os, "  pipe, one writer to two       %.2f GB/s (the parent's own copying, as the dealer writes)\n",
          c.pipe_fanout_bandwidth / 1e9);
    if (c.pipe_splice_bandwidth > 0)
        print(os,
              "  pipe, pages by vmsplice       %.2f GB/s, to two readers %.2f GB/s, the writer's part %.2f GB/s "
              "(large tasks' items)\n",
              c.pipe_splice_bandwidth / 1e9, c.pipe_splice_fanout_bandwidth / 1e9, c.pipe_splice_handover_bandwidth / 1e9);
    else
        print(os, "  pipe, pages by vmsplice       refused here (large tasks' items are copied)\n");
    print(os, "  pipe, read into place         %.2f GB/s from one writer, %.2f GB/s from two (as results are gathered)\n",
          c.pipe_fanin_bandwidth / 1e9, c.pipe_fanin_two_bandwidth / 1e9);
    print(os, "  a task's message and reply    %s (the parent's part, besides the bytes)\n",
          format_seconds(c.pipe_message_s).c_str());
    print(os, "  first touch, private page     %s per %zu-byte page\n",
          format_seconds(c.touch_private_s).c_str(), c.page_bytes);
    print(os, "  first touch, shared page      %s per page (pre-faulted in bulk: %s)\n",
          format_seconds(c.touch_shared_s).c_str(),
          c.populate_shared_s > 0 ? format_seconds(c.populate_shared_s).c_str() : "not on this kernel");
    print(os, "  first touch, new shm segment  %s per page (tmpfs, as /dev/shm)\n",
          format_seconds(c.touch_tmpfs_s).c_str());
    if (c.touch_huge_s > 0) {
        print(os, "  first touch, 2 MiB huge page  %s\n", format_seconds(c.touch_huge_s).c_str());
    }
    print(os, "  start + join a thread         %s\n", format_seconds(c.thread_start_s).c_str());
}

nlohmann::json python_json(const PythonCosts& c)
{
    if (!c.measured())
        return {{"interpreter", c.interpreter}, {"error", c.error}};
    nlohmann::json ns;
    for (Function f : all_functions())
        ns[std::string(to_string(f))] = c.numpy_ns_per_item(f);
    return {{"interpreter", c.interpreter},
            {"numpy_ns_per_item", ns},
            {"pickle_send_bytes_per_s", c.pickle_send_bandwidth},
            {"unpickle_receive_bytes_per_s", c.unpickle_receive_bandwidth},
            {"pool_start_s", c.pool_start_s},
            {"pool_start_per_worker_s", c.pool_start_per_worker_s},
            {"pool_close_s", c.pool_close_s},
            {"pool_task_s", c.pool_task_s},
            {"pool_task_workers", c.workers},
            {"item_pickle_s", c.item_pickle_s},
            {"item_call_s", c.item_call_s},
            {"dask_store_s", c.dask_measured() ? nlohmann::json(c.dask_store_s) : nlohmann::json(nullptr)},
            {"dask_chunk_s", c.dask_measured() ? nlohmann::json(c.dask_chunk_s) : nlohmann::json(nullptr)},
            {"dask_hash_bytes_per_s",
             c.dask_measured() ? nlohmann::json(c.dask_hash_bandwidth) : nlohmann::json(nullptr)},
            {"measured_in_s", c.measured_in_s},
            {"error", nullptr}};
}

void write_python_costs(std::ostream& os, const PythonCosts& c)
{
    if (!c.measured()) {
        os << "The tutorial's Python: not measured (" << c.error << ")\n";
        return;
    }
    os << "What the tutorial's Python mechanisms cost (" << c.interpreter << "):\n";
    print(os, "  numpy.exp, one core, in cache  %.2f ns per item\n", c.numpy_ns_per_item(Function::Exp));
    print(os, "  pickled into a pipe            %.2f GB/s; out of one, unpickled: %.2f GB/s (Pool.map's parts)\n",
          c.pickle_send_bandwidth / 1e9, c.unpickle_receive_bandwidth / 1e9);
    print(os, "  Pool(W) made                   %s + %s per worker; terminated: %s\n",
          format_seconds(c.pool_start_s).c_str(), format_seconds(c.pool_start_per_worker_s).c_str(),
          format_seconds(c.pool_close_s).c_str());
    print(os, "  one task of Pool.map           %s (a warm pool of %d)\n",
          format_seconds(c.pool_task_s).c_str(), c.workers);
    print(os, "  one item, pickled there and back %s; numpy.exp on it %s\n",
          format_seconds(2 * c.item_pickle_s).c_str(), format_seconds(c.item_call_s).c_str());
    if (!c.dask_measured()) {
        os << "  Dask                           not measured (no Dask in this interpreter)\n";
        return;
    }
    print(os, "  Dask's threaded scheduler      a store %s + %s per chunk (two tasks: %s each; "
              "Dask's docs say about 1 ms a task)\n",
          format_seconds(c.dask_store_s).c_str(), format_seconds(c.dask_chunk_s).c_str(),
          format_seconds(c.dask_chunk_s / 2).c_str());
    print(os, "  Dask's from_array hashing      %.2f GB/s (it names the array by hashing the data)\n",
          c.dask_hash_bandwidth / 1e9);
}

// A Dask cluster's costs (machine --dask), each figure with its unit in its name.
nlohmann::json dask_json(const DaskClusterCosts& c)
{
    const auto figure = [&](double v) { return c.measured() ? nlohmann::json(v) : nlohmann::json(nullptr); };
    return {{"scheduler", c.scheduler.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.scheduler)},
            {"workers", c.workers},
            {"start_s", figure(c.start_s)},
            {"start_per_worker_s", figure(c.start_per_worker_s)},
            {"close_s", figure(c.close_s)},
            {"task_s", figure(c.task_s)},
            {"task_documented_s", 1e-3},
            {"round_trip_s", figure(c.round_trip_s)},
            {"scatter_bytes_per_s", figure(c.scatter_bandwidth)},
            {"gather_bytes_per_s", figure(c.gather_bandwidth)},
            {"measured_in_s", c.measured_in_s},
            {"error", c.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.error)}};
}

void write_dask_costs(std::ostream& os, const DaskClusterCosts& c)
{
    const std::string where = c.scheduler.empty() ? "a LocalCluster of " + std::to_string(c.workers) + " worker processes"
                                                  : std::to_string(c.workers) + " workers of the scheduler at " + c.scheduler;
    if (!c.measured()) {
        os << "A Dask cluster (" << where << "): not measured (" << c.error << ")\n";
        return;
    }
    os << "What a Dask cluster costs (" << where << "):\n";
    if (c.scheduler.empty())
        print(os, "  LocalCluster and Client made   %s + %s per worker (%s for %d); closed: %s\n",
              format_seconds(c.start_s).c_str(), format_seconds(c.start_per_worker_s).c_str(),
              format_seconds(c.start(c.workers)).c_str(), c.workers, format_seconds(c.close_s).c_str());
    else
        os << "  start and close                0: the cluster was there before and stays\n";
    print(os, "  one task through the scheduler %s on the warm cluster (Dask's docs say about 1 ms); a map's round trip %s\n",
          format_seconds(c.task_s).c_str(), format_seconds(c.round_trip_s).c_str());
    print(os, "  client.scatter to a worker     %.2f GB/s; client.gather back: %.2f GB/s (32 MiB float64 arrays)\n",
          c.scatter_bandwidth / 1e9, c.gather_bandwidth / 1e9);
}

// The 10M exp example of each strategy with a model, on every core with a fresh pool (the mpi
// strategies' a warm one: the floor of a fresh launch is not modelled); the Dask clusters' on the
// cluster machine --dask measured.
RunConfig own_floor_example(StrategyKind kind, int cores, const SpeedLimits& l)
{
    RunConfig c;
    if (strategy_info(kind).uses(Knob::DaskScheduler))
        c.dask_scheduler = l.dask.scheduler;
    c.strategy = kind;
    c.pool = is_mpi(kind) ? PoolLifetime::Warm : PoolLifetime::Fresh;
    c.workload.size = 10'000'000;
    c.workers = std::max(1, cores);
    c.splits = static_cast<std::size_t>(c.workers);
    c.chunksize = 1;
    c.chunksize_auto = kind == StrategyKind::PyItems;   // one item a task would be the tutorial's worst
    return c;
}

void write_own_floors(std::ostream& os, const SpeedLimits& l, int cores)
{
    char line[200];
    std::snprintf(line, sizeof line,
                  "Each strategy's own floor, exp (simd) over 10M items, %d workers, %d splits:\n",
                  std::max(1, cores), std::max(1, cores));
    os << line;
    for (StrategyKind k : all_strategies()) {
        const OwnFloor f = own_floor(own_floor_example(k, cores, l), l, cores);
        if (!f.modelled())
            continue;
        std::snprintf(line, sizeof line, "  %-19s %-6s %10s\n", std::string(to_string(k)).c_str(),
                      std::string(to_string(own_floor_example(k, cores, l).pool)).c_str(), format_seconds(f.total_s).c_str());
        os << line;
    }
}

nlohmann::json own_floors_json(const SpeedLimits& l, int cores)
{
    auto list = nlohmann::json::array();
    for (StrategyKind k : all_strategies()) {
        const RunConfig c = own_floor_example(k, cores, l);
        const OwnFloor f = own_floor(c, l, cores);
        if (!f.modelled())
            continue;
        nlohmann::json phases;
        for (Phase p : kAllPhases)
            phases[std::string(to_string(p)) + "_s"] = f.phases[p];
        list.push_back({{"strategy", to_string(k)}, {"size", c.workload.size}, {"workers", c.workers},
                        {"splits", c.splits}, {"pool", to_string(c.pool)}, {"own_floor_s", f.total_s},
                        {"phases", phases}, {"model", own_floor_model(k)}});
    }
    return list;
}

} // namespace

void write_machine(std::ostream& os, Format format, const MachineInfo& m, const SpeedLimits& l, const MpiLink* link)
{
    if (format == Format::Json) {
        std::ostringstream base;
        write_json(base, m, {});
        auto doc = nlohmann::json::parse(base.str());
        auto& mj = doc["machine"];
        mj["bandwidth"] = {{"copy_bandwidth_bytes_per_s", l.copy_bandwidth},
                           {"scale_bandwidth_bytes_per_s", l.scale_bandwidth},
                           {"triad_bandwidth_bytes_per_s", l.triad_bandwidth},
                           {"floor_kernel", l.floor_kernel()},
                           {"floor_bandwidth_bytes_per_s", l.bandwidth()},
                           {"method", "STREAM under OpenMP: schedule(static), parallel first touch, best of the "
                                      "repetitions after the first"},
                           {"repetitions", l.repetitions},
                           {"write_allocate_counted", false},
                           {"threads", l.threads},
                           {"array_bytes", l.bytes},
                           {"arrays", 3},
                           {"last_level_cache_bytes", l.last_level_cache_bytes}};
        auto kernels = nlohmann::json::array();
        for (const KernelThroughput& t : l.throughput)
            kernels.push_back({{"function", to_string(t.function)},
                               {"kernel", to_string(t.kernel)},
                               {"ns_per_item", t.ns_per_item}});
        mj["kernel_throughput"] = kernels;
        mj["mechanisms"] = mechanisms_json(l.mechanisms);
        mj["python"] = python_json(l.python);
        mj["own_floors"] = own_floors_json(l, m.logical_cores);
        mj["warnings"] = measurement_warnings();
        if (link)
            mj["mpi"] = link_json(*link);
        if (l.dask.workers > 0)
            mj["dask"] = dask_json(l.dask);
        doc.erase("results");
        os << doc.dump(2) << '\n';
        return;
    }
    char line[160];
    os << "Machine: " << m.cpu_model << ", " << m.logical_cores << " logical cores, " << m.os << "\n";
    os << "State: " << describe_machine_state(m) << "\n";
    std::snprintf(line, sizeof line,
                  "Memory bandwidth (STREAM under OpenMP, %d threads, 3 x %s, best of %d): copy %.1f GB/s, "
                  "scale %.1f GB/s, triad %.1f GB/s\n",
                  l.threads, format_bytes(static_cast<double>(l.bytes)).c_str(), l.repetitions,
                  l.copy_bandwidth / 1e9, l.scale_bandwidth / 1e9, l.triad_bandwidth / 1e9);
    os << line;
    std::snprintf(line, sizeof line,
                  "  the floor uses %s (%.1f GB/s); bytes read + written, not the write-allocate read of "
                  "stored lines\n",
                  l.floor_kernel(), l.bandwidth() / 1e9);
    os << line << "Single-core throughput (ns per item, data in cache):\n";
    os << "  function    scalar      simd\n";
    for (Function f : all_functions()) {
        std::snprintf(line, sizeof line, "  %-8s %8.2f  %8.2f\n", std::string(to_string(f)).c_str(),
                      l.ns_per_item(f, Kernel::Scalar), l.ns_per_item(f, Kernel::Simd));
        os << line;
    }
    const double n = 10e6;
    std::snprintf(line, sizeof line,
                  "Floor for exp (simd) over 10M items: memory %.2f ms, arithmetic on %d cores %.2f ms\n",
                  2 * n * 8 / l.bandwidth() * 1e3, m.logical_cores,
                  n * l.ns_per_item(Function::Exp, Kernel::Simd) * 1e-6 / m.logical_cores);
    os << line;
    if (l.mechanisms.measured())
        write_mechanisms(os, l.mechanisms);
    if (!l.python.interpreter.empty())
        write_python_costs(os, l.python);
    if (l.dask.workers > 0)
        write_dask_costs(os, l.dask);
    if (l.mechanisms.measured())
        write_own_floors(os, l, m.logical_cores);
    if (link)
        write_link_table(os, *link);
    for (const std::string& w : measurement_warnings())
        os << "warning: " << w << '\n';
}

} // namespace chunkscope::cli
