#!/usr/bin/env bash
# Measures Cart on this machine and appends the figures to bench/results/<year>-<month>.md (docs/PERFORMANCE.md
# says what they mean).
#
#   bench/run.sh                 all scenarios, 20 s each, 64 connections
#   BENCH_DURATION=10 bench/run.sh
#
# Builds Release; starts a durable PostgreSQL (fsync on) and Redis on loopback; migrates and seeds 100,000 carts;
# then drives, with wrk and Lua scripts that sign each request as one of many shoppers:
#   ceiling  a bare minimal-API JSON endpoint (bench/Baseline), this machine's ceiling, in the same run
#   1 get    GET /api/v1/cart, cache warm
#   2 mix    100 reads : 1 write, the mix of the peak the service is built for
#   3 add    POST /api/v1/cart/items only (every add a durable commit)
# and prints requests/s, p50, p99, the ratio to the ceiling and the server's peak memory (RSS) per scenario.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=../scripts/lib/servers.sh
source "$repo/scripts/lib/servers.sh"

duration="${BENCH_DURATION:-20}"
connections="${BENCH_CONNECTIONS:-64}"
shoppers="${BENCH_SHOPPERS:-20000}"
cart_port=5301
baseline_port=5302
issuer="https://id.bench.cart"
audience="cart-api"
key="bench-shopper-signing-key-0123456789-abcdefghij"

servers_ensure_packages wrk:/usr/bin/wrk
work="$(mktemp -d "${TMPDIR:-/tmp}/cart-bench.XXXXXX")"
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
dotnet publish bench/Baseline -c Release -o "$work/baseline" -v quiet -nologo >&2

SERVERS_PG_DURABLE=1 servers_start "$work"
pg_port="$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$CART_TEST_POSTGRES")"
redis_address="$CART_TEST_REDIS"
pg() { # database, psql arguments...
  local db="$1"
  shift
  psql -q -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$pg_port user=postgres password=postgres dbname=$db" "$@"
}
pg postgres -c "CREATE DATABASE cart_bench"

export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=PostgreSql
export Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=postgres;Database=cart_bench;Maximum Pool Size=64;Max Auto Prepare=32;Auto Prepare Min Usages=2"
export Redis__Configuration="$redis_address"
export Auth__Issuer="$issuer" Auth__Audience="$audience" Auth__SigningKey="$key"
export Auth__GuestSigningKey="bench-guest-signing-key-0123456789-abcdefghijkl"
export Reminders__LinkSigningKey="bench-reminder-link-signing-key-0123456789"
# The bench host's throwaway database: its console keys need no certificate, and its emails no public address.
export Reminders__PublicBaseUrl="http://127.0.0.1" DataProtection__AllowUnprotectedKeys=true
export RateLimits__Enabled=false
export Logging__LogLevel__Default=Warning

say "migrating and seeding 100,000 carts"
dotnet "$work/cart/Cart.Web.dll" migrate >/dev/null
pg cart_bench -f bench/seed.sql
python3 bench/tokens.py "$shoppers" "$issuer" "$audience" "$key" >"$work/tokens.txt"
export BENCH_TOKENS="$work/tokens.txt" BENCH_LUA="$repo/bench/lua"

wait_for() { # url
  for _ in $(seq 120); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.25
  done
  echo "error: $1 did not answer" >&2
  return 1
}

# Peak RSS of a process while a command runs, in MB.
run_measured() { # pid out-file wrk-args...
  local pid="$1" out="$2" peak=0 rss
  shift 2
  wrk "$@" >"$out" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    ((rss > peak)) && peak=$rss
    sleep 0.25
  done
  wait "$wrk_pid"
  echo $((peak / 1024))
}

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

wrk_args=(-t1 -c"$connections" -d"${duration}s" --latency)

say "ceiling: bare minimal API, $connections connections, ${duration} s"
ASPNETCORE_URLS="http://127.0.0.1:$baseline_port" dotnet "$work/baseline/Baseline.dll" >/dev/null 2>&1 &
pids+=($!)
baseline_pid=$!
wait_for "http://127.0.0.1:$baseline_port/json"
wrk -t1 -c"$connections" -d3s "http://127.0.0.1:$baseline_port/json" >/dev/null
base_rss="$(run_measured "$baseline_pid" "$work/ceiling.txt" "${wrk_args[@]}" "http://127.0.0.1:$baseline_port/json")"
read -r base_rps base_p50 base_p99 _ _ < <(parse "$work/ceiling.txt")
kill "$baseline_pid"

start_cart() { # extra environment assignments...
  env "$@" ASPNETCORE_URLS="http://127.0.0.1:$cart_port" dotnet "$work/cart/Cart.Web.dll" >>"$work/cart.log" 2>&1 &
  cart_pid=$!
  pids+=("$cart_pid")
  wait_for "http://127.0.0.1:$cart_port/api/v1/products?pageSize=1"
  say "warming the cache (every shopper's cart read once)"
  wrk -t1 -c"$connections" -d"$((duration / 2 + 5))s" -s bench/lua/get_cart.lua "$url" >/dev/null
}

scenario() { # name lua-script
  say "scenario $1: $connections connections, ${duration} s"
  local rss rps p50 p99 non2xx errors ratio
  rss="$(run_measured "$cart_pid" "$work/$2.txt" "${wrk_args[@]}" -s "bench/lua/$2.lua" "$url")"
  read -r rps p50 p99 non2xx errors < <(parse "$work/$2.txt")
  ratio="$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.0f %%", 100 * a / b }')"
  results+=("| $1 | $rps | $p50 | $p99 | $ratio | $rss | $non2xx | $errors |")
}

url="http://127.0.0.1:$cart_port"
results=()
say "starting Cart (Release, PostgreSQL + Redis; carts read from Redis)"
start_cart
scenario "1 get" get_cart
scenario "2 mix" mix
scenario "3 add" add_item
kill "$cart_pid" && wait "$cart_pid" 2>/dev/null || true

say "restarting Cart with carts also in process memory (Cache:CartsInProcessMemory, backplane evictions)"
start_cart Cache__CartsInProcessMemory=true
scenario "1 get, carts in memory" get_cart
scenario "2 mix, carts in memory" mix

machine="$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
run_time="$(date -u +'%Y-%m-%d %H:%M')"
table="$(
  printf '### %s UTC — %s — commit %s\n\n' "$run_time" "$machine" "$commit"
  printf 'wrk -t1 -c%s -d%ss; %s shoppers; 100,000 carts seeded; PostgreSQL fsync on; Redis on loopback.\n\n' \
    "$connections" "$duration" "$shoppers"
  printf '| scenario | requests/s | p50 ms | p99 ms | of ceiling | peak RSS MB | non-2xx | socket errors |\n'
  printf '|---|---|---|---|---|---|---|---|\n'
  printf '| ceiling (bare minimal API) | %s | %s | %s | 100 %% | %s | 0 | 0 |\n' "$base_rps" "$base_p50" "$base_p99" "$base_rss"
  printf '%s\n' "${results[@]}"
)"
printf '\n%s\n' "$table"
results_file="bench/results/${run_time:0:7}.md"
mkdir -p bench/results
if [[ ! -f "$results_file" ]]; then
  printf '# Benchmark runs, %s\n\n%s\n%s\n' "${run_time:0:7}" \
    'Each run of `bench/run.sh` appends its table here, newest last. What the scenarios and columns mean:' \
    '[README.md](README.md); where the targets stand: [docs/PERFORMANCE.md](../../docs/PERFORMANCE.md).' >"$results_file"
fi
printf '\n%s\n' "$table" >>"$results_file"
say "appended to $results_file"
