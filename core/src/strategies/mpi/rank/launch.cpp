// SPDX-License-Identifier: GPL-3.0-or-later
// chunkscope-mpi --launch mpirun ...: what the engine starts instead of mpirun itself. It runs
// mpirun as its child and reaps every process of the job: when mpirun ends before its ranks
// (a rank killed, the job aborted, mpirun told to end), the ranks it leaves behind die with it
// (PR_SET_PDEATHSIG) and are handed to this process (PR_SET_CHILD_SUBREAPER), which waits for
// them, so no rank outlives the job, not even as a zombie. It ends with mpirun's status once
// the last of them is gone, and passes SIGTERM, SIGINT and SIGHUP on to mpirun.

#include "mpiworker.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace chunkscope::mpi {

namespace {

volatile sig_atomic_t g_mpirun = 0;

void pass_on(int signal)
{
    if (g_mpirun > 0)
        ::kill(static_cast<pid_t>(g_mpirun), signal);
}

} // namespace

int launch_main(int argc, char** argv)
{
    if (argc < 1) {
        std::fprintf(stderr, "chunkscope-mpi --launch: name mpirun and its arguments\n");
        return 2;
    }
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // A signal that comes before mpirun is started waits for it (blocked), then is passed on.
    sigset_t stops, before;
    sigemptyset(&stops);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&stops, s);
    sigprocmask(SIG_BLOCK, &stops, &before);
    struct sigaction forward {};
    forward.sa_handler = pass_on;
    sigemptyset(&forward.sa_mask);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaction(s, &forward, nullptr);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &before);
    sigset_t defaults = stops;
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t mpirun = -1;
    const int rc = posix_spawn(&mpirun, argv[0], nullptr, &attr, argv, environ);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        std::fprintf(stderr, "chunkscope-mpi --launch: cannot start %s: %s\n", argv[0], std::strerror(rc));
        return 127;
    }
    g_mpirun = mpirun;
    sigprocmask(SIG_SETMASK, &before, nullptr);
    int status = 0;
    for (;;) {
        int st = 0;
        const pid_t p = waitpid(-1, &st, 0);
        if (p == mpirun) {
            status = st;
            g_mpirun = 0;
        } else if (p < 0 && errno != EINTR) {
            break;   // ECHILD: mpirun and every rank it left are gone
        }
    }
    if (WIFSIGNALED(status)) {
        // Ended by a signal: so is this process, for the engine to tell.
        signal(WTERMSIG(status), SIG_DFL);
        raise(WTERMSIG(status));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace chunkscope::mpi
