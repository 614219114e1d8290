#!/usr/bin/env bash
# Production lines of code per module (Carts, Catalog, Inventory, ...) over the three projects, and for the shared
# code (Platform, Common, Persistence, Caching, Scheduling, ...). Generated migrations are left out.
# Usage: scripts/code-sizes.sh [git revision]   (default: the work tree)
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-}"
list() {
  if [ -n "$rev" ]; then git ls-tree -r --name-only "$rev" -- Cart.Domain Cart.Infrastructure Cart.Web;
  else git ls-files -- Cart.Domain Cart.Infrastructure Cart.Web; fi
}
show() { if [ -n "$rev" ]; then git show "$rev:$1"; else cat "$1"; fi; }
list | grep -E '\.(cs|razor)$' | grep -v '/Migrations/' | while read -r file; do
  project="${file%%/*}"
  rest="${file#*/}"
  case "$rest" in */*) folder="${rest%%/*}" ;; *) folder="(root)" ;; esac
  case "$folder" in
    Carts|Catalog|Inventory|Checkout|Reminders|Reporting|Admin|Idempotency) kind=module ;;
    *) kind=shared ;;
  esac
  printf '%s\t%s\t%s\t%s\n' "$kind" "$folder" "$project" "$(show "$file" | grep -cv '^\s*$')"
done | sort | awk -F'\t' '
  { key = $1 "\t" $2; if (!(key in lines)) order[++n] = key; lines[key] += $4; by[key "\t" $3] += $4; total += $4 }
  END {
    printf "%-8s %-16s %8s %8s %8s %8s\n", "kind", "folder", "Domain", "Infra", "Web", "lines"
    for (i = 1; i <= n; i++) {
      split(order[i], k, "\t")
      printf "%-8s %-16s %8d %8d %8d %8d\n", k[1], k[2], by[order[i] "\tCart.Domain"], \
        by[order[i] "\tCart.Infrastructure"], by[order[i] "\tCart.Web"], lines[order[i]]
    }
    printf "%-25s %35d\n", "total (non-blank lines)", total
  }'
