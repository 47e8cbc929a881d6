// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpijobend.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include <sys/wait.h>

namespace chunkscope::detail {

namespace {

std::string who(int rank, const std::vector<RankPlace>& places)
{
    for (const RankPlace& p : places)
        if (p.rank == rank)
            return "rank " + std::to_string(rank) + " (pid " + std::to_string(p.pid) + ") on host " + p.host;
    return "rank " + std::to_string(rank);
}

} // namespace

std::string one_line(std::string text)
{
    std::replace(text.begin(), text.end(), '\n', ' ');
    text = std::regex_replace(text, std::regex("-{10,}"), " ");
    text = std::regex_replace(text, std::regex(" {2,}"), " ");
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    while (!text.empty() && text.front() == ' ')
        text.erase(0, 1);
    return text;
}

std::string job_end_message(const std::string& said, const std::vector<RankPlace>& places, bool reaped,
                            int wait_status)
{
    std::smatch m;
    static const std::regex killed(R"(process rank (\d+) with PID \d+ on node (\S+) exited on signal (\d+) \(([^)]*)\))");
    static const std::regex status(R"(Process name: \[\[\d+,\d+\],(\d+)\][\s\S]*?Exit code:\s+(\d+))");
    static const std::regex aborted(R"(MPI_ABORT was invoked on rank (\d+)[^\n]*errorcode (\d+))");
    std::string what;
    if (std::regex_search(said, m, killed)) {
        const int rank = std::stoi(m[1]);
        const std::string signal = " was killed by signal " + m[3].str() + " (" + m[4].str() + ")";
        what = (places.empty() ? "rank " + m[1].str() + " on host " + m[2].str() : who(rank, places)) + signal;
        // A crash (not a kill): Open MPI's report of it, "[host:pid] Signal: ..." and the frames.
        if (m[3] != "9" && m[3] != "15") {
            std::string words;
            std::istringstream lines(said);
            for (std::string line; std::getline(lines, line);)
                if (line.rfind("[", 0) == 0 && line.find("] ") != std::string::npos)
                    words += (words.empty() ? "" : " | ") + line.substr(line.find("] ") + 2);
            if (!words.empty())
                what += "; it said: " + words.substr(0, 800);
        }
    } else if (std::regex_search(said, m, aborted)) {
        what = who(std::stoi(m[1]), places) + " aborted the job (MPI_Abort, error code " + m[2].str() + ")";
    } else if (std::regex_search(said, m, status)) {
        what = who(std::stoi(m[1]), places) + " exited with status " + m[2].str();
    }
    std::string how = "its output closed";
    if (reaped)
        how = WIFSIGNALED(wait_status) ? "mpirun was killed by signal " + std::to_string(WTERMSIG(wait_status))
                                       : "mpirun exited with status " + std::to_string(WEXITSTATUS(wait_status));
    if (!what.empty())
        return what + "; mpirun ended the job (" + how + ")";
    const std::string tail = one_line(said);
    return "the MPI job ended: " + how + (tail.empty() ? std::string() : "; mpirun said: " + tail.substr(0, 1500));
}

} // namespace chunkscope::detail
