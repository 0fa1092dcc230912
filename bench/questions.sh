#!/usr/bin/env bash
# Readers' questions through the real search box (headless Chromium, from
# file://, both variants) side by side with Pagefind on the same pages.
#   bench/questions.sh [question sets…]   (default: bench/questions/*.toml)
# Needs chromium and npm (Pagefind comes from npm, for this benchmark only).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
echo "work dir: $work"
go run ./cmd/zhkb build -q -o "$work/public"
if [ ! -x "$work/pf/node_modules/.bin/pagefind" ]; then
  mkdir -p "$work/pf"
  (cd "$work/pf" && npm install --silent --no-audit --no-fund pagefind@1.6.0 >/dev/null)
fi
for dir in zh-hans zh-hant; do
  "$work/pf/node_modules/.bin/pagefind" --site "$work/public/$dir" >/dev/null
done
go run ./bench/questions -site "$work/public" -pagefind "$@"
