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
#
# The terminal shows each step, the tests' progress (a line per 100 passed),
# every failing test with its message and the last lines of its hosts' logs,
# and a closing summary. Everything else goes to TestResults/<run>/ (ignored by
# git): logs/ (one file per test host), cart-tests.trx, dotnet-test.log (the
# full console output of `dotnet test`).
# Exits non-zero if a step fails; with `dotnet test`'s exit code otherwise.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
# shellcheck source-path=SCRIPTDIR source=lib/servers.sh
source "$repo_root/scripts/lib/servers.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

servers_ensure_packages chromium:/usr/bin/chromium prometheus:/usr/bin/promtool
servers_ensure_packages npm:/usr/bin/npx # npx runs the Dockerfile linter and, from the tests, Redocly CLI (OpenApiLintTests)

run_started=$SECONDS
results_dir="$repo_root/TestResults/$(date -u +%Y%m%d-%H%M%S)-$$"
test_log="$results_dir/dotnet-test.log"
trx_name="cart-tests.trx"
# The test hosts write their logs here (Cart.Tests/Fixtures/HostLogs.cs), one file per host.
export CART_TEST_LOG_DIR="$results_dir/logs"
mkdir -p "$CART_TEST_LOG_DIR"

steps=6
step_no=0
current_step=""
tests_ran=0
summary=""
step() {
  step_no=$((step_no + 1))
  current_step="$*"
  servers_log "[$step_no/$steps] $*"
}

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/cart-test.XXXXXX")"
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  servers_stop "$work_dir" || true
  rm -rf "$work_dir"
  local elapsed=$((SECONDS - run_started))
  {
    printf '\n==> summary\n'
    if [[ $tests_ran == 1 ]]; then
      printf '%s\n' "${summary:-tests: no result line found (see the console log below)}"
    fi
    if [[ $rc == 0 ]]; then
      printf 'result: PASSED\n'
    elif [[ $tests_ran == 1 && "$current_step" == tests ]]; then
      printf 'result: FAILED (dotnet test exit code %s)\n' "$rc"
    else
      printf 'result: FAILED at step "%s" (exit code %s)\n' "${current_step:-setup}" "$rc"
    fi
    printf 'duration: %dm %02ds\n' $((elapsed / 60)) $((elapsed % 60))
    printf 'host logs: %s (one file per test host)\n' "${CART_TEST_LOG_DIR#"$repo_root"/}"
    if [[ $tests_ran == 1 ]]; then
      printf 'test results (TRX): %s\n' "${results_dir#"$repo_root"/}/$trx_name"
      printf 'console log of dotnet test: %s\n' "${test_log#"$repo_root"/}"
    fi
  } >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "start PostgreSQL and Redis"
servers_start "$work_dir"
servers_log "CART_TEST_POSTGRES=$CART_TEST_POSTGRES"
servers_log "CART_TEST_REDIS=$CART_TEST_REDIS"

step "dotnet tool restore"
if ! tool_restore="$(dotnet tool restore 2>&1)"; then
  printf '%s\n' "$tool_restore" >&2
  exit 1
fi

step "format check"
if [[ "${CART_TEST_SKIP_FORMAT:-}" == 1 ]]; then
  servers_log "skipping the format check (CART_TEST_SKIP_FORMAT=1)"
else
  if ! dotnet format Cart.sln --verify-no-changes; then
    echo "error: dotnet format --verify-no-changes failed; fix with 'dotnet format Cart.sln' and commit" >&2
    exit 1
  fi
fi

# No container engine runs here, so the Dockerfile is linted instead of built. dockerfile-utils (the parser behind
# the Docker language server) knows today's syntax; dockerfilelint misreads `HEALTHCHECK --start-period`. Any
# finding fails the run, warnings too. Pinned; --prefer-offline reuses npm's cached copy without asking the registry.
step "Dockerfile lint (dockerfile-utils)"
if ! dockerfile_lint="$(npx --prefer-offline --yes dockerfile-utils@0.16.3 lint Dockerfile)" || [[ -n "$dockerfile_lint" ]]; then
  printf '%s\n' "$dockerfile_lint" >&2
  echo "error: the Dockerfile does not pass dockerfile-utils lint" >&2
  exit 1
fi

# Warnings are errors: the quiet build prints only what fails it.
step "build (dotnet build Cart.sln -c Release)"
if ! dotnet build Cart.sln -c Release --nologo -v quiet -clp:NoSummary; then
  echo "error: the build failed" >&2
  exit 1
fi

# The tests also run Redocly CLI on the OpenAPI document and promtool on the alert rules.
step "tests"
servers_log "dotnet test Cart.sln -c Release --no-build $*"
tests_ran=1
set +e
# The full console output goes to $test_log; the terminal keeps all but the passed tests, which it counts instead.
dotnet test Cart.sln -c Release --no-build --logger "console;verbosity=normal" \
  --logger "trx;LogFileName=$trx_name" --results-directory "$results_dir" "$@" 2>&1 |
  tee "$test_log" | {
  passed=0
  while IFS= read -r line; do
    if [[ "$line" =~ ^[[:space:]]+Passed[[:space:]] ]]; then
      passed=$((passed + 1))
      if ((passed % 100 == 0)); then
        printf '  ... %d tests passed (%dm %02ds)\n' "$passed" $(((SECONDS - run_started) / 60)) $(((SECONDS - run_started) % 60))
      fi
    else
      printf '%s\n' "$line"
    fi
  done
}
rc=${PIPESTATUS[0]}
set -e

# One plain line summed over all test assemblies, e.g.
# "tests: 42 passed, 0 failed, 1 skipped" (none if no test ran); cleanup
# prints it in the summary, after the servers are stopped.
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
exit "$rc"
