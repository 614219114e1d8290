#!/usr/bin/env bash
# Measures the cleanup of inactive carts (the cart-cleanup job) against a read load, and appends the figures to
# bench/results/<year>-<month>.md (docs/PERFORMANCE.md says what they mean).
#
#   bench/cleanup.sh                  30 s of reads before, and during, the cleanup; 64 connections
#   BENCH_DURATION=20 bench/cleanup.sh
#
# Builds Release; starts a durable PostgreSQL (fsync on) and Redis on loopback; migrates and seeds 1,000,000 carts
# with SQL (bench/cleanup-seed.sql: 850,000 of them inactive for over 30 days, with lines and some holds); starts one
# instance whose cart-cleanup job is scheduled a few minutes ahead (hold-expiry off, so the cleanup gives back the
# lapsed holds' units itself); then, in the same run:
#   baseline  GET /api/v1/cart for BENCH_DURATION seconds, before the cleanup starts
#   cleanup   the same load while the job deletes, then the job left to finish
# and prints carts deleted per second (over the whole pass, and while the reads ran), the reads' requests/s, p50 and
# p99 beside the baseline's, and checks that every stock row's reserved units equal its active holds afterwards.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=../scripts/lib/servers.sh
source "$repo/scripts/lib/servers.sh"

duration="${BENCH_DURATION:-30}"
connections="${BENCH_CONNECTIONS:-64}"
shoppers=20000
inactive=850000
cart_port=5303
issuer="https://id.bench.cart"
audience="cart-api"
key="bench-shopper-signing-key-0123456789-abcdefghij"

servers_ensure_packages wrk:/usr/bin/wrk
work="$(mktemp -d "${TMPDIR:-/tmp}/cart-cleanup-bench.XXXXXX")"
pids=()
cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  servers_stop "$work" || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

say() { printf '==> %s\n' "$*" >&2; }

say "building Release"
dotnet publish Cart.Web -c Release -o "$work/cart" -v quiet -nologo >&2

SERVERS_PG_DURABLE=1 servers_start "$work"
pg_port="$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$CART_TEST_POSTGRES")"
pg() { # psql arguments...
  psql -q -X -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$pg_port user=postgres password=postgres dbname=cart_bench" "$@"
}
scalar() { pg -At -c "$1"; }
psql -q -X "host=127.0.0.1 port=$pg_port user=postgres password=postgres dbname=postgres" -c "CREATE DATABASE cart_bench"

export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=PostgreSql
export Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Database=cart_bench;Maximum Pool Size=64;Max Auto Prepare=32;Auto Prepare Min Usages=2"
export Redis__Configuration="$CART_TEST_REDIS"
export Auth__Issuer="$issuer" Auth__Audience="$audience" Auth__SigningKey="$key"
export Auth__GuestSigningKey="bench-guest-signing-key-0123456789-abcdefghijkl"
export Reminders__LinkSigningKey="bench-reminder-link-signing-key-0123456789"
# The bench host's throwaway database: its console keys need no certificate, and its emails no public address.
export Reminders__PublicBaseUrl="http://127.0.0.1" DataProtection__AllowUnprotectedKeys=true
export RateLimits__Enabled=false
export Logging__LogLevel__Default=Warning

say "migrating and seeding 1,000,000 carts"
dotnet "$work/cart/Cart.Web.dll" migrate >/dev/null
seed_start=$(date +%s.%N)
pg -f bench/cleanup-seed.sql
seed_seconds="$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')"
carts="$(scalar "SELECT count(*) FROM carts")"
lines="$(scalar "SELECT count(*) FROM cart_items")"
holds="$(scalar "SELECT count(*) FROM stock_holds")"
say "seeded $carts carts, $lines lines, $holds holds in ${seed_seconds} s"
python3 bench/tokens.py "$shoppers" "$issuer" "$audience" "$key" >"$work/tokens.txt"
export BENCH_TOKENS="$work/tokens.txt" BENCH_LUA="$repo/bench/lua"

# The job runs once, at a minute far enough ahead for the warm-up and the baseline.
at="$(date -u -d '+150 seconds' +'%M %H')"
cron="${at% *} ${at#* } * * *"
say "starting Cart; cart-cleanup scheduled at '$cron' (UTC)"
env "Jobs__Schedules__cart-cleanup=$cron" "Jobs__Schedules__hold-expiry=0 0 1 1 *" \
  ASPNETCORE_URLS="http://127.0.0.1:$cart_port" dotnet "$work/cart/Cart.Web.dll" >>"$work/cart.log" 2>&1 &
cart_pid=$!
pids+=("$cart_pid")
url="http://127.0.0.1:$cart_port"
for _ in $(seq 120); do curl -fs -o /dev/null "$url/api/v1/products?pageSize=1" && break; sleep 0.25; done

# "rps p50_ms p99_ms non2xx errors" from wrk --latency output.
parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { non = $NF }
    /Socket errors/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, non, err }' "$1"
}
deleted() { scalar "SELECT coalesce(max(id), 0) FROM cart_events"; } # the seed writes no events; ids are exact here
wrk_args=(-t1 -c"$connections" -d"${duration}s" --latency -s bench/lua/get_cart.lua "$url")

say "warming the cache (every shopper's cart read once)"
wrk -t1 -c"$connections" -d15s -s bench/lua/get_cart.lua "$url" >/dev/null
[[ "$(deleted)" == 0 ]] || { echo "error: the cleanup started before the baseline" >&2; exit 1; }
say "baseline: GET cart, $connections connections, ${duration} s, no cleanup"
wrk "${wrk_args[@]}" >"$work/baseline.txt"
read -r base_rps base_p50 base_p99 base_non base_err < <(parse "$work/baseline.txt")
[[ "$(deleted)" == 0 ]] || { echo "error: the cleanup started during the baseline" >&2; exit 1; }

say "waiting for the cleanup to start"
for _ in $(seq 600); do [[ "$(deleted)" != 0 ]] && break; sleep 0.5; done
start=$(date +%s.%N)
say "cleanup running: GET cart, $connections connections, ${duration} s"
at_start="$(deleted)"
wrk "${wrk_args[@]}" >"$work/during.txt"
during_seconds="$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"
at_end="$(deleted)"
read -r rps p50 p99 non err < <(parse "$work/during.txt")

say "waiting for the cleanup to finish"
# Done when every inactive cart is gone, or when nothing moved for a minute (a batch can take seconds on a busy
# machine; the pass then counts until its last progress).
last=-1
finished="$(date +%s.%N)"
while :; do
  now_deleted="$(deleted)"
  [[ "$now_deleted" -ge "$inactive" ]] && { finished="$(date +%s.%N)"; break; }
  if [[ "$now_deleted" != "$last" ]]; then
    last="$now_deleted"
    finished="$(date +%s.%N)"
  elif awk -v a="$finished" -v b="$(date +%s.%N)" 'BEGIN { exit !(b - a > 60) }'; then
    break
  fi
  sleep 1
done
total="$(deleted)"
pass_seconds="$(awk -v a="$start" -v b="$finished" 'BEGIN { printf "%.0f", b - a }')"
pass_rate="$(awk -v n="$total" -v s="$pass_seconds" 'BEGIN { printf "%.0f", n / s }')"
during_rate="$(awk -v n="$((at_end - at_start))" -v s="$during_seconds" 'BEGIN { printf "%.0f", n / s }')"
left="$(scalar "SELECT count(*) FROM carts WHERE last_active_at < now() - interval '30 days'")"
off="$(scalar "SELECT count(*) FROM stock s WHERE s.reserved <> (SELECT coalesce(sum(h.quantity), 0) FROM stock_holds h WHERE h.sku = s.sku AND h.status = 'active')")"
per_day="$(awk -v r="$pass_rate" 'BEGIN { printf "%.0f", r * 86400 / 1000000 }')"

machine="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
run_time="$(date -u +'%Y-%m-%d %H:%M')"
table="$(
  printf '### %s UTC — cleanup — %s — commit %s\n\n' "$run_time" "$machine" "$commit"
  printf '%s carts seeded (%s lines, %s holds) by SQL in %s s; %s inactive; wrk -t1 -c%s -d%ss GET cart, %s shoppers; PostgreSQL fsync on; Redis on loopback; Carts:CleanupBatchSize default.\n\n' \
    "$carts" "$lines" "$holds" "$seed_seconds" "$inactive" "$connections" "$duration" "$shoppers"
  printf '| GET cart | requests/s | p50 ms | p99 ms | non-2xx | socket errors |\n|---|---|---|---|---|---|\n'
  printf '| without cleanup (baseline) | %s | %s | %s | %s | %s |\n' "$base_rps" "$base_p50" "$base_p99" "$base_non" "$base_err"
  printf '| during cleanup | %s | %s | %s | %s | %s |\n\n' "$rps" "$p50" "$p99" "$non" "$err"
  printf '| cleanup | carts deleted | seconds | carts/s |\n|---|---|---|---|\n'
  printf '| while the reads ran | %s | %.0f | %s |\n' "$((at_end - at_start))" "$during_seconds" "$during_rate"
  printf '| the whole pass | %s | %s | %s (≈ %s million a day) |\n\n' "$total" "$pass_seconds" "$pass_rate" "$per_day"
  printf 'Inactive carts left: %s; stock rows whose reserved units differ from their active holds: %s.\n' "$left" "$off"
)"
printf '\n%s\n' "$table"
results_file="bench/results/${run_time:0:7}.md"
printf '\n%s\n' "$table" >>"$results_file"
say "appended to $results_file"
