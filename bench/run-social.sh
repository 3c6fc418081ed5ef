#!/usr/bin/env bash
# Figure 6, social dispatch: 1,000 stories to 10 webhook accounts (rate limits off) through notify-service
# onto a local stand-in, beside the stand-in's own ceiling measured with wrk.
# Usage: bench/run-social.sh [--quick]    (--quick: 200 stories)
# Env: BENCH_JFR=1 records a JFR profile of notify to bench/target/social.jfr; BENCH_KEEP=1 keeps the work dir.
# Prints the figure last; appends the raw numbers to bench/results/social.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v wrk >/dev/null; then
  echo "Installing wrk..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends wrk
fi
export PATH="$PATH:/usr/sbin"

./mvnw -q -B -Pbench -pl bench -am package -Dmaven.test.skip=true

pid=""
cleanup() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi; }
trap cleanup EXIT INT TERM
# The benchmark JVM starts and stops everything else itself (broker, database, stand-in, notify);
# killing it (the trap) runs its shutdown. Bounded: 15 minutes at most.
timeout --signal=TERM 900 java -Xmx512m -Dnewswire.root="$root" \
  -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" \
  io.newswire.bench.SocialBench "$@" &
pid=$!
wait "$pid"
