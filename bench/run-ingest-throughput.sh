#!/usr/bin/env bash
# Figure 3, ingest throughput: 5 KB stories from 32 concurrent clients through POST /api/v1/articles
# (stories/s answered 202), beside the raw producer ceiling (Kafka's producer performance loop, same broker,
# same record size, acks=all) in the same run.
# Starts its own Kafka, PostgreSQL and services on 127.0.0.1 (free ports, temporary data), stops them all
# at the end or on failure, and prints its FIGURE line last. Raw numbers: bench/results/ingest-throughput.jsonl.
#
# Usage: bench/run-ingest-throughput.sh [--quick] [--profile]
#   MAVEN_ARGS=-o bench/run-ingest-throughput.sh   builds offline (Maven reads MAVEN_ARGS itself)
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
timeout --signal=TERM --kill-after=60s 20m java -Xmx1g -cp "$classpath" io.newswire.bench.IngestThroughputBench --root "$PWD" "$@" &
pid=$!
wait "$pid"
