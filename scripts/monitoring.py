#!/usr/bin/env python3
"""Checks of Jessy's monitoring configuration that need no Grafana (scripts/check-monitoring.sh).

  monitoring.py dashboards
      every dashboard is valid JSON with a uid and a title, names only provisioned datasource
      UIDs, and has PromQL targets
  monitoring.py lint-metrics SERVICE < promtool-output
      promtool check metrics findings: the jessy_* ones fail, the rest are reported
  monitoring.py evaluate PROMETHEUS_URL
      evaluates every dashboard query and every loaded alert rule through the Prometheus HTTP
      API: any error fails; so does a dashboard query without series, and a metric name in an
      alert rule that Prometheus has never seen
"""
import json
import pathlib
import re
import sys
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
DASHBOARDS = ROOT / "monitoring/grafana/dashboards"
DATASOURCES = ROOT / "monitoring/grafana/provisioning/datasources/datasources.yml"
# Grafana's interval variables, as Prometheus would be given them for a short range.
VARIABLES = {"$__rate_interval": "2m", "$__interval": "30s", "$__range": "30m"}

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def panels(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def queries():
    """(dashboard title, panel title, expression) of every dashboard target."""
    for path in sorted(DASHBOARDS.glob("*.json")):
        dashboard = json.loads(path.read_text())
        for panel in panels(dashboard):
            for target in panel.get("targets", []):
                if "expr" in target:
                    yield dashboard["title"], panel["title"], target["expr"]


def check_dashboards():
    provisioned = set(re.findall(r"(?m)^\s*uid:\s*(\S+)\s*$", DATASOURCES.read_text()))
    files = sorted(DASHBOARDS.glob("*.json"))
    if not files:
        fail(f"no dashboards in {DASHBOARDS}")
    uids = set()
    for path in files:
        try:
            dashboard = json.loads(path.read_text())
        except json.JSONDecodeError as e:
            fail(f"{path.name}: not valid JSON: {e}")
            continue
        for key in ("uid", "title"):
            if not dashboard.get(key):
                fail(f"{path.name}: no {key}")
        if dashboard.get("uid") in uids:
            fail(f"{path.name}: uid {dashboard['uid']} is used twice")
        uids.add(dashboard.get("uid"))
        text = path.read_text()
        if "${DS_" in text:
            fail(f"{path.name}: a ${{DS_...}} placeholder breaks on import; name a provisioned uid")
        used = set(re.findall(r'"uid":\s*"([^"]+)"', text)) - {dashboard.get("uid")}
        for uid in sorted(used - provisioned):
            fail(f"{path.name}: datasource uid {uid} is not provisioned in {DATASOURCES.name}")
        targets = [t for p in panels(dashboard) for t in p.get("targets", [])]
        if not targets:
            fail(f"{path.name}: no queries")
        print(f"{path.name}: {dashboard.get('title')}, {len(list(panels(dashboard)))} panels, "
              f"{len(targets)} queries, datasources {sorted(used)}")


def lint_metrics(service):
    text = sys.stdin.read()
    helps = set(re.findall(r"(?m)^# HELP (\S+) \S", text.split("\n--- metrics ---\n")[-1]))
    for line in text.split("\n--- metrics ---\n")[0].splitlines():
        if not line.strip():
            continue
        name, _, problem = line.partition(" ")
        # Micrometer's Prometheus client names a counter's family without _total in # HELP.
        if problem == "no help text" and name.endswith("_total") and name[:-6] in helps:
            continue
        if name.startswith("jessy_"):
            fail(f"{service}: {line}")
        else:
            print(f"{service}: (a library's metric, reported only) {line}")


def api(base, path, **params):
    url = base.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=10) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(body.get("error", body))
    return body["data"]


FUNCTIONS = {
    "sum", "rate", "irate", "increase", "by", "without", "and", "or", "unless", "on", "ignoring",
    "group_left", "group_right", "bool", "offset", "max", "min", "avg", "count", "vector",
    "histogram_quantile", "max_over_time", "min_over_time", "changes", "resets", "abs", "topk",
}


def metric_names(expr):
    expr = re.sub(r'"[^"]*"', "", expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    names = set(re.findall(r"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b", expr))
    return {n for n in names if n not in FUNCTIONS and not re.fullmatch(r"\d.*|e\d+", n)}


def evaluate(base):
    known = set(api(base, "/api/v1/label/__name__/values"))
    for dashboard, panel, expr in queries():
        query = expr
        for variable, value in VARIABLES.items():
            query = query.replace(variable, value)
        try:
            result = api(base, "/api/v1/query", query=query)["result"]
        except Exception as e:  # an HTTP 400 carries Prometheus's parse error
            detail = e.read().decode() if hasattr(e, "read") else str(e)
            fail(f"{dashboard} / {panel}: {detail} ({query})")
            continue
        if not result:
            fail(f"{dashboard} / {panel}: no series ({query})")
        else:
            print(f"ok  {dashboard} / {panel}: {len(result)} series")
    rules = [r for g in api(base, "/api/v1/rules")["groups"] for r in g["rules"]]
    if not rules:
        fail("Prometheus has loaded no rules")
    for rule in rules:
        try:
            api(base, "/api/v1/query", query=rule["query"])
        except Exception as e:
            detail = e.read().decode() if hasattr(e, "read") else str(e)
            fail(f"alert {rule['name']}: {detail}")
            continue
        missing = sorted(metric_names(rule["query"]) - known)
        if missing:
            fail(f"alert {rule['name']}: Prometheus has never seen {', '.join(missing)}")
        else:
            print(f"ok  alert {rule['name']} ({rule.get('state', rule.get('health'))})")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    command = sys.argv[1]
    if command == "dashboards":
        check_dashboards()
    elif command == "lint-metrics":
        lint_metrics(sys.argv[2])
    elif command == "evaluate":
        evaluate(sys.argv[2])
    else:
        sys.exit(__doc__)
    if failures:
        sys.exit(f"{len(failures)} problem(s)")


if __name__ == "__main__":
    main()
