#!/usr/bin/env bash
# Figure 1, feed serving: wrk on feed-service's /rss.xml (50 items), 200 and 304, against nginx serving
# the same bytes and headers. Usage: bench/run-feed-serving.sh [--quick] [--jfr]
# (--quick: 5 s runs instead of 20 s; --jfr: a flight recording of feed-service, in the printed log directory)
# Extra Maven flags (e.g. -o to build offline) go in MAVEN_ARGS.
source "$(dirname "$0")/lib.sh"

need nginx=nginx wrk=wrk
run_bench 20m io.newswire.bench.FeedServingBench --root "$PWD" "$@"
