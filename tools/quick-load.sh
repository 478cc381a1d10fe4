#!/usr/bin/env bash
# Indicative load figures with wrk (closed model) against a freshly started gateway + sandbox on loopback.
# Not the benchmark (that is an open-model harness, see README "Performance"); this is a quick check.
# Needs: wrk (Debian package "wrk"). Stops by itself: two 20 s runs, then the gateway is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk first: apt-get install -y wrk" >&2; exit 1; }
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
ID=${ID:-5595267773}
./mvnw -q -B package -DskipTests
body="{\"identity\":\"$ID\"}"
script=$(mktemp); trap 'rm -f "$script"; kill "$pid" 2>/dev/null || true' EXIT
printf 'wrk.method="POST"\nwrk.body=[[%s]]\nwrk.headers["Content-Type"]="application/json"\n' "$body" > "$script"

run() { # $1 = label, rest = extra JVM options
  local label=$1; shift
  java -Dquarkus.profile=dev -Dquarkus.http.port=$PORT "$@" -jar target/quarkus-app/quarkus-run.jar > "target/quick-load-$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break; sleep 0.5; done
  wrk -t2 -c50 -d5s -s "$script" "http://127.0.0.1:$PORT/api/v1/lookup" > /dev/null   # warm-up
  echo "== $label: wrk -t2 -c50 -d$DURATION, all 34 items of $ID"
  wrk -t2 -c50 -d"$DURATION" --latency -s "$script" "http://127.0.0.1:$PORT/api/v1/lookup" | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors'
  echo "   RSS: $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run cached
# Every lookup a miss (TTL 0): producers answer after a fixed 40/60/80 ms, so gateway overhead = latency - 80 ms.
run uncached -Dgateway.cache.ttl=0s
