#!/usr/bin/env bash
# The Swarm drill (issue 13; called by .ci/run and `make test-swarm`): deploys the stack of
# deploy/swarm/ (3 core replicas on PostgreSQL, 2 gateway replicas) as the stack `jessydrill`, then
#   1. every core replica gets queries through the gateways (/status of each replica);
#   2. under steady load through both gateways: a rolling update of the core to a new image tag,
#      then one core container killed; no 5xx but a 503 with Retry-After, no failed connection,
#      and every acknowledged turn is in PostgreSQL (no more than the ambiguous ones beyond);
#   3. the core scaled 3 -> 1 -> 3 under load, the same checks;
#   4. the gateways with a low limit: one client sending to both replicas is held to one bucket.
# Prints the figures (requests, answers by status, time to converge) and writes them to
# target/swarm-test/results.txt. Self-contained: makes a one-node swarm if this engine is in none,
# and leaves it (and removes the stack, its secrets and volumes) whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/target/swarm-test
rm -rf "$out"
mkdir -p "$out"
results=$out/results.txt

# DNS round-robin and a host port per gateway task on every kernel: step 4 needs each gateway's own
# address (the routing mesh would hide which replica answers).
export STACK=jessydrill SWARM_DIR=$out/secrets CORE_REPLICAS=3 API_REPLICAS=2 SWARM_PUBLISH=no-ipvs
export RATE_LIMIT_RPS=100000 RATE_LIMIT_BURST=100000
key=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
API_KEYS="drill:sha256:$(printf %s "$key" | sha256sum | cut -d' ' -f1)"
export API_KEYS
net=${STACK}_jessy

log() { echo "==> $*" >&2; }
record() { echo "$*" | tee -a "$results" >&2; }
failures=0
fail() {
  echo "FAIL: $*" | tee -a "$results" >&2
  failures=$((failures + 1))
}

# shellcheck disable=SC2317 # invoked by the trap below
cleanup() {
  touch "$out/stop"
  wait 2>/dev/null || true
  scripts/swarm.sh down || true
  docker volume rm "${STACK}_db-data" >/dev/null 2>&1 || true
  docker image rm jessy-core:drill-2 >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'echo "swarm drill: a command failed at line $LINENO" >&2' ERR

started=$SECONDS
scripts/swarm.sh up
record "deployed and converged (3 core, 2 gateway replicas, images built): $((SECONDS - started)) s"
mapfile -t gateways < <(scripts/swarm.sh ports)
record "gateway addresses: ${gateways[*]}"
((${#gateways[@]} >= 1)) || { fail "no gateway address"; exit 1; }

# On the stack's own network: a throwaway container with curl (the builder image).
builder=$(sed -n 's/^BUILDER_IMAGE=//p' .env 2>/dev/null || true)
builder=${builder:-$(docker image inspect jessy-local/builder:25 >/dev/null 2>&1 && echo jessy-local/builder:25 || echo maven:3.9-eclipse-temurin-25)}
inside() { docker run --rm --network "$net" --entrypoint bash "$builder" -c "$1"; }
psql_db() {
  docker exec "$(docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_db" | head -1)" \
    psql -U jessy -d jessy -At -c "$1"
}

# load NAME SECONDS|until-stopped: runs scripts/swarm_load.py in the background (pid in $load_pid).
load() {
  rm -f "$out/stop"
  if [[ $2 == until-stopped ]]; then
    python3 scripts/swarm_load.py --key "$key" --stop-file "$out/stop" --out "$out/$1.json" \
      "${gateways[@]}" >"$out/$1.txt" 2>&1 &
  else
    python3 scripts/swarm_load.py --key "$key" --seconds "$2" --out "$out/$1.json" \
      "${gateways[@]}" >"$out/$1.txt" 2>&1 &
  fi
  load_pid=$!
}
finish() { # finish NAME: stops the load, records it, checks the answers and the stored turns
  touch "$out/stop"
  wait "$load_pid" || fail "$1: the load generator failed: $(cat "$out/$1.txt")"
  record "$1: $(cat "$out/$1.txt")"
  python3 - "$out/$1.json" "$1" <<'PY' || failures=$((failures + 1))
import json, sys
r = json.load(open(sys.argv[1]))
bad = {s: n for s, n in r["statuses"].items() if s not in ("200", "503")}
problems = []
if bad:
    problems.append("answers other than 200 and 503: %s" % bad)
if r["no_retry_after"]:
    problems.append("503 without Retry-After: %s" % r["no_retry_after"])
if r["statuses"].get("200", 0) < 50:
    problems.append("fewer than 50 answers: %s" % r["statuses"])
# A few 503s are the POSTs in flight on a replica that died; many would mean the resend to the next
# replica does not work.
if r["statuses"].get("503", 0) > 0.02 * r["requests"]:
    problems.append("more than 2 %% of the answers were 503: %s" % r["statuses"])
for p in problems:
    print("FAIL: %s: %s" % (sys.argv[2], p))
sys.exit(1 if problems else 0)
PY
  python3 - "$out/$1.json" "$1" <(psql_db "SELECT id, turn_count, (SELECT count(*) FROM turns t WHERE t.session_id = s.id), (SELECT coalesce(max(seq), 0) FROM turns t WHERE t.session_id = s.id) FROM sessions s") <<'PY' || failures=$((failures + 1))
import json, sys
r = json.load(open(sys.argv[1]))
stored = {}
for line in open(sys.argv[3]):
    sid, count, rows, top = line.strip().split("|")
    stored[sid] = (int(count), int(rows), int(top))
problems = []
for sid, acked in r["acknowledged"].items():
    count, rows, top = stored.get(sid, (0, 0, 0))
    extra = r["ambiguous"].get(sid, 0)
    if rows < acked:
        problems.append("session %s: %d turns acknowledged, %d stored" % (sid, acked, rows))
    if rows > acked + extra + 1:  # +1: the pair's first request may have made it the other's
        problems.append("session %s: %d stored, only %d acknowledged + %d ambiguous" % (sid, rows, acked, extra))
    if not (count == rows == top):
        problems.append("session %s: turn_count %d, %d turns, highest seq %d" % (sid, count, rows, top))
for p in problems[:10]:
    print("FAIL: %s: %s" % (sys.argv[2], p))
print("%s: %d sessions, %d acknowledged turns all stored" % (sys.argv[2], len(r["acknowledged"]), sum(r["acknowledged"].values())) if not problems else "")
sys.exit(1 if problems else 0)
PY
}

per_replica() { # the core replicas as /status names them: instance and queries processed
  # shellcheck disable=SC2016 # expanded inside the container
  inside 'for ip in $(getent ahostsv4 tasks.jessy-core | cut -d" " -f1 | sort -u); do
      curl -fsS -m 5 "http://$ip:8080/status"; echo; done' |
    python3 -c 'import json,sys; [print(s["instance"], s["queries_processed"]) for s in map(json.loads, filter(str.strip, sys.stdin))]'
}

log "1. spread: 15 s of load through every gateway"
load spread 15
wait "$load_pid" || fail "the spread load failed"
touch "$out/stop"
record "spread: $(cat "$out/spread.txt")"
# Diagnostics for the 503s right after convergence (not yet failed on): each gateway's breaker.
for g in "${gateways[@]}"; do
  state=$(curl -fsS -m 5 "http://$g/api/metrics" | awk '/^jessy_gateway_circuit_breaker_state/ {print $2}' || true)
  record "gateway $g after spread: circuit breaker state ${state:-unknown} (0 closed, 1 half-open, 2 open)"
done
per_replica | tee "$out/replicas.txt" >&2
replicas=$(wc -l <"$out/replicas.txt")
idle=$(awk '$2 == 0' "$out/replicas.txt" | wc -l)
record "core replicas answering /status: $replicas, of which without queries: $idle"
((replicas == 3)) || fail "expected 3 core replicas, found $replicas"
((idle == 0)) || fail "$idle core replica(s) got no queries"

log "2. under load: a rolling update of the core to a new tag, then a killed core container"
load update until-stopped
sleep 5
docker tag jessy-core:latest jessy-core:drill-2
started=$SECONDS
docker service update --detach=false --no-resolve-image --image jessy-core:drill-2 "${STACK}_jessy-core" >/dev/null 2>&1 ||
  fail "the rolling update did not complete"
record "rolling update of 3 core replicas (start-first): $((SECONDS - started)) s"
image=$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "${STACK}_jessy-core")
[[ $image == jessy-core:drill-2* ]] ||
  fail "the core runs $image after the update, not jessy-core:drill-2 ($(docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}: {{.UpdateStatus.Message}}{{end}}' "${STACK}_jessy-core"))"
sleep 3
victim=$(docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_jessy-core" | head -1)
started=$SECONDS
docker kill "$victim" >/dev/null
sleep 2
until [[ $(docker service ls --filter "name=${STACK}_jessy-core" --format '{{.Replicas}}') == 3/3 ]] &&
  ! docker ps --filter "label=com.docker.swarm.service.name=${STACK}_jessy-core" --format '{{.Status}}' | grep -q 'starting'; do
  ((SECONDS - started < 120)) || { fail "no third core replica 120 s after the kill"; break; }
  sleep 1
done
record "killed core container replaced and healthy: $((SECONDS - started)) s"
sleep 3
finish update

log "3. under load: the core scaled 3 -> 1 -> 3"
load scale until-stopped
sleep 3
started=$SECONDS
STACK=$STACK scripts/swarm.sh scale 1 || fail "scaling to 1 failed"
record "scaled to 1: $((SECONDS - started)) s"
sleep 3
started=$SECONDS
STACK=$STACK scripts/swarm.sh scale 3 || fail "scaling to 3 failed"
record "scaled back to 3: $((SECONDS - started)) s"
sleep 3
finish scale

log "4. one bucket per client across gateway replicas (RATE_LIMIT_RPS=1, RATE_LIMIT_BURST=10)"
started=$SECONDS
docker service update --detach=false --env-add RATE_LIMIT_RPS=1 --env-add RATE_LIMIT_BURST=10 \
  "${STACK}_jessy-api" >/dev/null 2>&1 || fail "the gateway update did not complete"
record "gateway rolling update (2 replicas): $((SECONDS - started)) s"
mapfile -t gateways < <(STACK=$STACK scripts/swarm.sh ports)
if ((${#gateways[@]} < 2)); then
  fail "expected 2 gateway addresses, found ${gateways[*]}"
else
  python3 - "$key" "${gateways[@]}" <<'PY' | tee -a "$results" >&2 || failures=$((failures + 1))
import http.client, sys, time
key, addresses = sys.argv[1], sys.argv[2:]
allowed, refused, seen_429 = 0, 0, set()
start = time.monotonic()
for i in range(60):
    address = addresses[i % len(addresses)]
    host, port = address.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/api/v1/dimensions", headers={"Authorization": "Bearer " + key})
    r = conn.getresponse(); r.read(); conn.close()
    if r.status == 200:
        allowed += 1
    elif r.status == 429:
        refused += 1; seen_429.add(address)
elapsed = time.monotonic() - start
bound = 10 + 1 * elapsed + 2
print("rate limit: 60 requests in %.1f s over %d gateways: %d allowed, %d refused (one shared bucket allows at most %.0f; one per gateway would allow about %.0f)"
      % (elapsed, len(addresses), allowed, refused, bound, 2 * (10 + elapsed)))
ok = allowed <= bound and len(seen_429) == len(addresses)
if not ok:
    print("FAIL: the limit did not hold across gateway replicas")
sys.exit(0 if ok else 1)
PY
fi

echo >&2
cat "$results" >&2
((failures == 0)) || { echo "swarm drill: $failures failure(s)" >&2; exit 1; }
echo "swarm drill: passed" >&2
