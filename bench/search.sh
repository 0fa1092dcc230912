#!/usr/bin/env bash
# Builds synthetic sites of the given sizes (default 1000 and 10000
# articles) with zhkb, indexes the same pages with Pagefind (from npm, for
# this benchmark only), and compares the two with bench/searchbench.
#   bench/search.sh [N…]
# Needs chromium and npm. Prints build time and peak memory of both
# indexers, index size and file count, then searchbench's report.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
echo "work dir: $work"
go build -o "$work/zhkb" ./cmd/zhkb
go build -o "$work/gensite" ./bench/gensite
go build -o "$work/searchbench" ./bench/searchbench
if [ ! -x "$work/pf/node_modules/.bin/pagefind" ]; then
  mkdir -p "$work/pf"
  (cd "$work/pf" && npm install --silent --no-audit --no-fund pagefind@1.6.0 >/dev/null)
fi

size() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f MB", s/1048576}'; }
count() { find "$1" -type f | wc -l; }

for n in "${@:-1000 10000}"; do
  site="$work/site-$n" out="$work/out-$n"
  [ -d "$site" ] || "$work/gensite" -n "$n" -from . -o "$site"
  rm -rf "$out"
  /usr/bin/time -f "%e %M" -o "$work/t" "$work/zhkb" build -q -s "$site" -o "$out"
  read -r zs zk <"$work/t"
  html=$(find "$out/zh-hans" -name '*.html' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f MB", s/1048576}')
  zsize=$(size "$out/zh-hans/search") zfiles=$(count "$out/zh-hans/search")
  /usr/bin/time -f "%e %M" -o "$work/t" "$work/pf/node_modules/.bin/pagefind" --site "$out/zh-hans" >/dev/null
  read -r ps pk <"$work/t"
  psize=$(size "$out/zh-hans/pagefind") pfiles=$(count "$out/zh-hans/pagefind")
  echo
  echo "== $n articles (zh-hans HTML: $html)"
  echo "zhkb whole build (2 variants: pages + 2 indexes): ${zs}s, peak $((zk / 1024)) MB; index $zsize in $zfiles files"
  echo "pagefind (1 variant, index only):             ${ps}s, peak $((pk / 1024)) MB; index $psize in $pfiles files"
  "$work/searchbench" -site "$out"
done
