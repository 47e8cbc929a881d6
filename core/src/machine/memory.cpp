// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/memory.h"

#include "chunkscope/format.h"
#include "chunkscope/machine.h"
#include "chunkscope/hostfile.h"
#include "chunkscope/registry.h"
#include "chunkscope/verify.h"

#include <algorithm>
#include <limits>

#include <unistd.h>

namespace chunkscope {

namespace {

constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t saturating_add(std::size_t a, std::size_t b) { return a > kMax - b ? kMax : a + b; }
std::size_t saturating_mul(std::size_t a, std::size_t b) { return b != 0 && a > kMax / b ? kMax : a * b; }
std::size_t round_up(std::size_t bytes, std::size_t unit)
{
    return bytes > kMax - unit ? kMax : (bytes + unit - 1) / unit * unit;
}
std::size_t ceil_div(std::size_t a, std::size_t b) { return a / b + (a % b != 0); }

// A Buffer of `items` doubles: whole pages.
std::size_t vector_bytes(std::size_t items)
{
    static const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return round_up(saturating_mul(items, sizeof(double)), page);
}

int ranks_per_host(const MemoryNeed& need, const MemoryBudget& m) { return busiest_host_ranks(need.ranks, m); }

int host_count(const MemoryBudget& m)
{
    return m.host_slots.empty() ? std::max(1, m.hosts) : static_cast<int>(m.host_slots.size());
}

// What a run may use of a host's available memory: what is available less the headroom.
std::size_t usable(const MemoryBudget& m)
{
    return m.available_bytes > m.headroom_bytes ? m.available_bytes - m.headroom_bytes : 0;
}

bool fits(const MemoryNeed& need, const MemoryBudget& m)
{
    const auto on_host = static_cast<std::size_t>(ranks_per_host(need, m));
    const bool room = m.available_bytes == 0 ||
                      saturating_add(saturating_mul(need.rank_bytes, on_host), m.headroom_bytes) <= m.available_bytes;
    const bool shared_room = m.shared_bytes == 0 || saturating_mul(need.rank_shared_bytes, on_host) <= m.shared_bytes;
    return room && shared_room;
}

// The largest addressable size for which need_at(size) fits (the need grows with the size).
template <typename NeedAt>
std::size_t largest_fitting(const NeedAt& need_at, const MemoryBudget& m)
{
    std::size_t lo = 0;
    std::size_t hi = kMaxAddressableItems;
    if (m.available_bytes != 0) {
        // Every run holds at least its input, 8 bytes an item, spread over at most `hosts` hosts.
        const auto hosts = static_cast<std::size_t>(host_count(m));
        hi = std::min(hi, saturating_mul(m.available_bytes / sizeof(double) + 1, hosts));
    }
    if (!fits(need_at(lo), m))
        return 0;
    while (lo < hi) {   // fits(lo) holds
        const std::size_t mid = lo + (hi - lo + 1) / 2;
        if (fits(need_at(mid), m))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

// n rounded down to three significant digits: a size a person can type back.
std::size_t round_down(std::size_t n)
{
    std::size_t unit = 1;
    while (n / unit >= 1000)
        unit *= 10;
    return n / unit * unit;
}

// The largest size c fits in m, its other settings as they are.
std::size_t largest_for(const StrategyInfo& s, const RunConfig& c, const MemoryBudget& m)
{
    return largest_fitting(
        [&](std::size_t n) {
            RunConfig sized = c;
            sized.workload.size = n;
            return memory_need(s, sized);
        },
        m);
}

std::string what_it_holds(const StrategyInfo& s, const RunConfig& c)
{
    std::string text(s.vectors_note);
    if (s.copies_tasks)
        text += c.pool == PoolLifetime::Warm ? ", and each worker's copy of a task"
                                             : ", and each busy worker's copy of its task";
    return text;
}

} // namespace

std::size_t memory_headroom(std::size_t total_bytes)
{
    return std::max(total_bytes / 10, std::size_t{1} << 30);
}

MemoryBudget memory_budget()
{
    MemoryBudget m{available_memory_bytes(), shared_memory_available_bytes(), 1, {}};
    if (m.available_bytes != 0)
        m.headroom_bytes = memory_headroom(machine_info().memory_total_bytes);
    return m;
}

MemoryBudget budget_for(const RunConfig& c, const MemoryBudget& m)
{
    if (!strategy_info(c.strategy).distributed || c.mpi.hostfile.empty())
        return m;
    const Hostfile h = read_hostfile(c.mpi.hostfile);
    if (!h.error.empty())
        return m;   // validate() says what is wrong with it
    MemoryBudget out = m;
    out.host_slots.clear();
    std::vector<std::string> names;
    for (const HostfileEntry& e : h.hosts) {
        const int slots = e.slots > 0 ? e.slots : std::max(1, logical_cores());
        const auto at = std::find(names.begin(), names.end(), e.host);
        if (at == names.end()) {
            names.push_back(e.host);
            out.host_slots.push_back(slots);
        } else {   // Open MPI adds a host's lines up
            out.host_slots[static_cast<std::size_t>(at - names.begin())] += slots;
        }
    }
    out.hosts = static_cast<int>(out.host_slots.size());
    return out;
}

int busiest_host_ranks(int ranks, const MemoryBudget& m)
{
    ranks = std::max(1, ranks);
    if (m.host_slots.empty()) {
        const int hosts = std::max(1, m.hosts);
        return (ranks + hosts - 1) / hosts;
    }
    long slots = 0;
    for (int s : m.host_slots)
        slots += s;
    const auto hosts = static_cast<long>(m.host_slots.size());
    const long extra = std::max(0L, ranks - slots);   // oversubscribed: spread evenly over the hosts
    const long share = (extra + hosts - 1) / hosts;
    long left = ranks;
    long busiest = 0;
    for (int s : m.host_slots) {   // by slot, in the hostfile's order
        const long here = std::min<long>(left, s);
        left -= here;
        busiest = std::max(busiest, here + share);
    }
    return static_cast<int>(std::min<long>(busiest, ranks));
}

std::size_t MemoryNeed::total_bytes() const
{
    return saturating_mul(rank_bytes, static_cast<std::size_t>(std::max(1, ranks)));
}

MemoryNeed memory_need(const StrategyInfo& s, const RunConfig& c)
{
    MemoryNeed need;
    std::size_t items = c.workload.size;
    if (s.distributed) {
        need.ranks = std::max(1, c.workers);
        items = ceil_div(items, static_cast<std::size_t>(need.ranks));
    }
    const std::size_t vector = vector_bytes(items);
    need.rank_bytes = saturating_mul(s.vectors, vector);
    if (s.memory == BufferMemory::Shared)
        need.rank_shared_bytes = saturating_mul(2, vector); // input and output
    if (!s.external) // a scratch block per core and the sequential result's hashes (verify.h)
        need.rank_bytes = saturating_add(need.rank_bytes, saturating_add(verification_scratch_bytes(),
                                                                         OutputReference::bytes(items, c.workload.intensity)));
    if (s.copies_tasks) {
        const std::size_t parts = std::max<std::size_t>(1, effective_splits(c));
        const std::size_t largest_part = ceil_div(items, parts);
        const std::size_t task_items = std::min(items, saturating_mul(largest_part, effective_chunksize(c)));
        const std::size_t tasks = ceil_div(parts, std::max<std::size_t>(1, effective_chunksize(c)));
        const auto workers = static_cast<std::size_t>(std::max(1, c.workers));
        const std::size_t holders = c.pool == PoolLifetime::Warm ? workers : std::min(workers, tasks);
        const std::size_t task_bytes = round_up(saturating_mul(task_items, sizeof(double)), kHugePage);
        need.rank_bytes = saturating_add(need.rank_bytes, saturating_mul(holders, task_bytes));
    }
    return need;
}

MemoryNeed memory_need(const RunConfig& c) { return memory_need(strategy_info(c.strategy), c); }

std::size_t bytes_needed(const RunConfig& c) { return memory_need(c).total_bytes(); }

std::size_t max_items(const StrategyInfo& s, int workers, const MemoryBudget& m)
{
    // The most a grid can ask for: one task of the whole vector (splits 1, chunksize = size),
    // in a warm pool whose every worker has held it.
    return largest_fitting(
        [&](std::size_t n) {
            RunConfig c;
            c.strategy = s.kind;
            c.workers = workers;
            c.workload.size = n;
            c.splits = 1;
            c.chunksize = std::max<std::size_t>(1, n);
            c.pool = PoolLifetime::Warm;
            return memory_need(s, c);
        },
        m);
}

std::size_t max_items(StrategyKind strategy, int workers, const MemoryBudget& m)
{
    return max_items(strategy_info(strategy), workers, m);
}

std::size_t max_items(const RunConfig& c, const MemoryBudget& m)
{
    return largest_for(strategy_info(c.strategy), c, budget_for(c, m));
}

std::optional<std::string> memory_problem(const StrategyInfo& s, const RunConfig& c, const MemoryBudget& given)
{
    const MemoryBudget m = budget_for(c, given);
    const MemoryNeed need = memory_need(s, c);
    if (fits(need, m))
        return std::nullopt;
    const std::size_t most = round_down(largest_for(s, c, m));
    const std::string fit = most == 0 ? "; not even one item fits" : "; at most " + format_size(most) + " items fit";
    const std::string size = "size " + format_size(c.workload.size);
    const auto bytes = [](std::size_t b) { return format_bytes(static_cast<double>(b)); };
    const int on_host = ranks_per_host(need, m);
    const auto per_host = static_cast<std::size_t>(on_host);
    const bool shared_short = m.shared_bytes != 0 && saturating_mul(need.rank_shared_bytes, per_host) > m.shared_bytes;
    const bool private_short = m.available_bytes != 0 &&
                               saturating_add(saturating_mul(need.rank_bytes, per_host), m.headroom_bytes) > m.available_bytes;
    // "24 GB available now", and the margin it keeps when there is one.
    const std::string available =
        bytes(m.available_bytes) + " available now" +
        (m.headroom_bytes == 0 ? std::string()
                               : " of which " + bytes(m.headroom_bytes) +
                                     " stays free for the rest of the machine (" + kMemoryHeadroomRule + ")");
    if (s.distributed) {
        // The limit is per rank: each holds its slice, and the ranks on a host share its memory.
        const int hosts = host_count(m);
        const std::string each = size + ": each of the " + std::to_string(need.ranks) + " ranks holds ";
        const std::string count = std::to_string(on_host) + (on_host == 1 ? " rank" : " ranks");
        const std::string where = hosts == 1 ? count + (on_host == 1 ? " runs" : " run") + " on this host, which has "
                                             : "the busiest of the " + std::to_string(hosts) + " hosts runs " + count +
                                                   " and, taken to be like this one, has ";
        const std::string more = "; more hosts (a hostfile) hold more";
        if (private_short || !shared_short)
            return each + bytes(need.rank_bytes) + " (" + what_it_holds(s, c) + "), but " + where + available +
                   ", " + bytes(usable(m) / per_host) + " per rank" + fit + more;
        return each + bytes(need.rank_shared_bytes) +
               " of shared memory (its slice's input and output, in /dev/shm), but " + where + bytes(m.shared_bytes) +
               " free there now, " + bytes(m.shared_bytes / per_host) + " per rank" + fit + more;
    }
    if (private_short)
        return size + " needs " + bytes(need.rank_bytes) + " of memory (" + what_it_holds(s, c) + ") but only " +
               (m.headroom_bytes == 0 ? bytes(m.available_bytes) + " is available now"
                                      : bytes(usable(m)) + " may be used: " + available) +
               fit;
    return size + " needs " + bytes(need.rank_shared_bytes) +
           " of shared memory (input and output, in /dev/shm) but only " + bytes(m.shared_bytes) +
           " is free there now" + fit;
}

std::optional<std::string> memory_problem(const RunConfig& c, const MemoryBudget& m)
{
    return memory_problem(strategy_info(c.strategy), c, m);
}

} // namespace chunkscope
