#!/usr/bin/env bash
# Records the JDK's AOT cache for the packaged gateway (JDK 25+: classes loaded and linked ahead of time, and the
# method profiles of a training run, so a new pod starts faster and its JIT compiles the hot paths sooner).
# The training run starts the gateway in the sandbox profile, lets it prime itself (producer connections, a lookup
# whose answer every adapter renders), and exits; the JDK writes the cache as it exits.
#
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java tools/aot-cache.sh            # -> target/quarkus-app/app.aot
#   then: java -XX:AOTCache=target/quarkus-app/app.aot ... -jar target/quarkus-app/quarkus-run.jar
#
# A cache fits only the JDK that wrote it, the same jar paths and compatible JVM options (JAVA_OPTS is passed to the
# training run; give the runtime the same): make it where the gateway runs, as the container image does in its build.
# Run from a directory holding target/dev-pki and src/main/resources/sandbox/consumers.yaml (the repository root).
set -euo pipefail
APP=$(cd "${1:-target/quarkus-app}" && pwd)
JAVA=${JAVA:-java}
PORT=${AOT_TRAINING_PORT:-18643}
rm -f "$APP/app.aot"
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} --add-opens java.base/java.lang=ALL-UNNAMED -XX:AOTCacheOutput="$APP/app.aot" \
    -Dquarkus.profile=dev -Dquarkus.http.ssl-port="$PORT" -Dquarkus.management.port=$((PORT + 1000)) \
    -Dgateway.diagnostics.port=$((PORT + 2)) -Dgateway.demo.port=$((PORT + 3)) \
    -Dgateway.audit.directory="${TMPDIR:-/tmp}/gateway-aot-training-audit" -Dquarkus.log.level=WARN \
    -Dgateway.priming.exit-when-done=true -jar "$APP/quarkus-run.jar"
test -s "$APP/app.aot" || { echo "no AOT cache was written (is $JAVA a JDK 25 or newer?)" >&2; exit 1; }
echo "AOT cache: $APP/app.aot ($(du -h "$APP/app.aot" | cut -f1))"
