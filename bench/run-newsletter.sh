#!/usr/bin/env bash
# Figure 4, newsletter throughput: one story to 100,000 confirmed subscribers through notify-service
# into Postfix's smtp-sink, beside smtp-source sending the same message to the same sink.
# Usage: bench/run-newsletter.sh [--quick]    (--quick: 10,000 subscribers)
# Env: BENCH_JFR=1 records a JFR profile of notify to bench/target/newsletter.jfr; BENCH_KEEP=1 keeps the work dir.
# Prints the figure last; appends the raw numbers to bench/results/newsletter.jsonl.
# Extra Maven flags (e.g. -o to build offline) go in MAVEN_ARGS.
source "$(dirname "$0")/lib.sh"

# Only the test programs are used; the postfix daemon itself is never started.
need smtp-sink=postfix smtp-source=postfix
run_bench 30m -Xmx512m io.newswire.bench.NewsletterBench "$@"
