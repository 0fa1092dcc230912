#!/usr/bin/env bash
# Runs every fuzz target in the repository for a while each (default 5m;
# go test ./... runs only their seed corpora) and prints each target's
# executions and whether it found anything; a finding is saved under the
# package's testdata/fuzz as a new seed.
#   bench/fuzz.sh [-t DURATION] [-p WORKERS] [REGEXP]
set -uo pipefail
cd "$(dirname "$0")/.."
time=5m
workers=$(nproc)
while [ $# -gt 1 ]; do
  case $1 in
    -t) time=$2; shift 2 ;;
    -p) workers=$2; shift 2 ;;
    *) break ;;
  esac
done
filter=${1:-.}
status=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' | grep -E "$filter"); do
    log=$(go test -run XXX -fuzz "^$target\$" -fuzztime "$time" -parallel "$workers" "$pkg" 2>&1)
    execs=$(printf '%s\n' "$log" | grep -o 'execs: [0-9]*' | tail -1)
    if printf '%s\n' "$log" | grep -q '^ok'; then
      echo "$pkg $target: $time, ${execs:-execs: ?}, nothing found"
    else
      echo "$pkg $target: FOUND a failure"; printf '%s\n' "$log" | grep -v '^fuzz: elapsed' | tail -20
      status=1
    fi
  done
done
exit $status
