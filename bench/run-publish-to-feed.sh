#!/usr/bin/env bash
# Figure 2, publish to feed: 1,000 stories at 50/s through POST /api/v1/articles, the time from each 202 to
# the story's first presence in /rss.xml (p50, p99), beside Kafka's own produce-to-consume latency.
# Starts its own Kafka, PostgreSQL and services on 127.0.0.1 (free ports, temporary data), stops them all
# at the end or on failure, and prints its FIGURE line last. Raw numbers: bench/results/publish-to-feed.jsonl.
#
# Usage: bench/run-publish-to-feed.sh [--quick]
#   MAVEN_ARGS=-o bench/run-publish-to-feed.sh   builds offline (Maven reads MAVEN_ARGS itself)
set -euo pipefail
cd "$(dirname "$0")/.."

# Only a JDK is needed: the broker, the database and the services are Java or ship their own binaries.
if ! command -v java >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jdk-headless
fi

# Packaging only, no tests: benchmarks are not tests.
./mvnw -q -B -Pbench -pl bench -am package -Dmaven.test.skip=true

classpath="bench/target/classes:$(cat bench/target/runtime-classpath.txt)"
pid=""
stop() {
  # The benchmark's shutdown hook stops the services, the broker and the database.
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}
trap stop EXIT INT TERM

# Bounded in time: timeout stops the run (gracefully, through the same hook) if anything hangs.
timeout --signal=TERM --kill-after=60s 20m java -Xmx1g -cp "$classpath" io.newswire.bench.PublishToFeedBench --root "$PWD" "$@" &
pid=$!
wait "$pid"
