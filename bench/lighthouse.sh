#!/usr/bin/env bash
# Lighthouse (mobile) on pages of the bundled site, served as a static host
# serves public/: the four category scores of each run, then their medians.
# Needs npm (lighthouse 12 goes into a scratch folder), Debian's chromium
# and python3 (its http.server).
#   bench/lighthouse.sh [-runs N] [-base-url] [PAGE…]   (default page: an article)
# -base-url builds with a baseURL, as a deployed site has (absolute hreflang
# links, canonical URLs); without it SEO loses the hreflang audit.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3 base=""
while [ $# -gt 0 ]; do
  case $1 in
    -runs) runs=$2; shift 2 ;;
    -base-url) base=1; shift ;;
    *) break ;;
  esac
done
pages=("${@:-zh-hans/steps/first-24-hours/}")
work=$(mktemp -d /tmp/zhkb-lighthouse-XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))
flags=()
[ -n "$base" ] && flags=(-base-url "http://127.0.0.1:$port/")
go run ./cmd/zhkb build -q -o "$work/public" "${flags[@]}" 2>/dev/null
(cd "$work" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null 2>&1)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
sleep 1
for page in "${pages[@]}"; do
  for i in $(seq "$runs"); do
    CHROME_PATH=$(command -v chromium) "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" \
      --quiet --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$work/r$i.json" >/dev/null 2>&1
  done
  python3 - "$page" "$work" "$runs" <<'PY'
import json, sys, statistics
page, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for i in range(1, runs + 1):
    r = json.load(open(f"{work}/r{i}.json"))
    rows.append([round(c["score"] * 100) for c in r["categories"].values()])
    names = [c["title"] for c in r["categories"].values()]
    print(f"{page} run {i}: " + " / ".join(map(str, rows[-1])))
print(f"{page} median ({' / '.join(names)}): " + " / ".join(str(statistics.median(col)) for col in zip(*rows)))
PY
done
