#!/usr/bin/env bash
# Measures zhkb build time and peak memory for the bundled site and for
# generated sites of the given sizes (default: 1000 articles).
#   bench/build.sh [N…]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/zhkb" ./cmd/zhkb
go build -o "$work/gensite" ./bench/gensite

measure() { # name, site root
  local name=$1 root=$2
  "$work/zhkb" build -q -s "$root" -o "$work/out" # warm the file cache
  for run in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$work/zhkb" build -s "$root" -o "$work/out" >"$work/summary"
    read -r secs kb <"$work/time"
    printf '%-22s run %d: %6.2fs wall, peak RSS %4d MB  (%s)\n' "$name" "$run" "$secs" $((kb / 1024)) "$(cat "$work/summary")"
  done
}

measure "bundled site" .
for n in "${@:-1000}"; do
  "$work/gensite" -n "$n" -from . -o "$work/site-$n"
  measure "$n generated articles" "$work/site-$n"
done
