# SPDX-License-Identifier: GPL-3.0-or-later
# Two "hosts" on this one machine, shared by scripts/mpi-two-hosts and scripts/dask-two-hosts:
# two network namespaces joined by a veth pair, 10.77.0.1 in the first (host A, this machine's
# host name) and 10.77.0.2 in the second (host B, whose programs run under a host name of their
# own, node-b, in a UTS namespace of their own). The pair keeps Linux's default MTU, 1500, an
# Ethernet network's (loopback's is 65536). Each run names its namespaces after its pid, so
# two runs never meet; a run that was killed (SIGKILL: no trap) is cleaned up by the next one.
# shellcheck shell=bash

TWO_HOSTS_A=10.77.0.1
TWO_HOSTS_B=10.77.0.2
TWO_HOSTS_B_NAME=node-b
TWO_HOSTS_NS_A=chunkscope-$$-a
TWO_HOSTS_NS_B=chunkscope-$$-b

# two_hosts_missing: why the two hosts cannot be made here (on stdout; empty: they can).
two_hosts_missing() {
  [ "$(id -u)" -eq 0 ] || { echo "needs root (network namespaces: CAP_NET_ADMIN)"; return; }
  command -v ip >/dev/null || { echo "needs ip (apt-get install iproute2)"; return; }
  unshare --uts true 2>/dev/null || { echo "needs unshare --uts (util-linux) to name the second host"; return; }
  local probe=chunkscope-$$-probe
  if ! ip netns add "$probe" 2>/dev/null; then
    echo "this system does not let root add a network namespace (ip netns add failed)"
    return
  fi
  ip netns del "$probe"
}

# two_hosts_kill NS: ends every process in namespace NS (SIGTERM, then SIGKILL after 3 s).
two_hosts_kill() {
  local ns=$1 pids
  ip netns list 2>/dev/null | grep -q "^$ns\b" || return 0
  mapfile -t pids < <(ip netns pids "$ns" 2>/dev/null)
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 30); do
    [ -n "$(ip netns pids "$ns" 2>/dev/null)" ] || return 0
    sleep 0.1
  done
  mapfile -t pids < <(ip netns pids "$ns" 2>/dev/null)
  [ ${#pids[@]} -eq 0 ] || kill -KILL "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 30); do
    [ -n "$(ip netns pids "$ns" 2>/dev/null)" ] || return 0
    sleep 0.1
  done
}

# two_hosts_down [PID]: the processes of run PID's namespaces ended and the namespaces deleted
# (their veth pair goes with them). Default: this run's.
two_hosts_down() {
  local pid=${1:-$$} ns
  for ns in "chunkscope-$pid-a" "chunkscope-$pid-b"; do
    two_hosts_kill "$ns"
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "csv${pid}a" 2>/dev/null || true    # (a run ended before it moved the pair)
}

# two_hosts_up: this run's two namespaces, joined and up; first the namespaces of earlier runs
# that are gone.
two_hosts_up() {
  local ns pid
  for ns in $(ip netns list 2>/dev/null | grep -oE '^chunkscope-[0-9]+-[ab]\b'); do
    pid=${ns#chunkscope-}
    pid=${pid%-*}
    kill -0 "$pid" 2>/dev/null || two_hosts_down "$pid"
  done
  two_hosts_down
  ip netns add "$TWO_HOSTS_NS_A"
  ip netns add "$TWO_HOSTS_NS_B"
  ip link add "csv$$a" type veth peer name "csv$$b"
  ip link set "csv$$a" netns "$TWO_HOSTS_NS_A"
  ip link set "csv$$b" netns "$TWO_HOSTS_NS_B"
  ip -n "$TWO_HOSTS_NS_A" addr add "$TWO_HOSTS_A/24" dev "csv$$a"
  ip -n "$TWO_HOSTS_NS_B" addr add "$TWO_HOSTS_B/24" dev "csv$$b"
  for ns in "$TWO_HOSTS_NS_A" "$TWO_HOSTS_NS_B"; do ip -n "$ns" link set lo up; done
  ip -n "$TWO_HOSTS_NS_A" link set "csv$$a" up
  ip -n "$TWO_HOSTS_NS_B" link set "csv$$b" up
}

# on_host_a COMMAND...: runs COMMAND on host A. on_host_b COMMAND...: on host B, named node-b.
on_host_a() { ip netns exec "$TWO_HOSTS_NS_A" "$@"; }
on_host_b() {
  # shellcheck disable=SC2016 # (expanded by the inner sh)
  ip netns exec "$TWO_HOSTS_NS_B" unshare --uts sh -c 'hostname "$0"; exec "$@"' "$TWO_HOSTS_B_NAME" "$@"
}

# The rsh agent for Open MPI (mpirun's plm_rsh_agent) on the two hosts: "agent HOST COMMAND..."
# runs COMMAND in that host's namespace, as ssh would on that host.
two_hosts_rsh_agent() {
  printf '#!/bin/sh\nnsa=%s nsb=%s hostb=%s nameb=%s\n' "$TWO_HOSTS_NS_A" "$TWO_HOSTS_NS_B" \
    "$TWO_HOSTS_B" "$TWO_HOSTS_B_NAME"
  cat <<'AGENT'
host=$1; shift
if [ "$host" = "$hostb" ]; then
  exec ip netns exec "$nsb" unshare --uts sh -c 'hostname "$1"; exec /bin/sh -c "$0"' "$*" "$nameb"
fi
exec ip netns exec "$nsa" sh -c "$*"
AGENT
}
