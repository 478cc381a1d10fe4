#!/usr/bin/env bash
# Indicative load figures with wrk (closed model) against a freshly started gateway + sandbox on loopback:
# the rows of the README's Performance table. Not the benchmark (an open-model harness is its own issue).
# Needs wrk (Debian package "wrk"). Stops by itself: five scenarios of DURATION each, gateway stopped after each.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "install wrk first: apt-get install -y wrk" >&2; exit 1; }
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
ID=${ID:-5595267773}
./mvnw -q -B package -DskipTests
mkdir -p target/quick-load
all=target/quick-load/all-items.lua one=target/quick-load/one-item.lua
printf 'wrk.method="POST"\nwrk.body=[[{"identity":"%s"}]]\nwrk.headers["Content-Type"]="application/json"\n' "$ID" > "$all"
printf 'wrk.method="POST"\nwrk.body=[[{"identity":"%s","items":["UD0029"]}]]\nwrk.headers["Content-Type"]="application/json"\n' "$ID" > "$one"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

# run LABEL CONNECTIONS SCRIPT [JVM options...]
run() {
  local label=$1 connections=$2 script=$3; shift 3
  java -Dquarkus.profile=dev -Dquarkus.http.port="$PORT" "$@" -jar target/quarkus-app/quarkus-run.jar > "target/quick-load/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break; sleep 0.5; done
  wrk -t1 -c"$connections" -d5s -s "$script" "http://127.0.0.1:$PORT/api/v1/lookup" > /dev/null   # warm-up
  echo "== $label: $connections connections, $DURATION, JVM options: ${*:-none}"
  wrk -t2 -c"$connections" -d"$DURATION" --latency -s "$script" "http://127.0.0.1:$PORT/api/v1/lookup" \
    | grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors'
  echo "   RSS: $(( $(awk '/VmRSS/{print $2}' "/proc/$pid/status") / 1024 )) MB"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

run cached-default-heap 50 "$all"
run cached-xmx128m 50 "$all" -Xmx128m
# Every lookup a miss (TTL 0): producers answer after a fixed 40/60/80 ms, so overhead = latency - 80 ms.
run uncached-50 50 "$all" -Dgateway.cache.ttl=0s
run uncached-8 8 "$all" -Xmx128m -Dgateway.cache.ttl=0s
# The gateway's own cost per uncached lookup: a producer that answers at once.
run uncached-zero-latency 4 "$one" -Xmx128m -Dgateway.cache.ttl=0s -Dgateway.sandbox.skatteverket.latency=0ms
