#!/usr/bin/env bash
# Makes sure the stacks can be built here: a Docker engine with Compose v2 (scripts/docker-engine.sh)
# and the builder's base image — the official one when this machine has it or can pull it, else
# local stand-ins made from Debian packages (docker/base-images.sh, which trusts the host's extra CA
# certificates), named in FILE so compose uses them. `make up` and `make up-prod` run it first, so a
# fresh clone on a registry-less Debian host behind a TLS-inspecting proxy needs no other step.
# Takes a second when everything is in place.
#   scripts/prepare-images.sh [--env-file FILE] [IMAGE...]
#   FILE: .env (compose reads it by itself); IMAGE: of docker/base-images.sh, default builder postgres
#   (`make monitor` adds prometheus)
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=.env
if [[ ${1:-} == --env-file ]]; then
  env_file=${2:?--env-file needs a path}
  shift 2
fi
images=("$@")
((${#images[@]})) || images=(builder postgres)
OFFICIAL=maven:3.9-eclipse-temurin-25

log() { echo "==> $*" >&2; }

scripts/docker-engine.sh

configured=
if [[ -f $env_file ]]; then configured=$(sed -n 's/^BUILDER_IMAGE=//p' "$env_file" | tail -1); fi
builder=${BUILDER_IMAGE:-${configured:-$OFFICIAL}}
if [[ $builder == "$OFFICIAL" ]]; then
  if docker image inspect "$OFFICIAL" >/dev/null 2>&1; then exit 0; fi
  log "pulling $OFFICIAL"
  if timeout 120 docker pull -q "$OFFICIAL" >/dev/null 2>&1; then exit 0; fi
  log "no registry here: building local base images from Debian packages (about two minutes, once)"
fi
# Local images: built when missing, the builder rebuilt when the host's CA set changed; else kept.
docker/base-images.sh --env-file "$env_file" "${images[@]}" >/dev/null
