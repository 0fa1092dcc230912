#!/usr/bin/env bash
# Search on a phone network (bench/phone): zhkb and Pagefind 1.6 (from npm,
# for this benchmark only) on the bundled site (both variants) and on the
# 5,000-statute library (bench/genlaw), the library also from a host that
# ignores Range. Needs chromium and npm; about 30 minutes.
#   bench/phone.sh [-runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
echo "work dir: $work"
if [ ! -x "$work/pf/node_modules/.bin/pagefind" ]; then
  mkdir -p "$work/pf"
  (cd "$work/pf" && npm install --silent --no-audit --no-fund pagefind@1.6.0 >/dev/null)
fi
pagefind=$work/pf/node_modules/.bin/pagefind
rm -rf "$work/site"
go run ./cmd/zhkb build -q -o "$work/site"
for dir in zh-hans zh-hant; do "$pagefind" --site "$work/site/$dir" >/dev/null; done
[ -d "$work/laws" ] || go run ./bench/genlaw -n 5000 -from . -o "$work/laws"
rm -rf "$work/laws-out"
go run ./cmd/zhkb build -q -s "$work/laws" -o "$work/laws-out"
"$pagefind" --site "$work/laws-out/zh-hans" >/dev/null
go run ./bench/phone -site "$work/site" -variant zh-hans -n 20 "$@" bench/questions/questions.toml
go run ./bench/phone -site "$work/site" -variant zh-hant -n 20 "$@" bench/questions/questions.toml
go run ./bench/phone -site "$work/laws-out" -n 20 "$@"
go run ./bench/phone -site "$work/laws-out" -n 20 -no-range "$@"
