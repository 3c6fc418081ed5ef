# Shared by the bench/run-*.sh commands (sourced, not run): installs what a figure needs from Debian,
# packages the bench module and runs one benchmark JVM, bounded in time, stopped with the script.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Postfix's smtp-sink and smtp-source live in /usr/sbin, which a non-root PATH may lack.
export PATH="$PATH:/usr/sbin"

# need COMMAND=PACKAGE ...: installs from Debian the package of each command that is missing.
need() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
  ((${#missing[@]})) || return 0
  echo "Installing ${missing[*]} from Debian"
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# run_bench LIMIT JVM_OPTION... MAIN_CLASS ARG...: packages the bench module (no tests: benchmarks are
# not tests) and runs the benchmark JVM with its classpath, bounded by `timeout LIMIT`. The JVM stops
# everything it started itself (its shutdown hook), also when this script is interrupted or times out.
run_bench() {
  local limit=$1
  shift
  need java=openjdk-17-jdk-headless
  # Maven reads extra flags (e.g. -o to build offline) from MAVEN_ARGS itself.
  ./mvnw -q -B -Pbench -pl bench -am package -Dmaven.test.skip=true
  timeout --signal=TERM --kill-after=60s "$limit" java -Dnewswire.root="$PWD" \
    -cp "bench/target/classes:$(cat bench/target/runtime-classpath.txt)" "$@" &
  bench_pid=$!
  trap 'kill -TERM "$bench_pid" 2>/dev/null || true; wait "$bench_pid" 2>/dev/null || true' INT TERM EXIT
  wait "$bench_pid"
}
