#!/usr/bin/env bash
# Measures the admin console's data on a large database, and appends the figures to bench/results/<year>-<month>.md
# (docs/PERFORMANCE.md, "Admin console", says what they mean).
#
#   bench/console.sh                  200 timed runs of each operation
#   BENCH_RUNS=50 bench/console.sh
#
# Builds Release; starts a durable PostgreSQL (fsync on) and Redis on loopback; migrates and seeds 1,000,000 carts with
# SQL (bench/console-seed.sql: guests and signed-in shoppers with emails, lines, orders, timelines, live holds); then
# bench/ConsoleQueries, on the real host configured as in production, rolls up the 30 seeded days with the real
# roll-up code and times the dashboard's report for each period and a cart look-up by each key (target: under
# 200 ms each).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=../scripts/lib/servers.sh
source "$repo/scripts/lib/servers.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/cart-console-bench.XXXXXX")"
cleanup() {
  local rc=$?
  servers_stop "$work" || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

say() { printf '==> %s\n' "$*" >&2; }

say "building Release"
dotnet publish Cart.Web -c Release -o "$work/cart" -v quiet -nologo >&2
# Built in place: the host finds Cart.Web's content root from the repository's solution file above it.
dotnet build bench/ConsoleQueries -c Release -v quiet -nologo >&2

SERVERS_PG_DURABLE=1 servers_start "$work"
pg_port="$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$CART_TEST_POSTGRES")"
pg() { # psql arguments...
  psql -q -X -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$pg_port user=postgres password=postgres dbname=cart_bench" "$@"
}
scalar() { pg -At -c "$1"; }
psql -q -X "host=127.0.0.1 port=$pg_port user=postgres password=postgres dbname=postgres" -c "CREATE DATABASE cart_bench"

export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=PostgreSql
export Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Database=cart_bench;Maximum Pool Size=64"
export Redis__Configuration="$CART_TEST_REDIS"
export Auth__Issuer="https://id.bench.cart" Auth__Audience="cart-api"
export Auth__SigningKey="bench-shopper-signing-key-0123456789-abcdefghij"
export Auth__GuestSigningKey="bench-guest-signing-key-0123456789-abcdefghijkl"
export Reminders__LinkSigningKey="bench-reminder-link-signing-key-0123456789"
# The bench host's throwaway database: its console keys need no certificate, and its emails no public address.
export Reminders__PublicBaseUrl="http://127.0.0.1" DataProtection__AllowUnprotectedKeys=true
export Logging__LogLevel__Default=Warning
# No job runs during the bench (each is scheduled for 1 January): the roll-up it times is run by the bench itself.
# (A job id has a hyphen, which no shell variable name may: `env` passes them.)
no_jobs=()
for job in cart-cleanup hold-expiry idempotency-purge metric-rollups reminders; do
  no_jobs+=("Jobs__Schedules__$job=0 0 1 1 *")
done

say "migrating and seeding 1,000,000 carts"
dotnet "$work/cart/Cart.Web.dll" migrate >/dev/null
seed_start=$(date +%s.%N)
pg -f bench/console-seed.sql
seed_seconds="$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')"
carts="$(scalar "SELECT count(*) FROM carts")"
events="$(scalar "SELECT count(*) FROM cart_events")"
orders="$(scalar "SELECT count(*) FROM orders")"
holds="$(scalar "SELECT count(*) FROM stock_holds")"
say "seeded $carts carts, $events timeline entries, $orders orders, $holds holds in ${seed_seconds} s"

say "timing the console's queries"
env "${no_jobs[@]}" dotnet bench/ConsoleQueries/bin/Release/net10.0/ConsoleQueries.dll | tee "$work/queries.txt"

machine="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
run_time="$(date -u +'%Y-%m-%d %H:%M')"
table="$(
  printf '### %s UTC — admin console — %s — commit %s\n\n' "$run_time" "$machine" "$commit"
  printf '%s carts seeded (%s timeline entries, %s orders, %s holds) by SQL in %s s; PostgreSQL fsync on; one host in the bench process.\n\n' \
    "$carts" "$events" "$orders" "$holds" "$seed_seconds"
  grep '^rollup:' "$work/queries.txt"
  grep '^memory:' "$work/queries.txt" || true
  printf '\n| operation | runs | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n'
  # Only the bench's own rows: the host's warnings (JSON log lines) go to the same output.
  grep -E '^(dashboard|look-up|cart detail) ' "$work/queries.txt" |
    awk '{ n = NF; name = $1; for (i = 2; i <= n - 5; i++) name = name " " $i;
           printf "| %s | %s | %s | %s | %s | %s |\n", name, $(n-4), $(n-3), $(n-2), $(n-1), $n }'
)"
printf '\n%s\n' "$table"
results_file="bench/results/${run_time:0:7}.md"
printf '\n%s\n' "$table" >>"$results_file"
say "appended to $results_file"
