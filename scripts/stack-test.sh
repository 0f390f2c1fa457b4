#!/usr/bin/env bash
# The container stack, tested for real (called by .ci/run, `make test-integration`, `make test-bdd`):
#   scripts/stack-test.sh [prod] [postgres] [dev]        (no argument: all three)
# - prod:     production images, `up --wait`, the black-box suite in the jessy-test container, checks
#             (non-root, read-only root, only the gateway published), SIGTERM → both exit cleanly
#             within the shutdown timeout, `down -v` leaves nothing behind.
# - postgres: the same with the PostgreSQL profile (DATABASE_URL → the db service).
# - dev:      development stack from a copy of the working tree, one source edit seen live, and the
#             production image rebuilt after that one-line change (timed).
# Installs and starts Docker if needed; without registry access it builds local base images first
# (docker/base-images.sh). Tears everything down even on failure; exits non-zero if anything failed,
# with the suite's exit code when the suite is what failed. Timings go to target/stack-test/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

stages=("$@")
((${#stages[@]})) || stages=(prod postgres dev)
out=$root/target/stack-test
mkdir -p "$out"
results=$out/results.txt
: >"$results"

log() { echo "==> $*" >&2; }
record() { echo "$*" | tee -a "$results" >&2; }
failures=0
fail() {
  echo "FAIL: $*" >&2
  echo "FAIL: $*" >>"$results"
  failures=$((failures + 1))
}

# --- Docker engine, base images: the official ones when this machine has them or can pull them,
# else local ones.
images_env=$out/images.env
: >"$images_env"
started=$SECONDS
scripts/prepare-images.sh --env-file "$images_env" builder postgres prometheus
record "base images ready in $((SECONDS - started)) s"

# Settings for every stack here: host ports away from `make run`'s, two API keys so the suite's
# key, ownership and rate-limit scenarios run, and a rate the suite can pace itself against. The
# production override requires its secrets: made up for this run.
export JESSY_PORT=${STACK_CORE_PORT:-18080} API_PORT=${STACK_API_PORT:-13000}
export PROMETHEUS_PORT=${STACK_PROMETHEUS_PORT:-19090}
export API_KEYS=stack-key-1,stack-key-2 RATE_LIMIT_RPS=50 RATE_LIMIT_BURST=20
GATEWAY_SECRET=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
POSTGRES_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export GATEWAY_SECRET POSTGRES_PASSWORD
SHUTDOWN_SECONDS=10
export SHUTDOWN_TIMEOUT=${SHUTDOWN_SECONDS}s
# Production serves HTTPS only, with a certificate from a CA made for this run; the certificate is
# re-issued under the running stack (rotation), so the gateway reads it every 2 s here.
export API_TLS_PORT=${STACK_API_TLS_PORT:-13443} TLS_RELOAD_PERIOD=2s
rm -rf "$out/certs"
TLS_CERT_BASE=$out/certs scripts/certs.sh
export TLS_CERT_DIR=$out/certs/server
ca=$out/certs/ca.crt
gateway=https://127.0.0.1:$API_TLS_PORT

projects=()
# compose PROJECT DIR [FILES...] -- ARGS: docker compose for one project, base images passed in.
compose() {
  local project=$1 dir=$2
  shift 2
  local files=()
  while [[ $1 != -- ]]; do files+=(-f "$1"); shift; done
  shift
  docker compose --project-directory "$dir" --env-file "$images_env" -p "$project" "${files[@]}" "$@"
}
prod() { compose "$1" "$root" "$root/docker-compose.yml" "$root/docker-compose.prod.yml" -- "${@:2}"; }

teardown() {
  local project
  for project in "${projects[@]}"; do
    docker compose -p "$project" down -v --remove-orphans --timeout 20 >/dev/null 2>&1 || true
  done
}
trap teardown EXIT

container() { docker ps -aq --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.service=$2"; }

# leftovers PROJECT: fails if `down -v` left a container, network or volume of PROJECT behind.
check_nothing_left() {
  local project=$1 left
  left=$(
    docker ps -aq --filter "label=com.docker.compose.project=$project"
    docker network ls -q --filter "label=com.docker.compose.project=$project"
    docker volume ls -q --filter "label=com.docker.compose.project=$project"
  )
  [[ -z $left ]] || fail "$project: down -v left behind: $left"
}

# hardened PROJECT SERVICE: non-root user, read-only root file system, no capabilities.
check_hardened() {
  local id user read_only caps
  id=$(container "$1" "$2")
  user=$(docker inspect -f '{{.Config.User}}' "$id")
  read_only=$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$id")
  caps=$(docker inspect -f '{{.HostConfig.CapDrop}}' "$id")
  [[ -n $user && $user != root && $user != 0 && $user != 0:* ]] || fail "$2 runs as '${user:-root}'"
  [[ $read_only == true ]] || fail "$2 has a writable root file system"
  [[ $caps == *ALL* ]] || fail "$2 keeps capabilities ($caps)"
  record "$2: user $user, read-only root $read_only, cap_drop $caps"
}

# graceful_stop PROJECT SERVICE: SIGTERM, then exit code 0 or 143 within the shutdown timeout.
check_graceful_stop() {
  local id started took code
  id=$(container "$1" "$2")
  started=$(date +%s%N)
  docker stop -t $((SHUTDOWN_SECONDS + 10)) "$id" >/dev/null
  took=$((($(date +%s%N) - started) / 1000000))
  code=$(docker inspect -f '{{.State.ExitCode}}' "$id")
  record "$2: stopped by SIGTERM in $took ms, exit code $code"
  [[ $code == 0 || $code == 143 ]] || fail "$2 exited $code after SIGTERM"
  ((took <= SHUTDOWN_SECONDS * 1000)) || fail "$2 took $took ms to stop (timeout ${SHUTDOWN_SECONDS}s)"
  # Exit code 143 within the timeout is the proof; the log line is reported, not required (the
  # container's log may lag the exit by a moment).
  if ! docker logs "$id" 2>&1 | grep "stopped in" >/dev/null; then
    record "$2: no \"stopped in\" line in its log right after the exit"
  fi
}

# expect_output PATTERN WHAT COMMAND...: fails WHAT unless COMMAND succeeds and prints PATTERN.
# (The output is captured first: with pipefail, `grep -q` closing a pipe early would fail COMMAND.)
expect_output() {
  local pattern=$1 what=$2 said
  shift 2
  if said=$("$@") && grep -q "$pattern" <<<"$said"; then return 0; fi
  fail "$what: ${said:-no output}"
}

# check_prometheus LABEL: both services are up targets of the monitoring profile's Prometheus, and
# every dashboard query and alert rule evaluates without error (dashboard queries with series).
check_prometheus() {
  local label=$1 prometheus=http://127.0.0.1:$PROMETHEUS_PORT up=0
  for _ in $(seq 1 60); do
    up=$(curl -fsS "$prometheus/api/v1/targets" |
      python3 -c 'import json,sys; t=json.load(sys.stdin)["data"]["activeTargets"]; print(sum(1 for x in t if x["labels"]["job"] in ("jessy-core","jessy-api") and x["health"]=="up"))' ||
      echo 0)
    ((up == 2)) && break
    sleep 1
  done
  ((up == 2)) || fail "$label: Prometheus does not see both services up"
  record "$label: Prometheus scrapes jessy-core and jessy-api (both up)"
  # A series born in the suite's last seconds needs two scrapes (5 s apart) before rate() sees it.
  sleep 15
  if python3 scripts/monitoring.py evaluate "$prometheus" >"$out/prometheus-evaluate.txt" 2>&1; then
    record "$label: every dashboard query and alert rule evaluated ($(grep -c '^ok' "$out/prometheus-evaluate.txt") expressions)"
  else
    cat "$out/prometheus-evaluate.txt" >&2
    fail "$label: dashboard or alert expressions against Prometheus"
  fi
}

# The serial of the certificate the gateway presents to a new connection.
served_serial() {
  openssl s_client -connect "127.0.0.1:$API_TLS_PORT" -servername localhost </dev/null 2>/dev/null |
    openssl x509 -noout -serial | cut -d= -f2
}

# check_tls LABEL PROJECT: the gateway's HTTPS as clients and a scanner see it, and a certificate
# replaced under it.
check_tls() {
  local label=$1 project=$2 said old started_at serial renewed waited=0
  said=$(openssl s_client -connect "127.0.0.1:$API_TLS_PORT" -servername localhost -alpn h2,http/1.1 \
    -CAfile "$ca" </dev/null 2>&1) || true
  if grep -q "^New, TLSv1.3" <<<"$said" && grep -q "^ALPN protocol: h2" <<<"$said" &&
    grep -q "Verify return code: 0 (ok)" <<<"$said"; then
    record "$label: $(grep -m1 '^New, ' <<<"$said"); $(grep -m1 '^ALPN protocol' <<<"$said"); certificate verified"
  else
    fail "$label: HTTPS with TLS 1.3, h2 and a certificate the CA verifies: $(grep -m3 -i 'error\|New,\|ALPN' <<<"$said")"
  fi
  # OpenSSL 3 itself refuses TLS 1.0/1.1 below security level 0, so the client is told to offer them.
  for old in tls1 tls1_1; do
    if openssl s_client -connect "127.0.0.1:$API_TLS_PORT" "-$old" -cipher 'DEFAULT:@SECLEVEL=0' \
      </dev/null >/dev/null 2>&1; then
      fail "$label: the gateway accepts ${old/_/.}"
    fi
  done
  if curl -s -m 5 -o /dev/null "http://127.0.0.1:$API_TLS_PORT/api/health"; then
    fail "$label: plain HTTP answered on the HTTPS port"
  fi
  record "$label: TLS 1.0 and 1.1 refused; plain HTTP on the HTTPS port refused"
  check_testssl "$label"
  # Rotation: a new certificate from the same CA, renamed into the mounted directory.
  old=$(served_serial)
  started_at=$(docker inspect -f '{{.State.StartedAt}}' "$(container "$project" jessy-api)")
  TLS_CERT_BASE=$out/certs scripts/certs.sh --renew 2>/dev/null
  renewed=$(openssl x509 -in "$TLS_CERT_DIR/tls.crt" -noout -serial | cut -d= -f2)
  until serial=$(served_serial) && [[ $serial == "$renewed" ]] || ((waited >= 30)); do
    sleep 1
    waited=$((waited + 1))
  done
  if [[ $serial != "$renewed" ]]; then
    fail "$label: the renewed certificate ($renewed) is not served after 30 s (still $serial)"
  elif [[ $(docker inspect -f '{{.State.StartedAt}}' "$(container "$project" jessy-api)") != "$started_at" ]]; then
    fail "$label: the gateway restarted to serve the renewed certificate"
  else
    record "$label: certificate rotated without a restart: serial $old -> $renewed, served after ${waited} s"
  fi
  curl -fsS -m 5 --cacert "$ca" "$gateway/api/health" >/dev/null || fail "$label: gateway health after the rotation"
}

# check_testssl LABEL: testssl.sh (Debian's package) on the gateway: protocols, cipher categories,
# forward secrecy, server preferences and certificate, headers, known vulnerabilities. Fails on a
# finding rated HIGH or CRITICAL, except cert_revocation: a local CA has no CRL or OCSP service (a
# certificate from a public CA names one).
check_testssl() {
  local label=$1 started=$SECONDS
  command -v testssl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq testssl.sh >/dev/null
  testssl --quiet --color 0 --warnings off --add-ca "$ca" -p -s -f -P -S -h -U \
    --jsonfile "$out/testssl.json" "127.0.0.1:$API_TLS_PORT" >"$out/testssl.txt" 2>&1 || true
  if said=$(python3 - "$out/testssl.json" <<'PY'
import collections, json, sys
findings = json.load(open(sys.argv[1]))
counts = collections.Counter(f["severity"] for f in findings)
print("testssl.sh: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
bad = [f for f in findings if f["severity"] in ("HIGH", "CRITICAL") and f["id"] != "cert_revocation"]
for f in findings:
    if f["severity"] in ("LOW", "MEDIUM", "HIGH", "CRITICAL", "WARN"):
        print(f"  {f['severity']} {f['id']}: {f['finding']}" + ("  (allowed: local CA)" if f["id"] == "cert_revocation" else ""))
sys.exit(1 if bad or not findings else 0)
PY
  ); then
    record "$label: $(head -1 <<<"$said") (in $((SECONDS - started)) s; report target/stack-test/testssl.txt)"
    tail -n +2 <<<"$said" | tee -a "$results" >&2
  else
    record "$label: $said"
    fail "$label: testssl.sh found a HIGH or CRITICAL issue (target/stack-test/testssl.txt)"
  fi
}

suite_rc=0
# production PROJECT LABEL [monitor]: the production stack with the suite and every check; with
# "monitor", the monitoring profile's Prometheus too, and every dashboard and alert expression
# evaluated against it after the suite's traffic.
production() {
  local project=$1 label=$2 monitor=${3:-} started rc variable said
  projects+=("$project")
  # Fails closed: without one of its secrets, the production override does not even start.
  for variable in GATEWAY_SECRET POSTGRES_PASSWORD; do
    if said=$(env -u "$variable" docker compose --project-directory "$root" -p "$project" \
      -f "$root/docker-compose.yml" -f "$root/docker-compose.prod.yml" config 2>&1 >/dev/null); then
      fail "$label: the production stack starts without $variable"
    elif ! grep -q "$variable" <<<"$said"; then
      fail "$label: refused without $variable, but without naming it: $said"
    fi
  done
  log "[$label] building production images"
  started=$SECONDS
  prod "$project" --profile test build jessy-core jessy-api jessy-test || { fail "$label: image build"; return; }
  record "$label: production images built in $((SECONDS - started)) s"
  docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^jessy-(core|api):latest ' |
    sed "s/^/$label: image /" | tee -a "$results" >&2
  log "[$label] up --wait"
  started=$(date +%s%N)
  if ! prod "$project" up -d --wait; then
    prod "$project" logs --no-color --tail 80 >&2 || true
    fail "$label: stack did not become healthy"
    return
  fi
  record "$label: up --wait to all healthy in $((($(date +%s%N) - started) / 1000000)) ms"
  check_hardened "$project" jessy-core
  check_hardened "$project" jessy-api
  [[ -z $(docker port "$(container "$project" jessy-core)") ]] || fail "$label: jessy-core publishes a port"
  [[ -z $(docker port "$(container "$project" jessy-api)" 3000 2>/dev/null) ]] || fail "$label: the gateway publishes plain HTTP"
  curl -fsS -m 5 --cacert "$ca" "$gateway/api/health" >/dev/null || fail "$label: gateway health at $gateway"
  # The console from the production image, under its policy (its behaviour: the @browser scenarios).
  page_headers=$(curl -fsS -m 5 --cacert "$ca" -D - -o /dev/null "$gateway/") || page_headers=
  grep -qi "^content-security-policy: default-src 'none'" <<<"$page_headers" ||
    fail "$label: the console at / with its Content-Security-Policy"
  grep -qi "^strict-transport-security: max-age=" <<<"$page_headers" || fail "$label: no Strict-Transport-Security"
  curl -fsS -m 5 --cacert "$ca" "$gateway/api/openapi.json" |
    python3 -c 'import json, sys; assert json.load(sys.stdin)["openapi"].startswith("3.1")' ||
    fail "$label: the API contract at /api/openapi.json"
  if [[ $label == prod ]]; then check_tls "$label" "$project"; fi
  if [[ -n $monitor ]]; then
    log "[$label] monitoring profile: Prometheus"
    prod "$project" --profile monitoring up -d --wait prometheus || fail "$label: Prometheus did not start"
  fi
  log "[$label] black-box suite in the jessy-test container"
  set +e
  prod "$project" --profile test run --rm jessy-test -pl jessy-test verify
  rc=$?
  set -e
  record "$label: black-box suite exit code $rc"
  if ((rc != 0)); then
    suite_rc=$rc
    fail "$label: black-box suite"
  fi
  if [[ -n $monitor ]]; then
    check_prometheus "$label"
  fi
  prod "$project" logs --no-color jessy-core >"$out/$project-core.log" 2>&1 || true
  grep -q "sessions are stored in" "$out/$project-core.log" || fail "$label: core log lacks its store"
  grep -o "sessions are stored in [^ ]*" "$out/$project-core.log" | head -1 | sed "s/^/$label: /" | tee -a "$results" >&2
  # make restart on the running stack: both come back healthy.
  COMPOSE_PROJECT_NAME=$project make -s restart >/dev/null || fail "$label: make restart"
  prod "$project" up -d --wait >/dev/null 2>&1 || fail "$label: not healthy after make restart"
  # make health finds the gateway on its HTTPS port, the only one production publishes.
  expect_output '"status":"healthy"' "$label: make health over HTTPS" \
    env COMPOSE_PROJECT_NAME="$project" TLS_CA="$ca" API_PORT=9 make -s health
  check_graceful_stop "$project" jessy-api
  check_graceful_stop "$project" jessy-core
  prod "$project" --profile postgres --profile test --profile monitoring down -v --remove-orphans >/dev/null 2>&1
  check_nothing_left "$project"
}

development() {
  local project=jessy-stack-dev started edited marker
  copy=$(mktemp -d)
  projects+=("$project")
  # A copy of the working tree: the edit below never touches the checkout.
  tar -C "$root" --exclude=./target --exclude='./*/target' --exclude=./.git --exclude=./data -cf - . | tar -C "$copy" -xf -
  dev() { compose "$project" "$copy" "$copy/docker-compose.yml" -- "$@"; }
  log "[dev] building development images"
  started=$SECONDS
  dev build jessy-core jessy-api || { fail "dev: image build"; return; }
  record "dev: development images built in $((SECONDS - started)) s"
  started=$(date +%s%N)
  if ! dev up -d --wait; then
    dev logs --no-color --tail 80 >&2 || true
    fail "dev: stack did not become healthy"
    return
  fi
  record "dev: up --wait to all healthy in $((($(date +%s%N) - started) / 1000000)) ms"
  # The Makefile's targets for a running stack, on this one.
  export COMPOSE_PROJECT_NAME=$project
  expect_output "jessy-core" "make ps" make -s -C "$copy" ps
  expect_output '"status":"healthy"' "make health" make -s -C "$copy" health
  for service in core api; do
    echo "test -d /workspace/jessy-$service/src && echo mounted" |
      expect_output mounted "make shell-$service: sources not mounted" \
        make -s -C "$copy" "shell-$service" EXEC_FLAGS=-T
    timeout 10 make -s -C "$copy" "logs-$service" >"$out/logs-$service.txt" 2>&1 || true
    grep -q "Listening on" "$out/logs-$service.txt" || fail "make logs-$service"
  done
  timeout 10 make -s -C "$copy" logs >"$out/logs.txt" 2>&1 || true
  grep -q "jessy-api" "$out/logs.txt" || fail "make logs"
  record "dev: make ps, health, shell-core, shell-api, logs, logs-core, logs-api work on the stack"
  unset COMPOSE_PROJECT_NAME
  # One edit to a Java source: the service name in every health body, new each run, so the timed
  # rebuild below never finds its layers cached from an earlier run on the same machine.
  marker=jessy-core-edited-$(date +%s)
  sed -i "s/SERVICE = \"jessy-core\"/SERVICE = \"$marker\"/" \
    "$copy/jessy-core/src/main/java/io/jessy/core/ops/HealthResource.java"
  started=$(date +%s%N)
  edited=false
  for _ in $(seq 1 120); do
    if curl -fsS -m 30 "http://127.0.0.1:$JESSY_PORT/health" 2>/dev/null | grep -q "\"service\":\"$marker\""; then
      edited=true
      break
    fi
    sleep 1
  done
  if $edited; then
    record "dev: source edit live (no restart) after $((($(date +%s%N) - started) / 1000000)) ms"
  else
    fail "dev: the edit to HealthResource.java never showed up"
  fi
  [[ $(docker inspect -f '{{.RestartCount}}' "$(container "$project" jessy-core)") == 0 ]] ||
    fail "dev: jessy-core restarted"
  dev down -v --remove-orphans >/dev/null 2>&1
  check_nothing_left "$project"
  # The production image after that one-line change: only the source layers rebuild.
  started=$SECONDS
  # (Tagged apart, so the edited image never passes for the real jessy-core:latest.)
  JESSY_IMAGE_TAG=stack-test-edit compose "$project" "$copy" "$copy/docker-compose.yml" \
    "$copy/docker-compose.prod.yml" -- build jessy-core || fail "rebuild after a one-line change"
  record "production jessy-core rebuilt after a one-line source change in $((SECONDS - started)) s"
  docker image rm jessy-core:stack-test-edit >/dev/null 2>&1 || true
  rm -rf "$copy"
}

for stage in "${stages[@]}"; do
  case $stage in
    prod) production jessy-stack-prod prod monitor ;;
    postgres)
      export COMPOSE_PROFILES=postgres DATABASE_URL=postgres://jessy:$POSTGRES_PASSWORD@db:5432/jessy
      production jessy-stack-pg postgres
      unset COMPOSE_PROFILES DATABASE_URL
      ;;
    dev) development ;;
    *) echo "unknown stage '$stage' (prod, postgres, dev)" >&2; exit 2 ;;
  esac
done

echo "--- results ($results)" >&2
cat "$results" >&2
if ((failures > 0)); then
  ((suite_rc != 0)) && exit "$suite_rc"
  exit 1
fi
