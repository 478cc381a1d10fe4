#!/usr/bin/env bash
# The benchmark suite: every scenario against a freshly started packaged gateway (with its sandbox) on
# loopback, over mutual TLS, with an open-model load generator. Stops by itself (about 6 minutes).
# Results: target/bench/results.md (the README's Performance table) and target/bench/latency-uncached.png.
# Needs nginx for the cached comparison (apt-get install -y nginx). BENCH_SECONDS shortens or lengthens steps;
# BENCH_ONLY picks scenarios (comma-separated: uncached, cached, stampede, faults, isolation, soap, cpu).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is needed: apt-get install -y nginx" >&2; exit 1; }
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt
exec java -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.only="${BENCH_ONLY:-uncached,cached,stampede,faults,isolation,soap,cpu}" -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
     se.companydata.gateway.bench.Benchmark
