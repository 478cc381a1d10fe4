#!/usr/bin/env bash
# Builds the gateway and runs the packaged jar with the built-in sandbox producers (the "dev" profile).
# The profile is chosen at launch, never baked into the jar, so the same jar is safe to ship.
# For live reload and the Dev UI use `./mvnw quarkus:dev` instead (docs/sandbox.md).
#
# Ports (each moved with an environment variable):
#   API_PORT          8443  the API, HTTPS with a client certificate (quarkus.http.ssl-port); the sandbox producers too
#   MANAGEMENT_PORT   9000  health, metrics, OpenAPI, plain HTTP (quarkus.management.port)
#   DIAGNOSTICS_PORT  8445  the connection self-test's TLS diagnostics port (gateway.diagnostics.port)
#   DEMO_PORT         8090  the demo e-service, plain HTTP on loopback (gateway.demo.port)
# Extra JVM options: JAVA_OPTS. Extra arguments are passed to the gateway.
set -euo pipefail
cd "$(dirname "$0")"

API_PORT=${API_PORT:-8443}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9000}
DIAGNOSTICS_PORT=${DIAGNOSTICS_PORT:-8445}
DEMO_PORT=${DEMO_PORT:-8090}

# A busy port is one line naming it and how to move it, before minutes of building.
busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for entry in "API_PORT:$API_PORT:the API" "MANAGEMENT_PORT:$MANAGEMENT_PORT:the management port" \
             "DIAGNOSTICS_PORT:$DIAGNOSTICS_PORT:the diagnostics port" "DEMO_PORT:$DEMO_PORT:the demo e-service"; do
  IFS=: read -r variable port what <<<"$entry"
  if busy "$port"; then
    echo "run-sandbox: port $port ($what) is in use by another process; free it or move it, e.g. $variable=$((port + 100)) ./run-sandbox.sh" >&2
    exit 1
  fi
done

if [[ ! -f target/quarkus-app/quarkus-run.jar || -n "$(find src pom.xml tools -newer target/quarkus-app/quarkus-run.jar -print -quit)" ]]; then
  echo "run-sandbox: building the gateway and the development PKI (./mvnw package; the first build fetches dependencies, 2-3 minutes)..."
  ./mvnw -q -B package -DskipTests
fi

echo "run-sandbox: starting the gateway with the sandbox producers (profile dev)..."
java -Dquarkus.profile=dev -Dquarkus.http.ssl-port="$API_PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" \
     -Dgateway.diagnostics.port="$DIAGNOSTICS_PORT" -Dgateway.demo.port="$DEMO_PORT" \
     ${JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar "$@" &
gateway=$!
trap 'kill "$gateway" 2>/dev/null; wait "$gateway"' INT TERM

# Ready = primed (docs/operations.md "Start-up: priming and readiness"); say where everything is.
for _ in $(seq 1 120); do
  if ! kill -0 "$gateway" 2>/dev/null; then
    wait "$gateway"; exit $?
  fi
  if curl -sf "http://localhost:$MANAGEMENT_PORT/q/health/ready" >/dev/null 2>&1; then
    cat <<EOF
run-sandbox: ready.
  API (mutual TLS)     https://localhost:$API_PORT/api/v1/lookup   and SOAP https://localhost:$API_PORT/ssbtgu/v2
  self-test            https://localhost:$API_PORT/api/v1/connection
  demo e-service       http://localhost:$DEMO_PORT/
  health, metrics      http://localhost:$MANAGEMENT_PORT/q/health/ready   http://localhost:$MANAGEMENT_PORT/q/metrics
  OpenAPI              http://localhost:$MANAGEMENT_PORT/q/openapi
  certificates         target/dev-pki/ (consumer-exempelby.crt/.key, ca.crt); first curl: README.md "The first lookup"
Stop with Ctrl-C.
EOF
    break
  fi
  sleep 1
done
wait "$gateway"
