#!/usr/bin/env bash
# The benchmark suite: every scenario against a freshly started packaged gateway on loopback, over mutual TLS,
# with an open-model load generator. Stops by itself (about 50 minutes).
# Results: target/bench/results.md (docs/performance.md's tables) and target/bench/latency-uncached.png.
# Needs nginx for the cached comparison (apt-get install -y nginx), PostgreSQL's server for scenario 9 (apt-get install -y postgresql) and redis-server for scenario 11. BENCH_SECONDS shortens or lengthens steps;
# BENCH_ONLY picks scenarios (comma-separated: uncached, cached, stampede, faults, isolation (5 and 5b), isolation-cached (5b alone), soap, quotas, replicas, cpu, coldstart, audit; and,
# only when named, profile: JFR recordings of scenario 7's loads in target/bench/profile-*.jfr). BENCH_JVM adds JVM
# options to every gateway started; BENCH_COLD_VARIANTS=0,3 picks rows of scenario 8, whose JDK 25 rows use BENCH_JDK25
# (default: Temurin 25 in /usr/lib/jvm) and are left out without one.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is needed: apt-get install -y nginx" >&2; exit 1; }
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt
exec java -Dbench.jvm="${BENCH_JVM:-}" -Dbench.jdk25="${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" -Dbench.coldVariants="${BENCH_COLD_VARIANTS:-}" -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.only="${BENCH_ONLY:-uncached,cached,stampede,faults,isolation,soap,quotas,replicas,cpu,coldstart,audit}" -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" \
     se.companydata.gateway.bench.Benchmark
