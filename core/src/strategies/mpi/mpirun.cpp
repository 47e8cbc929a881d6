// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/mpi.h"

#include "paths.h"

#include "chunkscope/inputfile.h"
#include "chunkscope/machine.h"

#include <cctype>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

#ifndef CHUNKSCOPE_MPI_WORKER_BUILD
#define CHUNKSCOPE_MPI_WORKER_BUILD ""
#endif
#ifndef CHUNKSCOPE_MPI_WORKER_INSTALLED
#define CHUNKSCOPE_MPI_WORKER_INSTALLED ""
#endif

namespace chunkscope {

using detail::executable;
using detail::is_file;
using detail::on_path;

namespace {

constexpr const char* kInstall = "apt-get install openmpi-bin libopenmpi-dev";

} // namespace

bool is_mpi(StrategyKind kind) { return kind == StrategyKind::Mpi || kind == StrategyKind::MpiDistributed; }

int mpi_ranks(const RunConfig& c) { return c.strategy == StrategyKind::Mpi ? c.workers + 1 : c.workers; }
int mpi_computing_ranks(const RunConfig& c) { return c.workers; }

std::string mpirun_path(const MpiOptions& o)
{
    const std::string path = o.mpirun.empty() ? on_path("mpirun") : executable(o.mpirun) ? o.mpirun : std::string();
    // Open MPI finds its installation from mpirun's directory: /bin (a link to /usr/bin on
    // merged-/usr systems) would make it "/", which it refuses.
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return path;
    char real[PATH_MAX];
    const std::string dir = slash == 0 ? "/" : path.substr(0, slash);
    return realpath(dir.c_str(), real) ? std::string(real) + path.substr(slash) : path;
}

std::string mpi_worker_path()
{
    // Beside this program (a build tree's app/), where an install puts it relative to this
    // program (<prefix>/libexec/chunkscope), the build tree's, the configured prefix's.
    detail::InstalledFile worker{"CHUNKSCOPE_MPI_WORKER", {"chunkscope-mpi"}, CHUNKSCOPE_MPI_WORKER_BUILD,
                                 CHUNKSCOPE_MPI_WORKER_INSTALLED};
#ifdef CHUNKSCOPE_MPI_WORKER_FROM_BIN // defined when CMake found MPI (core/CMakeLists.txt)
    worker.from_bin.emplace_back(CHUNKSCOPE_MPI_WORKER_FROM_BIN);
#endif
    const std::string found = detail::find_installed(worker, executable);
    // Without "..": mpirun starts this path on every host (see the hostfile's note).
    char real[PATH_MAX];
    return found.empty() || !realpath(found.c_str(), real) ? found : std::string(real);
}

Availability mpi_availability(const MpiOptions& o)
{
#ifndef CHUNKSCOPE_WITH_MPI
    (void)o;
    return {false, "Chunkscope was built without MPI (CMake found no MPI C++ library), so chunkscope-mpi is missing",
            std::string(kInstall) + ", then configure and build again"};
#else
    if (!o.mpirun.empty() && !executable(o.mpirun))
        return {false, "mpirun \"" + o.mpirun + "\" is not an executable file; name Open MPI's mpirun, such as /usr/bin/mpirun",
                kInstall};
    if (mpirun_path(o).empty())
        return {false, "mpirun is not on PATH (Open MPI is not installed, or PATH misses it)", kInstall};
    if (const std::string worker = mpi_worker_path(); worker.empty())
        return {false, "the worker program chunkscope-mpi is not found (set CHUNKSCOPE_MPI_WORKER to its path)",
                kInstall};
    else if (!executable(worker))
        return {false, "CHUNKSCOPE_MPI_WORKER names " + worker + ", which is not an executable file; name "
                       "chunkscope-mpi, such as build/app/chunkscope-mpi", kInstall};
    return {};
#endif
}

std::optional<std::vector<std::string>> split_arguments(std::string_view text)
{
    std::vector<std::string> out;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (const char ch : text) {
        if (quote) {
            if (ch == quote)
                quote = 0;
            else
                word += ch;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
            in_word = true;
        } else if (std::isspace(static_cast<unsigned char>(ch))) {
            if (in_word)
                out.push_back(word);
            word.clear();
            in_word = false;
        } else {
            word += ch;
            in_word = true;
        }
    }
    if (quote)
        return std::nullopt;
    if (in_word)
        out.push_back(word);
    return out;
}

std::optional<std::string> check_mpi_options(const MpiOptions& o)
{
    if (!o.hostfile.empty()) {
        const Hostfile h = read_hostfile(o.hostfile);
        if (!h.error.empty())
            return h.error;
    }
    if (!split_arguments(o.args))
        return "mpirun's extra arguments \"" + o.args + "\" have a quote that is not closed";
    return std::nullopt;
}

bool mpi_as_root() { return geteuid() == 0; }

std::vector<std::string> mpirun_command(const MpiOptions& o, int ranks, const std::string& shm_dir)
{
    std::vector<std::string> cmd{mpirun_path(o)};
    if (mpi_as_root())
        cmd.emplace_back("--allow-run-as-root");
    // More ranks than slots run (taking turns; Open MPI then yields when idle), unbound, as
    // fork-split's processes are.
    cmd.insert(cmd.end(), {"--oversubscribe", "--bind-to", "none", "--mca", "pml", "ob1", "--mca", "btl"});
    cmd.emplace_back(o.transport == MpiTransport::Shm ? "self,vader" : "self,tcp");
    if (o.transport == MpiTransport::Shm && !shm_dir.empty())
        cmd.insert(cmd.end(), {"--mca", "btl_vader_backing_directory", shm_dir});
    if (!o.hostfile.empty())
        cmd.insert(cmd.end(), {"--hostfile", o.hostfile});
    if (const auto extra = split_arguments(o.args))
        cmd.insert(cmd.end(), extra->begin(), extra->end());
    cmd.insert(cmd.end(), {"-n", std::to_string(ranks), mpi_worker_path()});
    return cmd;
}

std::vector<std::string> mpi_notes(const RunConfig& c)
{
    std::vector<std::string> notes;
    if (!is_mpi(c.strategy))
        return notes;
    if (mpi_as_root())
        notes.emplace_back("note: running as root, so mpirun gets --allow-run-as-root (Open MPI refuses root "
                           "otherwise)");
    int capacity = logical_cores();
    std::string where = "logical cores";
    if (!c.mpi.hostfile.empty()) {
        int slots = 0;
        for (const HostfileEntry& e : read_hostfile(c.mpi.hostfile).hosts)
            slots += e.slots > 0 ? e.slots : 1;
        capacity = slots;
        where = "slots in the hostfile";
    }
    const int computing = mpi_computing_ranks(c);
    if (computing > capacity)
        notes.push_back("warning: " + std::to_string(computing) + " ranks compute on " + std::to_string(capacity) +
                        " " + where + ": oversubscribed (--oversubscribe), so ranks take turns on the cores");
    return notes;
}

} // namespace chunkscope
