#!/usr/bin/env bash
# The services' figures on this machine, every row from this one run (`make bench` calls it):
# start-up and idle/loaded memory of each JVM, durable POST /api/v1/query straight to the core on
# its embedded store and on PostgreSQL (and its ratio to GET /status of the same process), the same through nginx
# (Debian's) and through jessy-api in front of the same core, the p99 the gateway adds at 4
# connections, disk per stored turn, and eight churn runs through the gateway that must all be 2xx.
#   DURATION (10s) per measured run, after a WARMUP (20s) run; CONNECTIONS (16); wrk with 1 thread.
# Prints a Markdown table; with --record FILE also appends it, dated, to FILE. Needs the built jars;
# installs wrk and nginx from Debian when missing (root). Ports 18280-18283 and 13200-13202 are used.
# Then the production images (BENCH_IMAGES=false skips them): built, started, loaded at 512M and 256M;
# and the development stack's `up --wait`.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
# Long enough for the JIT to finish with the hot paths of every process in the path (a 5 s warm-up
# left the gateway's C2 compiles running into the measured run: 0.37× nginx instead of 0.8×).
WARMUP=${WARMUP:-20s}
CONNECTIONS=${CONNECTIONS:-16}
RECORD=
[[ ${1:-} == --record ]] && RECORD=${2:?--record needs a file}
CORE_PORT=18280
NGINX_PORT=18281
PG_CORE_PORT=18282
API_PORT=13200
STACK_API_PORT=13201
DEV_CORE_PORT=18283
DEV_API_PORT=13202
CORE_JAR=jessy-core/target/quarkus-app/quarkus-run.jar
API_JAR=jessy-api/target/quarkus-app/quarkus-run.jar
[[ -f $CORE_JAR && -f $API_JAR ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }

need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  ((EUID == 0)) || { echo "$1 is missing: apt-get install -y $2" >&2; exit 1; }
  echo "==> installing $2" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need wrk wrk
need nginx nginx-light

work=$(mktemp -d)
pids=()
# shellcheck disable=SC2317 # invoked by the trap below
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && nginx -c "$work/nginx.conf" -s stop 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

rows=()
row() { rows+=("| $1 | $2 | $3 |"); echo "  $1: $2 (target $3)" >&2; }

# start NAME LOG URL ENV...: a service from its jar; sets $pid; waits until URL answers.
start() {
  local name=$1 log=$2 url=$3
  shift 3
  env "$@" java -jar "$([[ $name == core* ]] && echo "$CORE_JAR" || echo "$API_JAR")" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$url" && return 0; sleep 0.1; done
  echo "$name did not start; see $log" >&2
  exit 1
}
started_in() { sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$1" | head -1; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

post=$work/post.lua
cat >"$post" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query": "I have been feeling sad and lonely since my friend moved away"}'
LUA
# load URL [CONNECTIONS] [SCRIPT]: warm-up, then measure; sets rps, p50, p99, non2xx.
load() {
  local url=$1 c=${2:-$CONNECTIONS} script=${3:-$post} out
  wrk -t1 -c"$c" -d"$WARMUP" -s "$script" "$url" >/dev/null
  out=$(wrk -t1 -c"$c" -d"$DURATION" --latency -s "$script" "$url")
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  non2xx=${non2xx:-0}
}
get=$work/get.lua
echo 'wrk.method = "GET"' >"$get"
ms() { # ms 1.23ms|850.00us|1.2s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}

# bench_images: the production images' rows. Builds them (docker/Dockerfile), then: each service's
# start in its image at 1 CPU, `up --wait` of the production stack, idle RSS in the containers, a
# 60 s load through the gateway at MEMORY_LIMIT 512M and 256M (no OOM kill, no error), image sizes.
bench_images() {
  local images_env=$work/images.env project=jessy-bench
  : >"$images_env"
  scripts/prepare-images.sh --env-file "$images_env"
  local -a compose=(docker compose --env-file "$images_env" -p "$project"
    -f docker-compose.yml -f docker-compose.prod.yml)
  export GATEWAY_SECRET=$secret POSTGRES_PASSWORD=unused-here API_TLS_PORT=$STACK_API_PORT
  # The production stack is HTTPS only: a CA and certificate for this run.
  TLS_CERT_BASE=$work/certs scripts/certs.sh
  export TLS_CERT_DIR=$work/certs/server
  export ALLOW_ANONYMOUS=true RATE_LIMIT_RPS=100000000 RATE_LIMIT_BURST=100000000
  "${compose[@]}" build -q jessy-core jessy-api >&2
  for service in core api; do
    row "jessy-$service image size" "$(docker image inspect -f '{{.Size}}' "jessy-$service:latest" |
      awk '{printf "%d MB", $1 / 1e6}')" "—"
  done

  local run_env=(-e JESSY_ENV=production -e GATEWAY_SECRET="$secret" -e ALLOW_ANONYMOUS=true
    -e CORE_SERVICE_URL=http://127.0.0.1:9)
  for service in core api; do
    local name=jessy-bench-start-$service starts=()
    for _ in 1 2 3; do
      docker run -d --name "$name" --cpus 1 --memory 512m --read-only --tmpfs /tmp \
        "${run_env[@]}" "jessy-$service:latest" >/dev/null
      for _ in $(seq 1 100); do
        docker logs "$name" 2>&1 | grep -q 'started in' && break
        sleep 0.1
      done
      starts+=("$(docker logs "$name" 2>&1 | sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' | head -1)")
      docker rm -fv "$name" >/dev/null
    done
    row "jessy-$service start in its production image at 1 CPU (3 runs)" "${starts[*]} s" "≤ 0.5 s"
  done

  for limit in 512M 256M; do
    "${compose[@]}" down -v >/dev/null 2>&1 || true
    local started
    started=$(date +%s%N)
    MEMORY_LIMIT=$limit "${compose[@]}" up -d --wait --quiet-pull >/dev/null 2>&1 ||
      { row "production up --wait at $limit" "FAILED" "healthy"; continue; }
    if [[ $limit == 512M ]]; then
      row "production \`up --wait\` → all healthy (embedded store)" \
        "$(awk -v ns=$(($(date +%s%N) - started)) 'BEGIN {printf "%.1f s", ns / 1e9}')" "≤ 6 s"
    fi
    sleep 5
    local core_pid api_pid
    core_pid=$(docker inspect -f '{{.State.Pid}}' "$project-jessy-core-1")
    api_pid=$(docker inspect -f '{{.State.Pid}}' "$project-jessy-api-1")
    if [[ $limit == 512M ]]; then
      row "jessy-core idle RSS in its container" "$(rss_mb "$core_pid") MB" "≤ 120 MB"
      row "jessy-api idle RSS in its container" "$(rss_mb "$api_pid") MB" "≤ 120 MB"
    fi
    local out
    out=$(wrk -t1 -c"$CONNECTIONS" -d60s -s "$post" "https://127.0.0.1:$STACK_API_PORT/api/v1/query")
    local killed non2xx rps_load
    killed=$(docker inspect -f '{{.State.OOMKilled}} {{.RestartCount}}' "$project-jessy-core-1" "$project-jessy-api-1" | tr '\n' ' ')
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    rps_load=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")
    row "60 s through the gateway at MEMORY_LIMIT=$limit: req/s, non-2xx, RSS core/api after, OOM-killed+restarts core/api" \
      "$rps_load req/s, ${non2xx:-0} non-2xx, $(rss_mb "$core_pid")/$(rss_mb "$api_pid") MB, $killed" "0 non-2xx, no OOM kill"
    "${compose[@]}" down -v >/dev/null 2>&1
  done

  # The development stack: images built, a fresh Maven volume (what `make up` meets after `down -v`).
  local -a dev=(docker compose --env-file "$images_env" -p "$project-dev" -f docker-compose.yml)
  export JESSY_PORT=$DEV_CORE_PORT API_PORT=$DEV_API_PORT
  "${dev[@]}" build -q >&2
  "${dev[@]}" down -v >/dev/null 2>&1 || true
  started=$(date +%s%N)
  if "${dev[@]}" up -d --wait --quiet-pull >/dev/null 2>&1; then
    row "development \`up --wait\` → all healthy (images built, fresh Maven volume)" \
      "$(awk -v ns=$(($(date +%s%N) - started)) 'BEGIN {printf "%.1f s", ns / 1e9}')" "≤ 45 s"
  else
    row "development \`up --wait\`" "FAILED" "healthy"
  fi
  "${dev[@]}" down -v >/dev/null 2>&1
}

secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
echo "==> jessy-core (embedded store) and jessy-api from their jars" >&2
start core "$work/core.log" "http://127.0.0.1:$CORE_PORT/health/ready" \
  JESSY_PORT=$CORE_PORT JESSY_DATA_DIR="$work/data" GATEWAY_SECRET="$secret"
core=$pid
start api "$work/api.log" "http://127.0.0.1:$API_PORT/api/health/ready" \
  API_PORT=$API_PORT CORE_SERVICE_URL=http://127.0.0.1:$CORE_PORT GATEWAY_SECRET="$secret" \
  RATE_LIMIT_RPS=100000000 RATE_LIMIT_BURST=100000000
api=$pid
sleep 2
row "jessy-core start, host JVM (Quarkus \"started in\")" "$(started_in "$work/core.log") s" "—"
row "jessy-api start, host JVM" "$(started_in "$work/api.log") s" "—"
row "jessy-core idle RSS, host JVM" "$(rss_mb "$core") MB" "≤ 120 MB"
row "jessy-api idle RSS, host JVM" "$(rss_mb "$api") MB" "≤ 120 MB"

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream core { server 127.0.0.1:$CORE_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://core;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf"

echo "==> GET /status and durable POST /api/v1/query straight to the core (embedded store)" >&2
load "http://127.0.0.1:$CORE_PORT/status" "$CONNECTIONS" "$get"
status_rps=$rps
row "GET /status straight to the core" "$status_rps req/s" "—"
load "http://127.0.0.1:$CORE_PORT/api/v1/query"
direct_rps=$rps
row "durable POST /api/v1/query, core on its embedded store, $CONNECTIONS connections" "$rps req/s (p50 $p50, p99 $p99)" "≥ 10 000 req/s"
row "the same ÷ GET /status" "$(awk -v a="$rps" -v b="$status_rps" 'BEGIN {printf "%.3f", a / b}')" "≥ 0.15"

echo "==> the same through nginx and through jessy-api" >&2
load "http://127.0.0.1:$NGINX_PORT/api/v1/query"
nginx_rps=$rps
row "through nginx" "$rps req/s (p50 $p50, p99 $p99)" "—"
load "http://127.0.0.1:$API_PORT/api/v1/query"
row "through jessy-api" "$rps req/s (p50 $p50, p99 $p99)" "—"
row "jessy-api ÷ nginx" "$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')" "≥ 0.9"
row "jessy-api ÷ direct" "$(awk -v a="$rps" -v b="$direct_rps" 'BEGIN {printf "%.2f", a / b}')" "—"
load "http://127.0.0.1:$CORE_PORT/api/v1/query" 4
direct_p99=$(ms "$p99")
load "http://127.0.0.1:$API_PORT/api/v1/query" 4
row "p99 added by jessy-api at 4 connections" "$(awk -v a="$(ms "$p99")" -v b="$direct_p99" 'BEGIN {printf "%+.2f ms", a - b}') ($direct_p99 → $(ms "$p99") ms)" "≤ 2 ms"

row "jessy-core RSS after the load" "$(rss_mb "$core") MB" "—"
row "jessy-api RSS after the load" "$(rss_mb "$api") MB" "—"
turns=$(curl -fsS "http://127.0.0.1:$CORE_PORT/metrics" |
  awk '/^jessy_queries_total/ {n += $2} END {printf "%d", n}')
bytes=$(du -sb "$work/data" | cut -f1)
row "embedded store on disk per stored turn ($turns turns, $((bytes / 1048576)) MB)" "$((bytes / (turns > 0 ? turns : 1))) bytes" "≤ 1 KB"

echo "==> churn: eight 3 s runs through the gateway, back to back" >&2
churn_failed=0
for _ in 1 2 3 4 5 6 7 8; do
  out=$(wrk -t1 -c"$CONNECTIONS" -d3s -s "$post" "http://127.0.0.1:$API_PORT/api/v1/query")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  churn_failed=$((churn_failed + ${bad:-0}))
done
row "non-2xx in eight back-to-back 3 s runs through jessy-api" "$churn_failed" "0"

echo "==> durable POST straight to the core on PostgreSQL" >&2
if url=$(scripts/postgres-local.sh 2>/dev/null); then
  start core-pg "$work/core-pg.log" "http://127.0.0.1:$PG_CORE_PORT/health/ready" \
    JESSY_PORT=$PG_CORE_PORT DATABASE_URL="$url" GATEWAY_SECRET="$secret"
  load "http://127.0.0.1:$PG_CORE_PORT/status" "$CONNECTIONS" "$get"
  status_rps=$rps
  load "http://127.0.0.1:$PG_CORE_PORT/api/v1/query"
  row "durable POST /api/v1/query, core on PostgreSQL, $CONNECTIONS connections" "$rps req/s (p50 $p50, p99 $p99)" "≥ 10 000 req/s"
  row "the same ÷ GET /status" "$(awk -v a="$rps" -v b="$status_rps" 'BEGIN {printf "%.3f", a / b}')" "≥ 0.15"
else
  row "durable POST, core on PostgreSQL" "not measured: no local PostgreSQL" "≥ 10 000 req/s"
fi

if [[ ${BENCH_IMAGES:-true} == true ]]; then
  echo "==> the production images (scripts/docker-engine.sh, local base images when no registry)" >&2
  bench_images
fi

table=$(
  echo "| figure | measured | target |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo
echo "$table"
if [[ -n $RECORD ]]; then
  {
    echo
    echo "### $(date -u +%Y-%m-%d) — scripts/bench-http.sh ($(nproc) vCPU, $(java -version 2>&1 | head -1))"
    echo
    echo "$table"
  } >>"$RECORD"
fi
((churn_failed == 0)) || { echo "churn: $churn_failed answers were not 2xx" >&2; exit 1; }
