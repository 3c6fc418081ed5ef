#!/usr/bin/env bash
# Figure 6, social dispatch: 1,000 stories to 10 webhook accounts (rate limits off) through notify-service
# onto a local stand-in, beside the stand-in's own ceiling measured with wrk.
# Usage: bench/run-social.sh [--quick]    (--quick: 200 stories)
# Env: BENCH_JFR=1 records a JFR profile of notify to bench/target/social.jfr; BENCH_KEEP=1 keeps the work dir.
# Prints the figure last; appends the raw numbers to bench/results/social.jsonl.
# Extra Maven flags (e.g. -o to build offline) go in MAVEN_ARGS.
source "$(dirname "$0")/lib.sh"

need wrk=wrk nginx=nginx
run_bench 15m -Xmx512m io.newswire.bench.SocialBench "$@"
