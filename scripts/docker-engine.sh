#!/usr/bin/env bash
# Makes sure a Docker engine with Compose v2 answers, installing one on Debian if needed (root):
# Debian's docker.io engine, and the Compose v2 and buildx plugins from Debian trixie's packages
# (bookworm's own docker-compose is the old 1.x tool). Starts dockerd when it is not running.
# Used by scripts/stack-test.sh and `make doctor`; safe to run again.
set -euo pipefail

log() { echo "==> $*" >&2; }

if ! command -v dockerd >/dev/null && ! docker info >/dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || { echo "Docker is missing; install it (or run this as root)" >&2; exit 1; }
  log "installing Docker engine (docker.io)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io debootstrap >/dev/null
fi

if ! docker compose version >/dev/null 2>&1 || ! docker buildx version >/dev/null 2>&1; then
  [[ $(id -u) == 0 ]] || { echo "Compose v2 / buildx plugins are missing" >&2; exit 1; }
  log "installing the Compose v2 and buildx plugins from Debian trixie"
  d=$(mktemp -d)
  mkdir -p "$d/lists/partial"
  echo 'deb http://deb.debian.org/debian trixie main' >"$d/sources.list"
  # A private apt list: the host's own sources stay as they are.
  apt_opts=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$d/lists")
  apt-get "${apt_opts[@]}" update -qq
  (cd "$d" && apt-get "${apt_opts[@]}" download docker-compose docker-buildx >/dev/null)
  for f in "$d"/*.deb; do dpkg-deb -x "$f" "$d/x"; done
  mkdir -p /usr/libexec/docker/cli-plugins
  cp "$d"/x/usr/libexec/docker/cli-plugins/* /usr/libexec/docker/cli-plugins/
  rm -rf "$d"
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd (log: /var/log/dockerd.log)"
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/dockerd.log" >&2; exit 1; }
fi
log "$(docker compose version)"
