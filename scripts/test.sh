#!/usr/bin/env bash
# The one test command of the project (CI runs it through .ci/run).
#
#   scripts/test.sh                       format check + all tests
#   scripts/test.sh --filter FullyQualifiedName~Cart   extra args go to `dotnet test`
#   CART_TEST_SKIP_FORMAT=1 scripts/test.sh            skip `dotnet format --verify-no-changes`
#
# Installs missing system packages (postgresql, redis-server, chromium) with
# apt-get, starts a throwaway PostgreSQL and Redis on free 127.0.0.1 ports,
# exports CART_TEST_POSTGRES (admin connection string) and CART_TEST_REDIS,
# runs the checks, and always stops both servers and removes its temp folder.
# Exits with `dotnet test`'s exit code.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=lib/servers.sh
source "$repo_root/scripts/lib/servers.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

servers_ensure_packages chromium:/usr/bin/chromium prometheus:/usr/bin/promtool
servers_ensure_packages npm:/usr/bin/npx # npx runs the Dockerfile linter and, from the tests, Redocly CLI (OpenApiLintTests)

summary=""
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/cart-test.XXXXXX")"
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  servers_stop "$work_dir" || true
  rm -rf "$work_dir"
  if [[ -n "${summary:-}" ]]; then
    printf '%s\n' "$summary"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

servers_start "$work_dir"
servers_log "CART_TEST_POSTGRES=$CART_TEST_POSTGRES"
servers_log "CART_TEST_REDIS=$CART_TEST_REDIS"

servers_log "dotnet tool restore"
dotnet tool restore

if [[ "${CART_TEST_SKIP_FORMAT:-}" == 1 ]]; then
  servers_log "skipping format check (CART_TEST_SKIP_FORMAT=1)"
else
  servers_log "dotnet format Cart.sln --verify-no-changes"
  if ! dotnet format Cart.sln --verify-no-changes; then
    echo "error: dotnet format --verify-no-changes failed; fix with 'dotnet format Cart.sln' and commit" >&2
    exit 1
  fi
fi

# No container engine runs here, so the Dockerfile is linted instead of built. dockerfile-utils (the parser behind
# the Docker language server) knows today's syntax; dockerfilelint misreads `HEALTHCHECK --start-period`. Any
# finding fails the run, warnings too. Pinned; --prefer-offline reuses npm's cached copy without asking the registry.
servers_log "dockerfile-utils lint Dockerfile"
if ! dockerfile_lint="$(npx --prefer-offline --yes dockerfile-utils@0.16.3 lint Dockerfile)" || [[ -n "$dockerfile_lint" ]]; then
  printf '%s\n' "$dockerfile_lint" >&2
  echo "error: the Dockerfile does not pass dockerfile-utils lint" >&2
  exit 1
fi

servers_log "dotnet test Cart.sln -c Release $*"
test_log="$work_dir/dotnet-test.log"
set +e
dotnet test Cart.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$test_log"
rc=${PIPESTATUS[0]}
set -e

# One plain closing line summed over all test assemblies, e.g.
# "tests: 42 passed, 0 failed, 1 skipped" (none if no test ran); cleanup
# prints it last, after the servers are stopped.
summary="$(sed 's/\x1b\[[0-9;]*m//g' "$test_log" | awk '
  # VSTest, console verbosity normal: one block per test assembly
  #   Total tests: 43 / Passed: 42 / Failed: 0 / Skipped: 1 / Total time: ...
  # (lines for zero counts may be missing); minimal verbosity instead prints
  #   Passed!  - Failed: 0, Passed: 42, Skipped: 1, Total: 43, ...
  function num(s) { sub(/^[^0-9]*/, "", s); return s + 0 }
  /^Total tests: +[0-9]+/ { inblock = 1; blocks++; next }
  inblock && /^ +Passed: +[0-9]+/ { bp += num($0); next }
  inblock && /^ +Failed: +[0-9]+/ { bf += num($0); next }
  inblock && /^ +Skipped: +[0-9]+/ { bs += num($0); next }
  inblock && /^ +Total time:/ { inblock = 0; next }
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    line = $0; sub(/.*Failed: +/, "", line); mf += line + 0
    line = $0; sub(/.*Passed: +/, "", line); mp += line + 0
    line = $0; sub(/.*Skipped: +/, "", line); ms += line + 0
    minimal++
  }
  END {
    if (blocks > 0) printf "tests: %d passed, %d failed, %d skipped\n", bp, bf, bs
    else if (minimal > 0) printf "tests: %d passed, %d failed, %d skipped\n", mp, mf, ms
  }
')" || summary=""
servers_log "dotnet test exit code: $rc"
exit "$rc"
