#!/usr/bin/env bash
# Jessy on Docker Swarm (deploy/swarm/), for `make swarm-up`, `make swarm-down`, `make swarm-scale`:
#   scripts/swarm.sh up              build the production images, write the secrets, deploy, wait
#   scripts/swarm.sh scale N         N core replicas (waits until they run)
#   scripts/swarm.sh ports           the gateway's published address(es)
#   scripts/swarm.sh down            remove the stack; leave the swarm if `up` created it
# Settings come from .env (the shell wins): CORE_REPLICAS (3), API_REPLICAS (2), API_PORT, API_KEYS,
# GATEWAY_SECRET, POSTGRES_PASSWORD, MEMORY_LIMIT, RATE_LIMIT_*, JESSY_IMAGE_TAG. Missing secrets
# are generated once and kept in .swarm/ (git-ignored, mode 0700); without API_KEYS a key for
# `admin` is generated there too (.swarm/api-key). SWARM_PUBLISH=ingress|no-ipvs overrides the
# choice made from /proc/net/ip_vs. STACK (jessy) names the stack, SWARM_DIR (.swarm) keeps secrets.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/dotenv.sh
source scripts/dotenv.sh
load_dotenv .env

STACK=${STACK:-jessy}
dir=${SWARM_DIR:-$PWD/.swarm}
log() { echo "==> $*" >&2; }

publish_mode() { # the one chosen at `up` (kept in $dir), else SWARM_PUBLISH, else by the kernel
  if [[ -s $dir/publish-mode ]]; then
    cat "$dir/publish-mode"
  elif [[ -n ${SWARM_PUBLISH:-} ]]; then
    echo "$SWARM_PUBLISH"
  elif [[ -e /proc/net/ip_vs ]]; then
    echo ingress
  else
    echo no-ipvs
  fi
}

# secret NAME VALUE-IF-NEW: the file's content, written once (a later run keeps the same value).
secret() {
  local file=$dir/$1
  if [[ ! -s $file ]]; then
    (umask 077 && printf '%s' "$2" >"$file")
  fi
  cat "$file"
}

random() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

write_secrets() {
  mkdir -p "$dir"
  chmod 700 "$dir"
  local db_password api_keys
  secret gateway-secret "${GATEWAY_SECRET:-$(random 32)}" >/dev/null
  db_password=$(secret postgres-password "${POSTGRES_PASSWORD:-$(random 24)}")
  if [[ -n ${API_KEYS:-} ]]; then
    api_keys=$API_KEYS
  else
    local key
    key=$(secret api-key "$(random 24)")
    api_keys="admin:sha256:$(printf %s "$key" | sha256sum | cut -d' ' -f1)"
  fi
  # Files the services read through NAME_FILE variables (deploy/swarm/docker-stack.yml).
  (
    umask 077
    printf '%s' "postgres://jessy:$(urlencode "$db_password")@tasks.db:5432/jessy" >"$dir/database-url"
    printf '%s' "$api_keys" >"$dir/api-keys"
  )
  # Swarm secrets cannot change: each deploy names them after their content, so a changed value
  # is a new secret and a rolling update.
  local name
  for name in gateway-secret database-url api-keys postgres-password; do
    export "SECRET_$(tr 'a-z-' 'A-Z_' <<<"$name")=$(sha256sum "$dir/$name" | cut -c1-12)"
  done
}

stack_files() {
  echo -c deploy/swarm/docker-stack.yml -c "deploy/swarm/$(publish_mode).yml"
}

wait_converged() { # every service of the stack at its replica count, each task healthy
  local deadline=$((SECONDS + ${1:-180})) line pending
  while ((SECONDS < deadline)); do
    pending=0
    while read -r line; do
      [[ $line =~ ^([0-9]+)/([0-9]+) ]] || continue
      ((BASH_REMATCH[1] == BASH_REMATCH[2])) || pending=1
    done < <(docker service ls --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Replicas}}')
    if ((pending == 0)) &&
      ! docker ps --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Status}}' |
      grep -q 'health: starting\|unhealthy'; then
      return 0
    fi
    sleep 1
  done
  docker service ls --filter "label=com.docker.stack.namespace=$STACK" >&2
  return 1
}

ports() {
  case $(publish_mode) in
    ingress) echo "127.0.0.1:${API_PORT:-3000}" ;;
    *)
      docker ps --filter "label=com.docker.swarm.service.name=${STACK}_jessy-api" \
        --format '{{.Ports}}' | grep -o '0\.0\.0\.0:[0-9]*' | sed 's/0\.0\.0\.0/127.0.0.1/' | sort -u
      ;;
  esac
}

case ${1:-} in
  up)
    scripts/prepare-images.sh builder postgres
    load_dotenv .env # the base images it chose (local ones without a registry)
    log "the production images"
    GATEWAY_SECRET=build POSTGRES_PASSWORD=build docker compose \
      -f docker-compose.yml -f docker-compose.prod.yml build -q jessy-core jessy-api
    if [[ $(docker info -f '{{.Swarm.LocalNodeState}}') != active ]]; then
      log "docker swarm init (this node becomes a one-node swarm; scripts/swarm.sh down leaves it)"
      docker swarm init --advertise-addr 127.0.0.1 >/dev/null
      mkdir -p "$dir" && touch "$dir/created-swarm"
    fi
    write_secrets
    mode=$(SWARM_PUBLISH=${SWARM_PUBLISH:-} dir=/nonexistent publish_mode)
    echo "$mode" >"$dir/publish-mode"
    [[ -n ${POSTGRES_IMAGE:-} ]] || export POSTGRES_IMAGE=postgres:17
    export SWARM_SECRETS_DIR=$dir
    log "docker stack deploy $STACK ($(publish_mode) publishing, ${CORE_REPLICAS:-3} core and ${API_REPLICAS:-2} gateway replicas)"
    # shellcheck disable=SC2046 # two -c options
    docker stack deploy --resolve-image never --prune $(stack_files) "$STACK" >/dev/null
    started=$SECONDS
    wait_converged 240
    log "converged in $((SECONDS - started)) s; the gateway: $(ports | tr '\n' ' ')"
    if [[ -f $dir/api-key && -z ${API_KEYS:-} ]]; then
      log "API key (user admin): $dir/api-key"
    fi
    ;;
  scale)
    n=${2:?scale needs a replica count}
    started=$SECONDS
    docker service scale --detach=false "${STACK}_jessy-core=$n" >/dev/null
    wait_converged 240
    log "jessy-core at $n replicas in $((SECONDS - started)) s"
    ;;
  ports) ports ;;
  down)
    docker stack rm "$STACK" >/dev/null 2>&1 || true
    # The network goes once its last task has stopped.
    for _ in $(seq 1 60); do
      docker network ls --filter "label=com.docker.stack.namespace=$STACK" -q | grep -q . || break
      sleep 1
    done
    rm -f "$dir/publish-mode"
    if [[ -f $dir/created-swarm ]]; then
      log "docker swarm leave (scripts/swarm.sh up created it)"
      docker swarm leave --force >/dev/null
      rm -f "$dir/created-swarm"
    fi
    ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
