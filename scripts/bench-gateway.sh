#!/usr/bin/env bash
# Gateway overhead: POST /api/v1/query straight to jessy-core vs through jessy-api, same load; then
# eight short runs through the gateway, back to back, that must all be answered 2xx (churn).
# Used by `make bench`; needs wrk and the built jars. Prints Markdown tables.
#   DURATION (20s), CONNECTIONS (16), THREADS (1) shape the load; ports 18080/13000 are used.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
CORE_PORT=18080
API_PORT=13000
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_up() {
  for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "not healthy: $1" >&2; exit 1
}

JESSY_PORT=$CORE_PORT java -jar jessy-core/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$CORE_PORT/health/ready"
# The limiter stays in the path; its limits are set out of reach so it never refuses.
API_PORT=$API_PORT CORE_SERVICE_URL=http://127.0.0.1:$CORE_PORT RATE_LIMIT_RPS=100000000 \
  RATE_LIMIT_BURST=100000000 java -jar jessy-api/target/quarkus-app/quarkus-run.jar >/dev/null 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$API_PORT/api/health/ready"

script=$(mktemp --suffix=.lua)
cat >"$script" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query": "I have been feeling sad and lonely since my friend moved away"}'
LUA

run() { # run NAME URL: warm up, then measure; prints "| NAME | req/s | p50 | p99 |"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$script" "$2" >/dev/null
  local out rps p50 p99
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$script" "$2")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "| $1 | $rps | $p50 | $p99 |"
}

echo "| target | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
run "jessy-core direct" "http://127.0.0.1:$CORE_PORT/api/v1/query"
run "through jessy-api" "http://127.0.0.1:$API_PORT/api/v1/query"

# Churn: short runs back to back, each ending with requests in flight that wrk abandons. Clients
# that hang up must cost no other client an answer (issue 17): any non-2xx fails the benchmark.
echo
echo "| churn run (3 s, $CONNECTIONS connections, through jessy-api) | requests | non-2xx |"
echo "|---|---|---|"
failed=0
for i in 1 2 3 4 5 6 7 8; do
  out=$(wrk -t1 -c"$CONNECTIONS" -d3s -s "$script" "http://127.0.0.1:$API_PORT/api/v1/query")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "| $i | $requests | ${non2xx:-0} |"
  [[ -z $non2xx ]] || failed=1
done
rm -f "$script"
if ((failed)); then
  echo "churn: some answers were not 2xx" >&2
  exit 1
fi
