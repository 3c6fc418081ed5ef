#!/usr/bin/env bash
# Figure 2, publish to feed: 1,000 stories at 50/s through POST /api/v1/articles, the time from each 202 to
# the story's first presence in /rss.xml (p50, p99), beside Kafka's own produce-to-consume latency.
# Starts its own Kafka, PostgreSQL and services on 127.0.0.1 (free ports, temporary data), stops them all
# at the end or on failure, and prints its FIGURE line last. Raw numbers: bench/results/publish-to-feed.jsonl.
#
# Usage: bench/run-publish-to-feed.sh [--quick]
# Extra Maven flags (e.g. -o to build offline) go in MAVEN_ARGS.
source "$(dirname "$0")/lib.sh"

run_bench 20m -Xmx1g io.newswire.bench.PublishToFeedBench --root "$PWD" "$@"
