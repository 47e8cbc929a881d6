// SPDX-License-Identifier: GPL-3.0-or-later
// A Dask scheduler's address (RunConfig::dask_scheduler), checked before anything runs: its form,
// and whether something there accepts a TCP connection and sends a first byte (a scheduler's
// handshake). (The module connects with Dask's client;
// this only spares the user a cell that waits for an address that is wrong.)
#include "chunkscope/python.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace chunkscope {

namespace {

constexpr std::string_view kScheme = "tcp://";

// Whether fd, connected, receives a first byte before the deadline: a Dask scheduler sends its
// handshake as soon as a connection is accepted (something else may accept and say nothing).
bool says_something(int fd, std::chrono::steady_clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd, POLLIN, 0};
    char byte = 0;
    return poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count()))) == 1 && recv(fd, &byte, 1, 0) == 1;
}

// What a connection to host:port within timeout_ms met: "" when it was accepted and the other end
// sent its first bytes.
std::string connect_problem(const std::string& host, const std::string& port, int timeout_ms)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int e = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); e != 0)
        return std::string("the host is not known (") + gai_strerror(e) + ")";
    std::string problem = "no address of the host";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (const addrinfo* a = found; a; a = a->ai_next) {
        const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) {
            problem = std::string("cannot make a socket: ") + std::strerror(errno);
            continue;
        }
        int error = connect(fd, a->ai_addr, a->ai_addrlen) == 0 ? 0 : errno;
        if (error == EINPROGRESS) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{fd, POLLOUT, 0};
            const int ready = poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count())));
            socklen_t length = sizeof error;
            if (ready == 1)
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            else
                error = ETIMEDOUT;
        }
        const bool answered = error == 0 && says_something(fd, deadline);
        ::close(fd);
        if (answered) {
            freeaddrinfo(found);
            return {};
        }
        if (error == 0) {
            problem = "it accepts the connection but sends no Dask handshake within " + std::to_string(timeout_ms) + " ms";
            continue;
        }
        problem = error == ETIMEDOUT ? "no answer within " + std::to_string(timeout_ms) + " ms"
                                     : std::strerror(error);
    }
    freeaddrinfo(found);
    return problem;
}

// What is wrong with the address's form; else its host (no brackets) and port.
std::optional<std::string> split_address(const std::string& address, std::string& host, std::string& port)
{
    const std::string form = "allowed: tcp://HOST:PORT, the address dask-scheduler prints (\"Scheduler at: ...\")";
    if (!address.starts_with(kScheme))
        return "\"" + address + "\" is not a Dask scheduler's address; " + form;
    const std::string rest = address.substr(kScheme.size());
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size() ||
        rest.find_first_not_of("0123456789", colon + 1) != std::string::npos || rest.size() - colon - 1 > 5)
        return "\"" + address + "\" has no HOST:PORT after tcp://; " + form;
    host = rest.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')   // [::1]
        host = host.substr(1, host.size() - 2);
    port = rest.substr(colon + 1);
    if (const int p = std::stoi(port); p < 1 || p > 65535)
        return "\"" + address + "\": port " + port + " is not 1 to 65535; " + form;
    return std::nullopt;
}

} // namespace

std::optional<std::string> dask_scheduler_form_problem(const std::string& address)
{
    std::string host;
    std::string port;
    return split_address(address, host, port);
}

std::optional<std::string> dask_scheduler_problem(const std::string& address, int timeout_ms)
{
    std::string host;
    std::string port;
    if (auto problem = split_address(address, host, port))
        return problem;
    if (std::string problem = connect_problem(host, port, timeout_ms); !problem.empty())
        return "no Dask scheduler answers at " + address + " (" + problem +
               "); start one with dask-scheduler and dask-worker, or leave --dask-scheduler out for a LocalCluster";
    return std::nullopt;
}

} // namespace chunkscope
