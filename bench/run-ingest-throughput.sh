#!/usr/bin/env bash
# Figure 3, ingest throughput: 5 KB stories from 32 concurrent clients through POST /api/v1/articles
# (stories/s answered 202), beside the raw producer ceiling (Kafka's producer performance loop, same broker,
# same record size, acks=all) in the same run.
# Starts its own Kafka, PostgreSQL and services on 127.0.0.1 (free ports, temporary data), stops them all
# at the end or on failure, and prints its FIGURE line last. Raw numbers: bench/results/ingest-throughput.jsonl.
#
# Usage: bench/run-ingest-throughput.sh [--quick] [--profile] [--async-profiler LIB [--async-event cpu|wall]]
# The load is wrk (installed from Debian if missing) with bench/src/main/resources/ingest-post.lua.
# Extra Maven flags (e.g. -o to build offline) go in MAVEN_ARGS.
source "$(dirname "$0")/lib.sh"

need wrk=wrk
run_bench 20m -Xmx1g io.newswire.bench.IngestThroughputBench --root "$PWD" "$@"
