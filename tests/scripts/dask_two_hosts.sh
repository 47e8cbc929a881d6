#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# scripts/dask-two-hosts as a user runs it, small: both strategies verified on a Dask cluster
# across two network namespaces, one worker on node-b; then a second run ended by SIGTERM while
# its cell runs. Each must leave nothing behind: no namespace, no process (every one of a run
# carries CHUNKSCOPE_TWO_HOSTS_RUN=its pid), no folder (the runs' TMPDIR is this test's own,
# dask-worker-space included). Exit 77 (skipped) where the script says it cannot run here.
#   dask_two_hosts.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1
export BUILD_DIR=$2
tmp=$(mktemp -d /tmp/chunkscope-test-two-hosts.XXXXXX)
export TMPDIR=$tmp
fail() { echo "FAIL: $*" >&2; failed=1; }
failed=0

# The processes that carry run PID's mark (their pids).
marked() {
  grep -lzx "CHUNKSCOPE_TWO_HOSTS_RUN=$1" /proc/[0-9]*/environ 2>/dev/null | sed -E 's|^/proc/([0-9]+)/environ$|\1|'
}
# Their command lines, one a line.
marked_commands() {
  local p
  for p in $(marked "$1"); do
    tr '\0' ' ' 2>/dev/null < "/proc/$p/cmdline" && echo
  done
}
# What run PID left: namespaces, its veth pair's end, processes, files.
check_left() {
  local pid=$1 what=$2 left
  left=$(ip netns list | grep -E "^chunkscope-$pid-[ab]\b")
  [ -z "$left" ] || fail "$what left namespaces: $left"
  ! ip link show "csv${pid}a" >/dev/null 2>&1 || fail "$what left its veth pair"
  mapfile -t left_pids < <(marked "$pid")
  if [ ${#left_pids[@]} -gt 0 ]; then
    fail "$what left processes:"
    ps -o pid,args -p "$(IFS=,; echo "${left_pids[*]}")" >&2
    kill -KILL "${left_pids[@]}"
  fi
  left=$(find "$tmp" -mindepth 1 | head)
  [ -z "$left" ] || fail "$what left files: $left"
}

# 1. A run of both strategies: verified, a worker on node-b, both reported.
out=$tmp.out
"$src/scripts/dask-two-hosts" --size 100k --repeats 2 --warmup 0 > "$out" 2>&1 &
pid=$!
wait $pid
rc=$?
cat "$out"
if [ $rc -eq 77 ]; then rm -rf "$tmp" "$out"; exit 77; fi
[ $rc -eq 0 ] || fail "dask-two-hosts exited with $rc"
for s in py-dask-cluster py-dask-distributed; do
  grep -E "^$s exp 100000, 2 workers.* verified True; worker 0 pid [0-9]+ on .*, worker 1 pid [0-9]+ on .*" "$out" \
    | grep -q "on node-b" || fail "no summary of $s with a worker on node-b"
done
check_left $pid "a run"

# 2. SIGTERM once the cell has begun (its interpreter is up; 10M, 50 repetitions: they take
# seconds): the script ends everything.
"$src/scripts/dask-two-hosts" --strategy py-dask-cluster --size 10M --repeats 50 > "$out" 2>&1 &
pid=$!
for _ in $(seq 600); do
  marked_commands $pid | grep -q "chunkscope_tutorial.py serve" && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
sleep 0.5
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 143 ] || { cat "$out"; fail "dask-two-hosts ended by SIGTERM exited with $rc, not 143"; }
check_left $pid "a run ended by SIGTERM"

rm -rf "$tmp" "$out"
[ $failed -eq 0 ] && echo "dask-two-hosts: both strategies verified across two hosts; nothing left behind"
exit $failed
