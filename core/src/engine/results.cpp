// SPDX-License-Identifier: GPL-3.0-or-later
#include "chunkscope/results.h"

#include "enumnames.h"

#include <array>
#include <cstddef>

namespace chunkscope {

std::string_view to_string(Status s)
{
    return s == Status::Ok ? "ok" : s == Status::Failed ? "failed" : "cancelled";
}

std::optional<Status> parse_status(std::string_view name)
{
    static constexpr std::array kStatuses{Status::Ok, Status::Failed, Status::Cancelled};
    return detail::find_named(kStatuses, name);
}

std::string describe(const WorkerLoss& loss)
{
    if (loss.empty())
        return {};
    const auto place = [](const LostWorker& w) {
        return (w.name.empty() ? std::string() : w.name + " ") + "(" + w.address +
               (w.host.empty() ? std::string() : " on " + w.host) +
               (w.pid > 0 ? ", pid " + std::to_string(w.pid) : std::string()) + ")";
    };
    constexpr std::size_t kListed = 4;
    std::string text;
    if (loss.workers.size() == 1) {
        text = "lost Dask worker " + place(loss.workers.front());
    } else {
        text = "lost " + std::to_string(loss.workers.size()) + " Dask workers in " + std::to_string(loss.runs) +
               (loss.runs == 1 ? " run: " : " runs: ");
        for (std::size_t i = 0; i < loss.workers.size() && i < kListed; ++i)
            text += (i == 0 ? "" : ", ") + place(loss.workers[i]);
        if (loss.workers.size() > kListed)
            text += " and " + std::to_string(loss.workers.size() - kListed) + " more";
    }
    text += loss.caused ? ", killed on purpose (dask-lose-worker) once a result of the run was in"
                        : ", not by Chunkscope (it died or left the cluster)";
    if (loss.tasks_rerun > 0)
        text += "; Dask ran " + std::to_string(loss.tasks_rerun) + (loss.tasks_rerun == 1 ? " task" : " tasks") +
                " again (" + std::to_string(loss.results_recomputed) +
                " had finished: their results were lost with the worker and made again by the tasks that made them)";
    if (loss.chunks_rescattered > 0)
        text += "; " + std::to_string(loss.chunks_rescattered) +
                (loss.chunks_rescattered == 1 ? " scattered chunk was" : " scattered chunks were") +
                (loss.workers.size() == 1 ? " lost with it" : " lost with them") +
                ", which Dask cannot make again (no task made them: it cancelled what needed them), "
                "so the client scattered them again from its own copy";
    if (loss.tasks_rerun == 0 && loss.chunks_rescattered == 0)
        text += "; nothing ran again";
    return text;
}

} // namespace chunkscope
