#!/usr/bin/env bash
# PostgreSQL + Redis for local development, the same pair that scripts/test.sh
# starts for a test run, kept running until `stop`. State: .tmp/dev-servers/.
#
#   eval "$(scripts/dev-servers.sh start)"   start (or reuse) and export the env vars
#   scripts/dev-servers.sh env               print the export lines again
#   scripts/dev-servers.sh stop              stop both and drop their data
#
# The export lines (CART_TEST_POSTGRES, CART_TEST_REDIS) go to stdout;
# progress goes to stderr.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/servers.sh
source "$repo_root/scripts/lib/servers.sh"
state_dir="$repo_root/.tmp/dev-servers"

print_exports() {
  # shellcheck disable=SC1091
  source "$state_dir/servers.env"
  printf 'export CART_TEST_POSTGRES=%q\n' "$CART_TEST_POSTGRES"
  printf 'export CART_TEST_REDIS=%q\n' "$CART_TEST_REDIS"
}

running() {
  [[ -f "$state_dir/servers.env" ]] || return 1
  (
    # shellcheck disable=SC1091
    source "$state_dir/servers.env"
    # shellcheck disable=SC2153 # set by servers.env
    [[ -n "$SERVERS_PG_PORT" && -n "$SERVERS_REDIS_PORT" && -n "$CART_TEST_REDIS" ]] &&
      "$SERVERS_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SERVERS_PG_PORT" -U postgres -d postgres &&
      [[ -f "$SERVERS_PG_ROOT/data/postmaster.pid" ]] &&
      [[ "$(redis-cli -h 127.0.0.1 -p "$SERVERS_REDIS_PORT" ping 2>/dev/null)" == PONG ]] &&
      [[ -f "$SERVERS_REDIS_DIR/redis.pid" ]]
  )
}

case "${1:-}" in
  start)
    if running; then
      servers_log "dev servers already running"
    else
      servers_stop "$state_dir" || true # leftovers of a half-dead earlier start
      # shellcheck disable=SC2119 # no extra packages needed here
      servers_ensure_packages
      if ! servers_start "$state_dir"; then
        servers_stop "$state_dir" || true
        exit 1
      fi
      servers_log "running; stop them with: scripts/dev-servers.sh stop"
    fi
    print_exports
    ;;
  env)
    if ! running; then
      servers_err "dev servers are not running; start them with: scripts/dev-servers.sh start"
      exit 1
    fi
    print_exports
    ;;
  stop)
    if [[ -f "$state_dir/servers.env" ]]; then
      servers_stop "$state_dir"
    else
      servers_log "dev servers are not running"
    fi
    rm -rf "$state_dir"
    rmdir "$repo_root/.tmp" 2>/dev/null || true
    ;;
  *)
    printf 'usage: %s start|env|stop\n' "$0" >&2
    exit 2
    ;;
esac
