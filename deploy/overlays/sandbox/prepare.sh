#!/usr/bin/env bash
# Copies the development PKI (target/dev-pki, made by ./mvnw package) and the sandbox consumer
# registry into generated/ (git-ignored), where this overlay's generators read them, and makes the sandbox Redis's
# password and the shared answers' keys once (random; kept, so re-applying does not change them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
pki=$root/target/dev-pki
[ -f "$pki/.complete" ] || { echo "No development PKI in $pki: run ./mvnw package (or tools/dev-pki.sh) first" >&2; exit 1; }
mkdir -p "$here/generated"
for f in server.crt server.key gateway.crt gateway.key ca.crt; do cp "$pki/$f" "$here/generated/$f"; done
cp "$root/src/main/resources/sandbox/consumers.yaml" "$here/generated/consumers.yaml"
for f in redis-password cache-hash-key cache-encryption-key; do
  [ -s "$here/generated/$f" ] || (umask 077 && openssl rand -base64 32 | tr -d '\n' > "$here/generated/$f")
done
