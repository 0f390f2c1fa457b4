#!/usr/bin/env bash
# Runs jessy-core and jessy-api on this machine, without Docker, on their embedded defaults.
# Used by `make run` (which builds the jars first). Ctrl-C stops both gracefully.
#   Every variable of .env.example applies, from the shell or from .env (the shell wins), as with
#   docker compose; JESSY_PORT (8080) and API_PORT (3000) choose the ports. CORE_SERVICE_URL is
#   this run's core unless the shell sets it (.env's value is the compose network's).
#   Without GATEWAY_SECRET, one is made up for this run, so API keys keep sessions apart here too.
set -euo pipefail
cd "$(dirname "$0")/.."

core_url=${CORE_SERVICE_URL:-}
# shellcheck source=scripts/dotenv.sh
source scripts/dotenv.sh
load_dotenv .env
JESSY_PORT=${JESSY_PORT:-8080}
API_PORT=${API_PORT:-3000}
CORE_JAR=jessy-core/target/quarkus-app/quarkus-run.jar
API_JAR=jessy-api/target/quarkus-app/quarkus-run.jar
WAIT_SECONDS=${WAIT_SECONDS:-60}

for jar in "$CORE_JAR" "$API_JAR"; do
  [[ -f $jar ]] || { echo "missing $jar: build first with 'make run' or './mvnw package -DskipTests'" >&2; exit 1; }
done
for port in "$JESSY_PORT" "$API_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use; set JESSY_PORT / API_PORT to free ones" >&2
    exit 1
  fi
done

pids=()
# shellcheck disable=SC2317 # invoked by the traps below
stop() {
  trap - INT TERM EXIT
  echo "stopping jessy-api and jessy-core..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

# wait_healthy NAME URL PID: polls URL until it answers 2xx, the process dies, or time runs out.
wait_healthy() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until curl -fs -o /dev/null --max-time 2 "$2"; do
    kill -0 "$3" 2>/dev/null || { echo "$1 exited during start-up; see its output above" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "$1 not healthy after ${WAIT_SECONDS}s ($2)" >&2; exit 1; }
    sleep 0.2
  done
}

GATEWAY_SECRET=${GATEWAY_SECRET:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}
export GATEWAY_SECRET

JESSY_PORT=$JESSY_PORT java -jar "$CORE_JAR" > >(sed -u 's/^/[core] /') 2>&1 &
pids+=($!)
wait_healthy jessy-core "http://127.0.0.1:$JESSY_PORT/health/ready" "${pids[0]}"

API_PORT=$API_PORT CORE_SERVICE_URL=${core_url:-http://127.0.0.1:$JESSY_PORT} \
  java -jar "$API_JAR" > >(sed -u 's/^/[api]  /') 2>&1 &
pids+=($!)
wait_healthy jessy-api "http://127.0.0.1:$API_PORT/api/health/ready" "${pids[1]}"

cat <<INFO

  jessy-api   http://localhost:$API_PORT    (API /api/v1, health /api/health, metrics /api/metrics)
  jessy-core  http://localhost:$JESSY_PORT    (health /health, metrics /metrics, status /status)

  try: curl -s -X POST localhost:$API_PORT/api/v1/query -H 'Content-Type: application/json' -d '{"query":"what is consciousness"}'
  Ctrl-C stops both.

INFO
wait -n "${pids[@]}" || true
echo "a service exited; stopping the other" >&2
exit 1
