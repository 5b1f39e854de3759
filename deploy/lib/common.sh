# shellcheck shell=bash
# Shared helpers for the engine scripts: paths, locks, detached processes, readiness polling.
# Sourced by deploy/engines.sh; every function here is engine-agnostic.

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${VIGIL_CACHE_DIR:-$DEPLOY_DIR/.cache}"
# shellcheck disable=SC2034 # read by the engine scripts sourced after this file
RUN_ROOT="${VIGIL_RUN_DIR:-$CACHE_DIR/run}"
# How long one shared lock may be waited for: first-time resolution holds it for minutes.
LOCK_WAIT_SECONDS="${VIGIL_LOCK_WAIT_SECONDS:-900}"

log() { printf '[engines] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

now_ms() { date +%s%3N; }

# Reads <tag>value</tag> from a pom so each version is written down once, in the pom.
pom_property() {
  local pom="$1" name="$2"
  sed -n "s:.*<$name>\(.*\)</$name>.*:\1:p" "$pom" | head -n 1
}

java_home() {
  if [[ -n "${VIGIL_JAVA_HOME:-}" ]]; then
    printf '%s\n' "$VIGIL_JAVA_HOME"
    return
  fi
  local java
  java="$(command -v java)" || die "java not found on PATH (JDK 17+ is needed)"
  dirname "$(dirname "$(readlink -f "$java")")"
}

# Runs "$@" while holding an exclusive lock on file $1. The lock fd is closed for anything
# the command starts in the background, so a detached engine never inherits (and holds) it.
with_lock() {
  local file="$1"
  shift
  mkdir -p "$(dirname "$file")"
  (
    exec 9>"$file"
    flock -w "$LOCK_WAIT_SECONDS" 9 || die "timed out waiting for lock $file"
    "$@"
  )
}

read_pid() {
  local file="$1/pid"
  if [[ -f "$file" ]]; then tr -dc '0-9' <"$file"; fi
  return 0
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# GET a loopback URL; prints the body, fails on connection errors or HTTP >= 400.
http_get() {
  curl -fsS --max-time "${2:-5}" "$1" 2>/dev/null
}

# Starts "$@" in a new session (so the whole process tree is one process group) with output
# appended to $dir/console.log; the session leader's pid (== process group id) goes to $dir/pid.
start_detached() {
  local dir="$1"
  shift
  : >"$dir/pid"
  # shellcheck disable=SC2016 # expanded by the inner bash, on purpose
  setsid bash -c 'echo $$ >"$1/pid"; cd "$1"; shift; exec "$@"' _ "$dir" "$@" \
    >>"$dir/console.log" 2>&1 </dev/null 9>&- &
  local waited=0
  while [[ ! -s "$dir/pid" && $waited -lt 50 ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  [[ -s "$dir/pid" ]] || die "process did not start (see $dir/console.log)"
}

# Sum of the resident set sizes of every process in the group, in KiB.
group_rss_kb() {
  ps -o rss= -g "$1" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'
}

# True while any process of group $1 is still running (zombies do not count: the init of some
# sandboxes never reaps them, and they hold no resources).
group_alive() {
  # shellcheck disable=SC2009 # pgrep cannot tell zombies apart
  [[ -n "$1" ]] && ps -o stat= -g "$1" 2>/dev/null | grep -qv '^Z'
}

_wait_group_gone() {
  local pid="$1" tenths="$2" waited=0
  while group_alive "$pid" && [[ $waited -lt $tenths ]]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  ! group_alive "$pid"
}

# TERM to the whole group, then KILL after a grace period; removes the pid file.
stop_group() {
  local dir="$1" grace="${2:-30}" pid
  pid="$(read_pid "$dir")"
  if group_alive "$pid"; then
    # A frozen (SIGSTOPped) engine cannot act on TERM until it is continued.
    kill -CONT -- "-$pid" 2>/dev/null || true
    kill -TERM -- "-$pid" 2>/dev/null || true
    if ! _wait_group_gone "$pid" $((grace * 10)); then
      log "$(basename "$dir"): still running after ${grace}s, sending KILL"
      kill -KILL -- "-$pid" 2>/dev/null || true
      _wait_group_gone "$pid" 100 || log "$(basename "$dir"): process group $pid survived KILL"
    fi
  fi
  rm -f "$dir/pid" "$dir/instance.env"
}

# Polls "$check" (a command) until it succeeds, the process dies, or the timeout passes.
wait_until_ready() {
  local name="$1" dir="$2" timeout="$3"
  shift 3
  local deadline=$(($(date +%s) + timeout)) pid
  pid="$(read_pid "$dir")"
  while :; do
    if ! group_alive "$pid"; then
      log "$name exited during start-up; last lines of $dir/console.log:"
      tail -n 40 "$dir/console.log" >&2 || true
      return 1
    fi
    if "$@"; then return 0; fi
    if (($(date +%s) >= deadline)); then
      log "$name not ready after ${timeout}s; last lines of $dir/console.log:"
      tail -n 40 "$dir/console.log" >&2 || true
      return 1
    fi
    sleep 1
  done
}

# Fails when a port we are about to bind is taken by something that is not this instance.
require_free_ports() {
  local port
  for port in "$@"; do
    port_open "$port" && die "port $port on 127.0.0.1 is already in use (set the *_PORT variables to move)"
  done
  return 0
}

# Resolves the dependencies of a pom into $2 via Maven (cached in ~/.m2), atomically.
mvn_copy_dependencies() {
  local pom_dir="$1" out="$2"
  shift 2
  local tmp="$out.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "resolving $(basename "$out") with Maven (first time only; cached in ~/.m2)"
  local mvn_log
  mvn_log="$CACHE_DIR/locks/mvn-$(basename "$out").log"
  if ! (cd "$pom_dir" && mvn -B -q -Dstyle.color=never "$@" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp") >"$mvn_log" 2>&1; then
    cat "$mvn_log" >&2
    die "Maven could not resolve $pom_dir ($*)"
  fi
  rm -rf "$out"
  mv "$tmp" "$out"
}

# Writes KEY=VALUE lines that the Node test helper and `status` read back.
write_instance_env() {
  local dir="$1"
  shift
  printf '%s\n' "$@" >"$dir/instance.env.tmp"
  mv "$dir/instance.env.tmp" "$dir/instance.env"
}

# OpenSearch and Elasticsearch refuse to run as root: under root they run as this system user.
ENGINE_USER="${VIGIL_ENGINE_USER:-vigil-es}"

running_as_root() { [[ "$(id -u)" -eq 0 ]]; }

_ensure_engine_user_locked() {
  getent passwd "$ENGINE_USER" >/dev/null && return 0
  log "creating system user $ENGINE_USER (search engines refuse to run as root)"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$ENGINE_USER" || die "could not create user $ENGINE_USER"
}

# Makes $1 writable by the engine user; prints nothing. No-op unless running as root.
prepare_engine_dir() {
  running_as_root || return 0
  getent passwd "$ENGINE_USER" >/dev/null ||
    with_lock "$CACHE_DIR/locks/engine-user.lock" _ensure_engine_user_locked
  chown -R "$ENGINE_USER:$ENGINE_USER" "$1"
}

# The command prefix that drops root to the engine user (empty when not root).
# shellcheck disable=SC2034 # AS_ENGINE_USER is read by the caller
as_engine_user() {
  AS_ENGINE_USER=()
  if running_as_root; then
    AS_ENGINE_USER=(setpriv "--reuid=$ENGINE_USER" "--regid=$ENGINE_USER" --init-groups --)
  fi
}
