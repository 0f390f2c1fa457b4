#!/usr/bin/env bash
# Checks the monitoring stack as code against the real tools; no Grafana or Jaeger needed. Run by
# .ci/run after the build (it uses the packaged jars):
#   1. promtool check config, check rules, and the alerts' unit tests (test rules);
#   2. the Grafana dashboards: valid JSON with uid and title, provisioned datasource UIDs only;
#   3. promtool check metrics on both services' live /metrics after some traffic: a parse error,
#      or a lint finding in a jessy_* metric, fails.
# Every dashboard and alert expression is evaluated against a real Prometheus by
# scripts/stack-test.sh (the monitoring profile).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "==> $*" >&2; }

log "Prometheus configuration, rules and their unit tests (promtool)"
scripts/promtool.sh check config monitoring/prometheus/prometheus.yml
scripts/promtool.sh check rules monitoring/prometheus/alerts.yml
scripts/promtool.sh test rules monitoring/prometheus/alerts_test.yml

log "Grafana dashboards and datasources"
python3 scripts/monitoring.py dashboards

log "promtool check metrics on the services' live output"
CORE_PORT=${CHECK_CORE_PORT:-18180}
API_PORT=${CHECK_API_PORT:-13100}
data=$(mktemp -d)
pids=()
# shellcheck disable=SC2317 # invoked by the trap below
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
wait_up() {
  for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "not healthy: $1" >&2
  exit 1
}
secret=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
JESSY_PORT=$CORE_PORT JESSY_DATA_DIR=$data GATEWAY_SECRET=$secret \
  java -jar jessy-core/target/quarkus-app/quarkus-run.jar >"$data/core.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$CORE_PORT/health/ready"
API_PORT=$API_PORT CORE_SERVICE_URL=http://127.0.0.1:$CORE_PORT GATEWAY_SECRET=$secret \
  API_KEYS=checker:check-key RATE_LIMIT_RPS=1 RATE_LIMIT_BURST=2 \
  java -jar jessy-api/target/quarkus-app/quarkus-run.jar >"$data/api.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$API_PORT/api/health/ready"
# Some of everything: answers, a redirect, a 401, a 429, a 404.
for query in "I feel sad and lonely" "I want to kill myself" "what is consciousness"; do
  curl -s -o /dev/null -X POST "http://127.0.0.1:$API_PORT/api/v1/query" \
    -H 'Authorization: Bearer check-key' -H 'Content-Type: application/json' \
    -d "{\"query\": \"$query\"}"
done
curl -s -o /dev/null "http://127.0.0.1:$API_PORT/api/v1/dimensions"
curl -s -o /dev/null "http://127.0.0.1:$CORE_PORT/api/v1/sessions/unknown"

rc=0
for target in "jessy-core http://127.0.0.1:$CORE_PORT/metrics" "jessy-api http://127.0.0.1:$API_PORT/api/metrics"; do
  read -r service url <<<"$target"
  metrics=$(curl -fsS "$url")
  set +e
  findings=$(scripts/promtool.sh check metrics <<<"$metrics" 2>&1)
  code=$?
  set -e
  if ((code == 1)); then
    echo "FAIL: $service: promtool cannot read its metrics: $findings" >&2
    rc=1
    continue
  fi
  printf '%s\n--- metrics ---\n%s\n' "$findings" "$metrics" |
    python3 scripts/monitoring.py lint-metrics "$service" || rc=1
done
exit $rc
