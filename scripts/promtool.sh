#!/usr/bin/env bash
# promtool, the Prometheus checker, from Debian trixie's promtool package (the same 2.53 as the
# local Prometheus image of docker/base-images.sh), unpacked once into target/tools/; then runs it:
#   scripts/promtool.sh check config monitoring/prometheus/prometheus.yml
# A promtool already on PATH is used as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v promtool >/dev/null; then
  exec promtool "$@"
fi
tool=target/tools/promtool
if [[ ! -x $tool ]]; then
  echo "==> fetching promtool (Debian trixie's package)" >&2
  d=$(mktemp -d)
  trap 'rm -rf "$d"' EXIT
  mkdir -p "$d/lists/partial"
  echo 'deb http://deb.debian.org/debian trixie main' >"$d/sources.list"
  # A private apt list: the host's own sources stay as they are.
  apt_opts=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$d/lists" -o "Dir::Cache::archives=$d")
  apt-get "${apt_opts[@]}" update -qq 2>/dev/null
  (cd "$d" && apt-get "${apt_opts[@]}" download promtool >/dev/null 2>&1)
  dpkg-deb -x "$d"/promtool_*.deb "$d/x"
  mkdir -p "$(dirname "$tool")"
  cp "$d/x/usr/bin/promtool" "$tool"
fi
exec "$tool" "$@"
