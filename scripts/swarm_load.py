#!/usr/bin/env python3
"""Steady load for scripts/swarm-test.sh: POST /api/v1/query through every gateway address in turn.

  swarm_load.py --key KEY --seconds S --threads T --out FILE ADDRESS...   (ADDRESS: host:port)
  swarm_load.py --key KEY --stop-file FILE ...                            (runs until FILE exists)

Threads go in pairs, each pair on one session, so two requests to the same session are often in
flight at once (and land on different core replicas). Every answer is recorded: the JSON written
to --out has the count per status (and "error:<kind>" for a failed connection), how many 503s
came without Retry-After, the errors (status, problem type, gateway, second of the run) with
their counts, and per session the turns acknowledged (200) and the ambiguous ones
(a failure after the request may have reached the core), for the check against the database.
"""
import argparse
import http.client
import json
import os
import threading
import time
from collections import Counter, defaultdict

QUERIES = [
    "I have been feeling sad and lonely since my friend moved away",
    "How do I design a fault tolerant service?",
    "What does it mean to live a good life?",
    "Explain recursion to a child",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", required=True)
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--stop-file")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--out", required=True)
    parser.add_argument("addresses", nargs="+")
    args = parser.parse_args()

    lock = threading.Lock()
    statuses = Counter()
    no_retry_after = Counter()
    errors = Counter()  # (status, problem type, gateway, whole second of the run)
    acknowledged = defaultdict(int)
    ambiguous = defaultdict(int)
    sessions = {}  # pair -> session id
    deadline = time.monotonic() + args.seconds if args.seconds else None

    def running():
        if deadline is not None:
            return time.monotonic() < deadline
        return not os.path.exists(args.stop_file)

    def worker(index):
        pair = index // 2
        conns = {}
        n = index
        while running():
            address = args.addresses[n % len(args.addresses)]
            n += 1
            body = {"query": QUERIES[n % len(QUERIES)]}
            with lock:
                session = sessions.get(pair)
            if session:
                body["session_id"] = session
            try:
                conn = conns.get(address)
                if conn is None:
                    host, port = address.rsplit(":", 1)
                    conn = conns[address] = http.client.HTTPConnection(host, int(port), timeout=30)
                conn.request(
                    "POST",
                    "/api/v1/query",
                    json.dumps(body),
                    {"Content-Type": "application/json", "Authorization": "Bearer " + args.key},
                )
                response = conn.getresponse()
                payload = response.read()
                status = response.status
                sid = json.loads(payload)["session_id"] if status == 200 else None
            except (OSError, http.client.HTTPException, ValueError, KeyError) as e:
                conns.pop(address, None)
                with lock:
                    statuses["error:" + type(e).__name__] += 1
                    if session:
                        ambiguous[session] += 1
                time.sleep(0.05)
                continue
            with lock:
                statuses[str(status)] += 1
                if status == 200:
                    sessions.setdefault(pair, sid)
                    acknowledged[sid] += 1
                elif status >= 500:
                    if session:
                        ambiguous[session] += 1
                    if status == 503 and response.getheader("Retry-After") is None:
                        no_retry_after[str(status)] += 1
                if status >= 400:
                    try:
                        kind = json.loads(payload).get("type", "?").rsplit(":", 1)[-1]
                    except ValueError:
                        kind = "not-json"
                    errors[(status, kind, address, int(time.monotonic() - started))] += 1
            if status == 503:
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    result = {
        "seconds": round(elapsed, 1),
        "requests": sum(statuses.values()),
        "statuses": dict(statuses),
        "no_retry_after": dict(no_retry_after),
        "acknowledged": dict(acknowledged),
        "ambiguous": dict(ambiguous),
        "errors": [
            {"status": s, "type": k, "gateway": a, "second": t, "count": c}
            for (s, k, a, t), c in sorted(errors.items(), key=lambda e: (e[0][3], e[0][2]))
        ],
    }
    with open(args.out, "w") as f:
        json.dump(result, f)
    print(
        "%d requests in %.1f s (%.0f/s): %s"
        % (result["requests"], elapsed, result["requests"] / elapsed, dict(statuses))
    )
    by_kind = Counter()
    for (s, k, a, t), c in errors.items():
        by_kind[(s, k, a)] += c
    for (s, k, a), c in sorted(by_kind.items()):
        seconds = sorted({t for (s2, k2, a2, t) in errors if (s2, k2, a2) == (s, k, a)})
        print("  %d %s via %s: %d, in seconds %d-%d of the run" % (s, k, a, c, seconds[0], seconds[-1]))


if __name__ == "__main__":
    main()
