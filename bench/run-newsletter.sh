#!/usr/bin/env bash
# Figure 4, newsletter throughput: one story to 100,000 confirmed subscribers through notify-service
# into Postfix's smtp-sink, beside smtp-source sending the same message to the same sink.
# Usage: bench/run-newsletter.sh [--quick]    (--quick: 10,000 subscribers)
# Env: BENCH_JFR=1 records a JFR profile of notify to bench/target/newsletter.jfr; BENCH_KEEP=1 keeps the work dir.
# Prints the figure last; appends the raw numbers to bench/results/newsletter.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

missing=()
command -v smtp-sink >/dev/null || [ -x /usr/sbin/smtp-sink ] || missing+=(postfix)
if [ ${#missing[@]} -gt 0 ]; then
  # Only the test programs are used; the postfix daemon itself is never started by this script.
  echo "Installing ${missing[*]} (smtp-sink, smtp-source)..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
fi
export PATH="$PATH:/usr/sbin"

./mvnw -q -B -Pbench -pl bench -am package -Dmaven.test.skip=true

pid=""
cleanup() { if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; fi; }
trap cleanup EXIT INT TERM
# The benchmark JVM starts and stops everything else itself (broker, database, sinks, notify);
# killing it (the trap) runs its shutdown. Bounded: 30 minutes at most.
timeout --signal=TERM 1800 java -Xmx512m -Dnewswire.root="$root" \
  -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" \
  io.newswire.bench.NewsletterBench "$@" &
pid=$!
wait "$pid"
