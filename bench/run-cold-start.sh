#!/usr/bin/env bash
# Figure 5, cold start: feed-service from process start to serving correct feeds with 100,000 stories
# on the topic, beside the same JVM on an empty topic. Usage: bench/run-cold-start.sh [--stories N] [--jfr]
# Extra Maven flags (e.g. -o to build offline) go in MAVEN_ARGS.
source "$(dirname "$0")/lib.sh"

run_bench 20m io.newswire.bench.ColdStartBench --root "$PWD" "$@"
