#!/usr/bin/env bash
# train.sh SERVICE CACHE: the AOT training run of a production image (training stage of
# docker/Dockerfile). Starts the service from /opt/jessy on the image's own jlink'ed runtime with
# the image's JVM options and -XX:AOTCacheOutput, sends it the requests a running service sees
# (health, status, metrics, queries, a problem), then stops it with SIGTERM; the JVM writes the
# cache as it exits. The production stage copies the cache; `-XX:AOTCache` in its ENTRYPOINT then
# loads and links the recorded classes at start-up instead of finding them in the jars.
set -euo pipefail
service=$1
cache=$2
java=/opt/java/openjdk/bin/java
secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
data=$(mktemp -d)
log=$(mktemp)
key=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
auth=(-H "Authorization: Bearer $key")
body='{"query": "I have been feeling sad and lonely since my friend moved away"}'

case $service in
  core)
    port=8080 ready=/health/ready
    env=(JESSY_PORT="$port" JESSY_DATA_DIR="$data")
    gets=(/status /health /metrics /api/v1/sessions/unknown-session)
    post=/api/v1/query
    ;;
  api)
    # No core here: proxied requests end in the gateway's own 503 problem, which is a path the
    # gateway has to start fast for too (a core that restarts).
    port=3000 ready=/api/health/live
    env=(API_PORT="$port" CORE_SERVICE_URL=http://127.0.0.1:9 API_KEYS=training:"$key")
    gets=(/status /api/health /api/health/ready /api/metrics /api/v1/sessions/unknown-session)
    post=/api/v1/query
    ;;
  *) echo "train.sh: SERVICE is core or api, not '$service'" >&2; exit 2 ;;
esac

env "${env[@]}" JESSY_ENV=production GATEWAY_SECRET="$secret" LOG_LEVEL=WARN \
  "$java" @/opt/jessy/jvm.options -XX:AOTCacheOutput="$cache" -jar /opt/jessy/quarkus-run.jar \
  >"$log" 2>&1 &
pid=$!
url=http://127.0.0.1:$port
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$url$ready" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "train.sh: $service did not start" >&2; exit 1; }
  sleep 0.1
done
for _ in $(seq 1 50); do
  for path in "${gets[@]}"; do curl -s -o /dev/null "${auth[@]}" "$url$path"; done
  curl -s -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' \
    -d "$body" "$url$post"
  curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"query": ' "$url$post"
done
kill -TERM "$pid"
wait "$pid" || true # 143: stopped by SIGTERM, as intended
grep -E 'AOTCache creation is complete|error' "$log" >&2 || true
[[ -s $cache ]] || { cat "$log" >&2; echo "train.sh: no AOT cache written" >&2; exit 1; }
rm -rf "$data" "$log"
