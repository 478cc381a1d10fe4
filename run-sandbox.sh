#!/usr/bin/env bash
# Builds the gateway and runs it with the built-in sandbox producers (the "dev" profile) on :8080.
# The profile is chosen at launch, never baked into the jar, so the same jar is safe to ship.
# (`./mvnw quarkus:dev` does the same with live reload where io.quarkus:quarkus-devui resolves.)
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -B package -DskipTests
exec java -Dquarkus.profile=dev ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar "$@"
