# shellcheck shell=bash
# Throwaway PostgreSQL + Redis for tests and local development.
#
# Sourced by scripts/test.sh and scripts/dev-servers.sh; not meant to be run.
#
#   servers_ensure_packages [PKG:PATH ...]  apt-get install what is missing
#                                           (postgresql, redis-server, plus
#                                           each PKG whose PATH does not exist)
#   servers_start STATE_DIR                 start both servers on free ports of
#                                           127.0.0.1 (SERVERS_PG_DURABLE=1: fsync
#                                           on, for benchmarks); sets and exports
#                                           CART_TEST_POSTGRES / CART_TEST_REDIS;
#                                           state goes to STATE_DIR/servers.env
#   servers_stop STATE_DIR                  stop what servers_start started there
#                                           and remove its PostgreSQL data
#
# Progress and errors go to stderr, so stdout stays free for the caller.
# Each servers_start gets its own data folders and ports, so concurrent runs do
# not collide. As root, PostgreSQL runs as the `postgres` user (initdb/pg_ctl
# refuse to run as root); Redis runs as the caller.

servers_log() { printf '==> %s\n' "$*" >&2; }
servers_err() { printf 'error: %s\n' "$*" >&2; }

# Newest installed PostgreSQL server bin folder (e.g. /usr/lib/postgresql/15/bin).
servers_pg_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
    if [[ -z "$best" ]] || [[ "$(printf '%s\n%s\n' "$best" "$d" | sort -V | tail -n 1)" == "$d" ]]; then
      best="$d"
    fi
  done
  [[ -n "$best" ]] || return 1
  printf '%s\n' "$best"
}

servers_ensure_packages() {
  local missing=() spec
  if ! servers_pg_bin >/dev/null || { [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; }; then
    missing+=(postgresql)
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    missing+=(redis-server)
  fi
  for spec in "$@"; do
    [[ -e "${spec#*:}" ]] || missing+=("${spec%%:*}")
  done
  ((${#missing[@]} == 0)) && return 0

  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      servers_err "missing packages (${missing[*]}) and not root: install them first"
      return 1
    fi
  fi
  servers_log "installing with apt-get: ${missing[*]}"
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  "${apt[@]}" update -q >&2
  "${apt[@]}" install -y -q "${missing[@]}" >&2
  if [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

# Prints a random TCP port in 20000-29999 (below Linux's ephemeral range) that
# is free on 127.0.0.1 right now. Callers retry on a lost race.
_servers_free_port() {
  if command -v python3 >/dev/null; then
    python3 - <<'PY'
import random, socket, sys
rng = random.SystemRandom()
for _ in range(200):
    port = rng.randint(20000, 29999)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    sys.exit(0)
sys.exit("no free port found")
PY
  else
    local port
    for _ in $(seq 200); do
      port=$((20000 + (RANDOM * 32768 + RANDOM) % 10000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        printf '%s\n' "$port"
        return 0
      fi
    done
    return 1
  fi
}

# Runs a PostgreSQL tool as the postgres user when we are root.
_servers_as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

_servers_save_state() {
  local state_dir="$1"
  {
    printf 'SERVERS_PG_BIN=%q\n' "${SERVERS_PG_BIN:-}"
    printf 'SERVERS_PG_ROOT=%q\n' "${SERVERS_PG_ROOT:-}"
    printf 'SERVERS_PG_PORT=%q\n' "${SERVERS_PG_PORT:-}"
    printf 'SERVERS_REDIS_DIR=%q\n' "${SERVERS_REDIS_DIR:-}"
    printf 'SERVERS_REDIS_PORT=%q\n' "${SERVERS_REDIS_PORT:-}"
    printf 'CART_TEST_POSTGRES=%q\n' "${CART_TEST_POSTGRES:-}"
    printf 'CART_TEST_REDIS=%q\n' "${CART_TEST_REDIS:-}"
  } >"$state_dir/servers.env.tmp"
  mv -f "$state_dir/servers.env.tmp" "$state_dir/servers.env"
}

_servers_start_postgres() {
  local state_dir="$1"
  SERVERS_PG_BIN="$(servers_pg_bin)" || {
    servers_err "no PostgreSQL server found under /usr/lib/postgresql/*/bin"
    return 1
  }
  # Own folder under /tmp: the postgres user must be able to reach it, which a
  # checkout under a private home folder would not allow.
  SERVERS_PG_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/cart-pg.XXXXXX")" || return 1
  _servers_save_state "$state_dir" || return 1
  mkdir -p "$SERVERS_PG_ROOT/sock" || return 1
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres: "$SERVERS_PG_ROOT" || return 1
  fi
  local data="$SERVERS_PG_ROOT/data" log="$SERVERS_PG_ROOT/postgres.log"
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh
  _servers_as_pg sh -c 'echo postgres > "$1/pwfile"' sh "$SERVERS_PG_ROOT" || return 1
  if ! _servers_as_pg "$SERVERS_PG_BIN/initdb" -D "$data" -U postgres -A trust \
    --pwfile="$SERVERS_PG_ROOT/pwfile" -E UTF8 --no-locale >"$SERVERS_PG_ROOT/initdb.log" 2>&1; then
    servers_err "initdb failed:"
    cat "$SERVERS_PG_ROOT/initdb.log" >&2
    return 1
  fi
  # Tests trade durability for speed; benchmarks (SERVERS_PG_DURABLE=1) keep every commit on disk.
  local durability="fsync = off
synchronous_commit = off
full_page_writes = off"
  if [[ "${SERVERS_PG_DURABLE:-}" == 1 ]]; then
    durability="fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 256MB"
  fi
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh
  _servers_as_pg sh -c 'cat >> "$1/postgresql.conf"' sh "$data" <<EOF || return 1

# --- throwaway server (scripts/lib/servers.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SERVERS_PG_ROOT/sock'
max_connections = 300
$durability
EOF

  local attempt
  for attempt in 1 2 3 4 5; do
    SERVERS_PG_PORT="$(_servers_free_port)" || return 1
    servers_log "starting PostgreSQL on 127.0.0.1:$SERVERS_PG_PORT ($SERVERS_PG_BIN)"
    _servers_save_state "$state_dir" || return 1
    rm -f "$log"
    if _servers_as_pg "$SERVERS_PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-p $SERVERS_PG_PORT" start >/dev/null 2>&1; then
      break
    fi
    if grep -q 'could not bind\|Address already in use' "$log" 2>/dev/null && ((attempt < 5)); then
      servers_log "port $SERVERS_PG_PORT was taken meanwhile, trying another"
      continue
    fi
    servers_err "PostgreSQL did not start; its log:"
    tail -n 30 "$log" >&2 || true
    return 1
  done

  for _ in $(seq 60); do
    if "$SERVERS_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SERVERS_PG_PORT" -U postgres -d postgres; then
      CART_TEST_POSTGRES="Host=127.0.0.1;Port=$SERVERS_PG_PORT;Username=postgres;Password=postgres;Database=postgres"
      export CART_TEST_POSTGRES
      _servers_save_state "$state_dir"
      return 0
    fi
    sleep 0.5
  done
  servers_err "PostgreSQL on 127.0.0.1:$SERVERS_PG_PORT is not ready after 30 s"
  return 1
}

_servers_start_redis() {
  local state_dir="$1"
  SERVERS_REDIS_DIR="$state_dir/redis"
  mkdir -p "$SERVERS_REDIS_DIR" || return 1
  local pidfile="$SERVERS_REDIS_DIR/redis.pid" log="$SERVERS_REDIS_DIR/redis.log"
  local attempt pid
  for attempt in 1 2 3 4 5; do
    SERVERS_REDIS_PORT="$(_servers_free_port)" || return 1
    servers_log "starting Redis on 127.0.0.1:$SERVERS_REDIS_PORT"
    _servers_save_state "$state_dir" || return 1
    rm -f "$pidfile"
    : >"$log"
    redis-server --bind 127.0.0.1 --port "$SERVERS_REDIS_PORT" --protected-mode yes \
      --save '' --appendonly no --daemonize yes --pidfile "$pidfile" \
      --logfile "$log" --dir "$SERVERS_REDIS_DIR" >/dev/null || {
      servers_err "redis-server failed to start; its log:"
      tail -n 30 "$log" >&2 || true
      return 1
    }
    for _ in $(seq 60); do
      pid="$(cat "$pidfile" 2>/dev/null || true)"
      # Ask for the process id so that a Redis of someone else that grabbed
      # the same port meanwhile is not taken for ours.
      if [[ -n "$pid" ]] &&
        redis-cli -h 127.0.0.1 -p "$SERVERS_REDIS_PORT" info server 2>/dev/null | tr -d '\r' | grep -qx "process_id:$pid"; then
        CART_TEST_REDIS="127.0.0.1:$SERVERS_REDIS_PORT"
        export CART_TEST_REDIS
        _servers_save_state "$state_dir"
        [[ "$(redis-cli -h 127.0.0.1 -p "$SERVERS_REDIS_PORT" ping)" == PONG ]] && return 0
      fi
      if grep -q 'Address already in use\|Could not create server TCP' "$log" 2>/dev/null; then
        break
      fi
      sleep 0.25
    done
    if grep -q 'Address already in use\|Could not create server TCP' "$log" 2>/dev/null && ((attempt < 5)); then
      servers_log "port $SERVERS_REDIS_PORT was taken meanwhile, trying another"
      _servers_stop_redis
      continue
    fi
    servers_err "Redis did not start; its log:"
    tail -n 30 "$log" >&2 || true
    return 1
  done
  return 1
}

servers_start() {
  local state_dir="$1"
  mkdir -p "$state_dir" || return 1
  SERVERS_PG_BIN="" SERVERS_PG_ROOT="" SERVERS_PG_PORT=""
  SERVERS_REDIS_DIR="" SERVERS_REDIS_PORT=""
  CART_TEST_POSTGRES="" CART_TEST_REDIS=""
  _servers_start_postgres "$state_dir" || return 1
  _servers_start_redis "$state_dir" || return 1
}

# True while PID is a live process (a zombie waiting to be reaped counts as gone).
_servers_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

_servers_stop_redis() {
  [[ -n "${SERVERS_REDIS_DIR:-}" ]] || return 0
  local pidfile="$SERVERS_REDIS_DIR/redis.pid" pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  # Kill by our own pidfile (never by port: the port may be someone else's by now).
  if [[ "$pid" =~ ^[0-9]+$ ]] && grep -q '^redis-server' "/proc/$pid/comm" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 40); do
      _servers_alive "$pid" || break
      sleep 0.25
    done
    if _servers_alive "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

_servers_stop_postgres() {
  [[ -n "${SERVERS_PG_ROOT:-}" && -d "$SERVERS_PG_ROOT" ]] || return 0
  local data="$SERVERS_PG_ROOT/data" pid
  if [[ -f "$data/postmaster.pid" ]]; then
    _servers_as_pg "$SERVERS_PG_BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      _servers_as_pg "$SERVERS_PG_BIN/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
    pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && _servers_alive "$pid" &&
      grep -q '^postgres' "/proc/$pid/comm" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 20); do
        _servers_alive "$pid" || break
        sleep 0.25
      done
    fi
  fi
  rm -rf "$SERVERS_PG_ROOT"
}

servers_stop() {
  local state_dir="$1"
  [[ -f "$state_dir/servers.env" ]] || return 0
  local SERVERS_PG_BIN SERVERS_PG_ROOT SERVERS_PG_PORT SERVERS_REDIS_DIR SERVERS_REDIS_PORT
  local CART_TEST_POSTGRES CART_TEST_REDIS
  # shellcheck disable=SC1091
  source "$state_dir/servers.env"
  [[ -n "$SERVERS_REDIS_PORT" ]] && servers_log "stopping Redis on 127.0.0.1:$SERVERS_REDIS_PORT"
  _servers_stop_redis
  [[ -n "$SERVERS_PG_PORT" ]] && servers_log "stopping PostgreSQL on 127.0.0.1:$SERVERS_PG_PORT"
  _servers_stop_postgres
  rm -f "$state_dir/servers.env"
}
