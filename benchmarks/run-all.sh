#!/bin/sh
# Reruns every table of docs/BENCHMARKS.md in one run, from the repository root:
#
#   benchmarks/run-all.sh                 # ~10 min on a quiet 2-core machine; writes benchmarks/target/results-*.md
#
# Environment (optional): LOAD_ARGS (the load driver's options; default below), LAUNCHES (cold-start launches per
# client, default 10), JMH=1 (also the JMH throughput benchmark, ~15 min). Installs nothing: dbexec's runtime closure
# for the cold-start and closure tables is composed from this build's own jars (a probe resolved from ~/.m2 could
# pick up a stale dbexec-core), OkHttp's and the SDK's are resolved by their probe projects.
set -eu
cd "$(dirname "$0")/.."
mkdir -p benchmarks/target
OUT=benchmarks/target/results-$(date -u +%Y%m%dT%H%M%SZ).md
LOAD_ARGS=${LOAD_ARGS:-"--warmup-rounds 1 --rounds 4 --sequential 5000 --concurrent 10000 --burst 200"}
LAUNCHES=${LAUNCHES:-10}

./mvnw -q -o -pl benchmarks -am package -DskipTests
for c in okhttp sdk; do
  ./mvnw -q -o -f benchmarks/closure/$c/pom.xml generate-resources
done
mkdir -p benchmarks/closure/dbexec/target
tr ':' '\n' < benchmarks/target/classpath.txt \
  | grep -E '/dbexec-(core|events|auth)-|/retrofit-|/converter-moshi-|/moshi-[0-9]|/okio-jvm-|/resilience4j-(retry|core)-|/okhttp-(jvm-)?[0-9]|/kotlin-stdlib|/annotations-13|/slf4j-api-|/jspecify-' \
  | paste -sd: - > benchmarks/closure/dbexec/target/classpath.txt
CP=benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)

{
  echo "# benchmarks/run-all.sh at $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "$(nproc) processors; java $(java -version 2>&1 | head -1)"
  echo; echo "## Load driver ($LOAD_ARGS)"; echo "uptime before: $(uptime)"
  # shellcheck disable=SC2086
  java -Xms1g -Xmx1g -cp "$CP" io.github.dbexec.benchmarks.LoadDriver $LOAD_ARGS --clients okhttp,dbexec-off,dbexec-default,sdk
  echo "uptime after: $(uptime)"
  echo; echo "## Cold start ($LAUNCHES launches per client, interleaved)"; echo "uptime before: $(uptime)"
  java -cp "$CP" io.github.dbexec.benchmarks.ColdStartDriver --launches "$LAUNCHES"
  echo "uptime after: $(uptime)"
  echo; echo "## Dependency closure"
  java -cp "$CP" io.github.dbexec.benchmarks.DependencyClosure benchmarks/closure --list
  echo; echo "## Chaos run"
  java -cp "$CP" io.github.dbexec.benchmarks.ChaosRun 2000 16 7
  if [ "${JMH:-0}" = 1 ]; then
    echo; echo "## JMH"; echo "uptime before: $(uptime)"
    java -cp "$CP" org.openjdk.jmh.Main RunNowBenchmark -f 2 -wi 5 -w 4 -i 5 -r 4
    echo "uptime after: $(uptime)"
  fi
} 2>&1 | tee "$OUT"
echo "written to $OUT"
