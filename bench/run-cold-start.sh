#!/usr/bin/env bash
# Figure 5, cold start: feed-service from process start to serving correct feeds with 100,000 stories
# on the topic, beside the same JVM on an empty topic. Usage: bench/run-cold-start.sh [--stories N] [--jfr]
# Extra Maven flags (e.g. -o for offline) go in MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

# Packaging only (no tests run): the bench module, feed-service and their runtime classpaths.
./mvnw -q -B -Pbench -pl bench -am package -Dmaven.test.skip=true

java -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" \
  io.newswire.bench.ColdStartBench --root "$PWD" "$@" &
bench=$!
# The benchmark stops what it started (broker, feed-service) itself, also on Ctrl-C (its shutdown hook).
trap 'kill "$bench" 2>/dev/null || true; wait "$bench" 2>/dev/null || true' INT TERM EXIT
wait "$bench"
