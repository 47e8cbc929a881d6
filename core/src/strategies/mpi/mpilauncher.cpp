// SPDX-License-Identifier: GPL-3.0-or-later
#include "mpilauncher.h"

#include "mpijobend.h"

#include "clock.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace chunkscope::detail {

namespace {

constexpr double kHelloTimeout_s = 120;   // ssh to other hosts may be slow

// Every process below root (children, their children, ...), parents before children, each with
// its parent.
std::vector<std::pair<pid_t, pid_t>> descendants_of(pid_t root)
{
    std::vector<std::pair<pid_t, pid_t>> all;   // pid, parent
    DIR* d = opendir("/proc");
    while (const dirent* e = d ? readdir(d) : nullptr) {
        const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        if (pid <= 0)
            continue;
        std::ifstream stat("/proc/" + std::string(e->d_name) + "/stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(line.substr(close + 1));
        char state = 0;
        pid_t ppid = 0;
        rest >> state >> ppid;
        all.emplace_back(pid, ppid);
    }
    if (d)
        closedir(d);
    std::vector<std::pair<pid_t, pid_t>> out{{root, 0}};
    for (std::size_t i = 0; i < out.size(); ++i)
        for (const auto& [pid, ppid] : all)
            if (ppid == out[i].first)
                out.emplace_back(pid, ppid);
    out.erase(out.begin());
    return out;
}

void remove_dir(const std::string& dir)
{
    if (dir.empty())
        return;
    if (DIR* d = opendir(dir.c_str())) {
        while (const dirent* e = readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                ::unlink((dir + "/" + e->d_name).c_str());
        closedir(d);
    }
    ::rmdir(dir.c_str());
}

} // namespace

std::string next_mpi_shm_dir()
{
    static std::atomic<unsigned> counter{0};
    return "/dev/shm/chunkscope-mpi-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

bool MpiLauncher::start(const std::vector<std::string>& cmd, const std::string& shm_dir,
                        const std::atomic<bool>* cancel)
{
    kill();
    error_.clear();
    places_.clear();
    shm_dir_ = shm_dir;
    if (!shm_dir_.empty() && ::mkdir(shm_dir_.c_str(), 0700) != 0 && errno != EEXIST)
        shm_dir_.clear();
    // chunkscope-mpi (the command's last word) --launch runs mpirun and reaps the whole job.
    std::vector<std::string> words{cmd.back(), "--launch"};
    words.insert(words.end(), cmd.begin(), cmd.end());
    if (!child_.spawn(words, words.front(), error_)) {
        cleanup();
        return false;
    }
    std::optional<nlohmann::json> hello;
    while (!hello) {
        hello = next(cancel, now_s() + kHelloTimeout_s);
        if (!hello)
            return false;   // next() has ended the job and said why
        if (hello->value("type", "") != "hello")
            hello.reset();
    }
    library_ = hello->value("mpi", "");
    try {
        for (const auto& p : hello->at("places"))
            places_.push_back({p.at("rank").get<int>(), -1, p.at("pid").get<std::int64_t>(), p.at("host").get<std::string>()});
    } catch (const nlohmann::json::exception& e) {
        error_ = std::string("rank 0's hello is not the protocol's: ") + e.what();
        kill();
        return false;
    }
    return true;
}

bool MpiLauncher::send(const nlohmann::json& request)
{
    if (child_.send(request))
        return true;
    error_ = death();
    kill();
    return false;
}

std::optional<nlohmann::json> MpiLauncher::next(const std::atomic<bool>* cancel, double deadline)
{
    for (;;) {
        const JsonLineChild::Next got = child_.next_line(cancel, deadline);
        switch (got.got) {
        case JsonLineChild::Got::line: {
            // Only rank 0 speaks the protocol; anything else on the output (a library's
            // warning) is kept for the message should the job die.
            auto j = nlohmann::json::parse(got.line, nullptr, false);
            if (!got.line.empty() && got.line.front() == '{' && j.is_object())
                return j;
            child_.note(got.line + "\n");
            continue;
        }
        case JsonLineChild::Got::cancelled:
            error_ = "cancelled";
            break;
        case JsonLineChild::Got::timed_out:
            error_ = "the MPI job did not start within " + std::to_string(static_cast<int>(kHelloTimeout_s)) + " s" +
                     (child_.said().empty() ? std::string() : "; mpirun said: " + one_line(child_.said()));
            break;
        case JsonLineChild::Got::ended:
            error_ = death();
            break;
        }
        kill();
        return std::nullopt;
    }
}

// Why the job ended, naming the rank and its host as mpirun reports them.
std::string MpiLauncher::death()
{
    child_.settle(3000);
    return job_end_message(child_.said(), places_, child_.reaped(), child_.wait_status());
}

bool MpiLauncher::stop()
{
    error_.clear();
    if (!child_.running()) {
        kill();   // the group of a launcher already reaped, and the segments
        return true;
    }
    const bool asked = child_.send_line(R"({"op":"quit"})");
    bool ended = asked && child_.reap(5000);
    if (!ended)
        error_ = "mpirun did not end within 5 s of rank 0 being asked to quit";
    else if (!WIFEXITED(child_.wait_status()) || WEXITSTATUS(child_.wait_status()) != 0)
        error_ = "after rank 0 was asked to quit, " + death();
    ended = ended && error_.empty();
    kill();
    return ended;
}

void MpiLauncher::kill()
{
    if (const pid_t launcher = child_.pid(); launcher > 0) {
        // The ranks here first (everything of the job below mpirun), then mpirun is asked to
        // end; the launcher reaps them all and ends with it. Should mpirun not end within a
        // second, it is killed too (the launcher still reaps what it leaves), and should the
        // launcher not end either, its group (JsonLineChild::kill).
        for (const auto& [p, parent] : descendants_of(launcher))
            if (parent != launcher)
                ::kill(p, SIGKILL);
        child_.signal(SIGTERM);   // passed on to mpirun
        if (!child_.reap(1000)) {
            for (const auto& [p, parent] : descendants_of(launcher))
                ::kill(p, SIGKILL);
            child_.reap(500);
        }
    }
    child_.kill();   // also the group of a launcher already reaped: an ssh mpirun started
    cleanup();
}

void MpiLauncher::cleanup()
{
    remove_dir(shm_dir_);
    shm_dir_.clear();
}

} // namespace chunkscope::detail
