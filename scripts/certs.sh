#!/usr/bin/env bash
# `make certs`: a local certificate authority and an HTTPS certificate for the gateway, made with
# OpenSSL (no download). Idempotent: keeps what exists; --renew issues a new gateway certificate
# from the same CA (what rotation looks like: the running gateway picks it up within
# TLS_RELOAD_PERIOD, no restart).
#   certs/ca.crt, certs/ca.key          the CA: trust ca.crt in clients; ca.key never leaves here
#   certs/server/tls.crt, tls.key       the gateway's certificate (chain) and key, mounted read-only
#   certs/server/ca.crt                 a copy of the CA's certificate, for clients given only server/
# The certificate names localhost, 127.0.0.1, ::1 and jessy-api (the compose service), plus any
# names in TLS_EXTRA_NAMES (e.g. "DNS:jessy.example.org,IP:10.0.0.5"). ECDSA P-256, 397 days
# (browsers refuse more than 398).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${TLS_CERT_BASE:-certs}
renew=false
[[ ${1:-} == --renew ]] && renew=true
command -v openssl >/dev/null || { echo "missing: openssl (apt-get install openssl)" >&2; exit 1; }

mkdir -p "$dir/server"
chmod 0700 "$dir"
if [[ ! -s $dir/ca.key || ! -s $dir/ca.crt ]]; then
  echo "making a local CA in $dir/ca.crt" >&2
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key"
  chmod 0600 "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 1825 -subj "/CN=Jessy local CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.crt"
  renew=true
fi
if [[ $renew == false && -s $dir/server/tls.crt && -s $dir/server/tls.key ]]; then
  echo "$dir/server/tls.crt exists (scripts/certs.sh --renew issues a new one)" >&2
  exit 0
fi

names="DNS:localhost,DNS:jessy-api,IP:127.0.0.1,IP:::1${TLS_EXTRA_NAMES:+,$TLS_EXTRA_NAMES}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$work/tls.key"
openssl req -new -key "$work/tls.key" -subj "/CN=localhost" -out "$work/tls.csr"
openssl x509 -req -in "$work/tls.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
  -days 397 -sha256 -out "$work/tls.crt" -extfile <(printf '%s\n' \
    "subjectAltName=$names" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth")
# The gateway runs as user 10001 and must read the key through the read-only mount: as root the key
# becomes that user's (0400); otherwise it is left readable (0644) inside the 0700 directory above.
if [[ $(id -u) == 0 ]]; then
  chown 10001:10001 "$work/tls.key" "$work/tls.crt"
  chmod 0400 "$work/tls.key"
else
  chmod 0644 "$work/tls.key"
fi
chmod 0644 "$work/tls.crt"
chmod 0755 "$dir/server"
# Key first, then certificate, each renamed into place (atomic): a reader never sees half a file.
mv -f "$work/tls.key" "$dir/server/tls.key"
mv -f "$work/tls.crt" "$dir/server/tls.crt"
# The CA's certificate (public) beside them, for clients that get only this directory.
cp "$dir/ca.crt" "$dir/server/ca.crt"
chmod 0644 "$dir/server/ca.crt"
echo "issued $dir/server/tls.crt ($names), serial $(openssl x509 -in "$dir/server/tls.crt" -noout -serial | cut -d= -f2)" >&2
