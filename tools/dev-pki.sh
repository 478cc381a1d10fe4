#!/usr/bin/env bash
# Creates the development PKI (never committed): a test CA, the server certificate, the gateway's
# outbound certificate and client certificates for the sandbox consumers, as PKCS#12 files with the
# password "changeit", plus PEM copies (NAME.crt, NAME.key), and the dev CA's CRL (ca.crl, revoking
# consumer-revoked). Uses the JDK (keytool, java) and openssl (for the CRL).
#
#   tools/dev-pki.sh [OUTDIR]        (default target/dev-pki; does nothing if OUTDIR is complete)
#
# Consumers (organisationsnummer, fictitious municipalities; see src/main/resources/sandbox/consumers.json):
#   consumer-exempelby    serialNumber=2120009010              Exempelby kommun
#   consumer-provkoping   serialNumber=162120009028 (16-form)  Provköpings kommun
#   consumer-testhamn     organizationIdentifier=NTRSE-2120009036  Testhamns kommun
#   consumer-expired      serialNumber=2120009010, expired
#   consumer-untrusted    serialNumber=2120009010, issued by a CA the gateway does not trust
#   consumer-no-orgnr     no organisationsnummer in the subject
#   consumer-bad-check    serialNumber=2120009011 (wrong check digit)
#   consumer-unregistered serialNumber=2120009044              trusted, but in no registry entry
#   consumer-wrong-usage  serialNumber=2120009010, issued for server authentication only (extended key usage serverAuth)
#   consumer-two-orgnr    serialNumber=2120009010 and serialNumber=2120009028: ambiguous, refused
#   consumer-disagreeing  serialNumber=2120009010 and organizationIdentifier=NTRSE-2120009036: ambiguous, refused
#   consumer-revoked      serialNumber=2120009010, revoked in the dev CA's CRL (ca.crl, key compromise)
#   consumer-incomplete   serialNumber=2120009010, issued under ca > sub-ca > issuing-ca, but presents only itself and
#                         issuing-ca (sub-ca left out: an incomplete chain)
#   gateway               serialNumber=5599000014              the gateway's own outbound certificate
set -euo pipefail
OUT=${1:-target/dev-pki}
PASS=changeit
[ -f "$OUT/.complete" ] && exit 0
command -v keytool >/dev/null || { echo "keytool (from the JDK) is required" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is required (apt-get install openssl)" >&2; exit 1; }
TOOLS=$(cd "$(dirname "$0")" && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"; cd "$OUT"
kt() { keytool "$@" -storetype PKCS12 -storepass "$PASS" -keypass "$PASS" 2>/dev/null; }

# ca NAME DNAME
ca() {
  kt -genkeypair -alias ca -dname "$2" -ext bc:c -keyalg EC -groupname secp256r1 -validity 3650 -keystore "$1.p12"
  kt -exportcert -alias ca -rfc -keystore "$1.p12" -file "$1.crt"
}
# leaf NAME DNAME CA EXT [extra gencert args...]
leaf() {
  local name=$1 dname=$2 issuer=$3 ext=$4; shift 4
  kt -genkeypair -alias "$name" -dname "$dname" -keyalg EC -groupname secp256r1 -keystore "$name.p12"
  kt -certreq -alias "$name" -keystore "$name.p12" -file "$name.csr"
  kt -gencert -alias ca -keystore "$issuer.p12" -infile "$name.csr" -outfile "$name.crt" -rfc -ext "$ext" "$@"
  kt -importcert -alias ca -file "$issuer.crt" -keystore "$name.p12" -noprompt
  kt -importcert -alias "$name" -file "$name.crt" -keystore "$name.p12"
  rm -f "$name.csr"
}

ca ca "CN=Company-data gateway dev CA, O=Development only, C=SE"
ca other-ca "CN=Some other CA, O=Not trusted, C=SE"
leaf server "CN=localhost, O=Company-data gateway, C=SE" ca "eku=serverAuth" -ext "san=dns:localhost,ip:127.0.0.1,dns:company-data-gateway,dns:company-data-gateway.company-data-sandbox.svc,dns:company-data-gateway.company-data-sandbox.svc.cluster.local"
leaf gateway "SERIALNUMBER=5599000014, CN=Company-data gateway, O=Exempel Gateway AB, C=SE" ca "eku=clientAuth"
leaf consumer-exempelby "SERIALNUMBER=2120009010, CN=Exempelby kommun e-tjanster, O=Exempelby kommun, C=SE" ca "eku=clientAuth"
leaf consumer-provkoping "SERIALNUMBER=162120009028, CN=Provkopings kommun, O=Provkopings kommun, C=SE" ca "eku=clientAuth"
leaf consumer-testhamn "OID.2.5.4.97=NTRSE-2120009036, CN=Testhamns kommun, O=Testhamns kommun, C=SE" ca "eku=clientAuth"
leaf consumer-expired "SERIALNUMBER=2120009010, CN=Exempelby kommun (expired), O=Exempelby kommun, C=SE" ca "eku=clientAuth" -startdate -30d -validity 10
leaf consumer-untrusted "SERIALNUMBER=2120009010, CN=Exempelby kommun (wrong CA), O=Exempelby kommun, C=SE" other-ca "eku=clientAuth"
leaf consumer-no-orgnr "CN=Anonymous system, O=Exempelby kommun, C=SE" ca "eku=clientAuth"
leaf consumer-bad-check "SERIALNUMBER=2120009011, CN=Typo kommun, O=Typo kommun, C=SE" ca "eku=clientAuth"
leaf consumer-unregistered "SERIALNUMBER=2120009044, CN=Oregistrerad kommun, O=Oregistrerad kommun, C=SE" ca "eku=clientAuth"
leaf consumer-two-orgnr "SERIALNUMBER=2120009010, SERIALNUMBER=2120009028, CN=Two organisations, O=Exempelby kommun, C=SE" ca "eku=clientAuth"
leaf consumer-disagreeing "SERIALNUMBER=2120009010, OID.2.5.4.97=NTRSE-2120009036, CN=Disagreeing attributes, O=Exempelby kommun, C=SE" ca "eku=clientAuth"
leaf consumer-revoked "SERIALNUMBER=2120009010, CN=Exempelby kommun (revoked), O=Exempelby kommun, C=SE" ca "eku=clientAuth"
leaf consumer-wrong-usage "SERIALNUMBER=2120009010, CN=Exempelby kommun (server certificate), O=Exempelby kommun, C=SE" ca "eku=serverAuth"
# An incomplete chain: ca > sub-ca > issuing-ca > leaf, the leaf's key store keeping only [leaf, issuing-ca].
intermediate() {   # intermediate NAME DNAME ISSUER TRUSTED...  (TRUSTED: the certificates above it, root first)
  local name=$1 dname=$2 issuer=$3; shift 3
  kt -genkeypair -alias ca -dname "$dname" -keyalg EC -groupname secp256r1 -validity 3650 -keystore "$name.p12"
  kt -certreq -alias ca -keystore "$name.p12" -file "$name.csr"
  kt -gencert -alias ca -keystore "$issuer.p12" -infile "$name.csr" -outfile "$name.crt" -rfc -ext bc:c -validity 3650
  for t in "$@"; do kt -importcert -alias "trust-$t" -file "$t.crt" -keystore "$name.p12" -noprompt; done
  kt -importcert -alias ca -file "$name.crt" -keystore "$name.p12"
  rm -f "$name.csr"
}
intermediate sub-ca "CN=Company-data gateway dev sub-CA, O=Development only, C=SE" ca ca
intermediate issuing-ca "CN=Company-data gateway dev issuing CA, O=Development only, C=SE" sub-ca ca sub-ca
kt -genkeypair -alias consumer-incomplete -dname "SERIALNUMBER=2120009010, CN=Exempelby kommun (incomplete chain), O=Exempelby kommun, C=SE" \
  -keyalg EC -groupname secp256r1 -keystore consumer-incomplete.p12
kt -certreq -alias consumer-incomplete -keystore consumer-incomplete.p12 -file consumer-incomplete.csr
kt -gencert -alias ca -keystore issuing-ca.p12 -infile consumer-incomplete.csr -outfile consumer-incomplete.crt -rfc -ext eku=clientAuth
for t in ca sub-ca issuing-ca; do kt -importcert -alias "$t" -file "$t.crt" -keystore consumer-incomplete.p12 -noprompt; done
kt -importcert -alias consumer-incomplete -file consumer-incomplete.crt -keystore consumer-incomplete.p12
rm -f consumer-incomplete.csr
java "$TOOLS/TrimChain.java" . "$PASS" consumer-incomplete 2
# The dev CA's CRL, valid ten years: the sandbox checks revocation as production does (hard-fail), from this file.
openssl pkcs12 -in ca.p12 -nocerts -nodes -passin "pass:$PASS" -out ca.key 2>/dev/null
printf '[ca]\ndefault_ca=dev\n[dev]\ndatabase=ca-index.txt\ncertificate=ca.crt\nprivate_key=ca.key\ndefault_md=sha256\ndefault_crl_days=3650\n' > ca.cnf
: > ca-index.txt
openssl ca -config ca.cnf -revoke consumer-revoked.crt -crl_reason keyCompromise 2>/dev/null
openssl ca -config ca.cnf -gencrl -out ca.crl 2>/dev/null
rm -f ca.cnf ca-index.txt* ca.key
# What the server trusts for client certificates, and the gateway for producer servers: the dev CA only.
kt -importcert -alias ca -file ca.crt -keystore truststore.p12 -noprompt
# PEM copies (NAME.crt chain + NAME.key) for curl --cert/--key and other non-Java tools.
java "$TOOLS/PemExport.java" . "$PASS" server gateway consumer-exempelby consumer-provkoping consumer-testhamn \
  consumer-expired consumer-untrusted consumer-no-orgnr consumer-bad-check consumer-unregistered consumer-wrong-usage consumer-revoked consumer-two-orgnr consumer-disagreeing
touch .complete
