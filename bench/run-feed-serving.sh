#!/usr/bin/env bash
# Figure 1, feed serving: wrk on feed-service's /rss.xml (50 items), 200 and 304, against nginx serving
# the same bytes and headers. Usage: bench/run-feed-serving.sh [--quick] [--jfr]
# (--quick: 5 s runs instead of 20 s; --jfr: a flight recording of feed-service, in the printed log directory)
# Extra Maven flags (e.g. -o for offline) go in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Packaging only (no tests run): the bench module, feed-service and their runtime classpaths.
./mvnw -q -B -Pbench -pl bench -am package -Dmaven.test.skip=true

java -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" \
  io.newswire.bench.FeedServingBench --root "$PWD" "$@" &
bench=$!
# The benchmark stops what it started (broker, feed-service, nginx) itself, also on Ctrl-C (its shutdown hook).
trap 'kill "$bench" 2>/dev/null || true; wait "$bench" 2>/dev/null || true' INT TERM EXIT
wait "$bench"
