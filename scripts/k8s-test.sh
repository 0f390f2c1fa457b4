#!/usr/bin/env bash
# The Kubernetes manifests (deploy/kubernetes), rendered and checked without a cluster:
#   scripts/k8s-test.sh
# Renders the base and the production overlay with `kubectl kustomize`, then reads the objects
# with PyYAML and checks what deploy/kubernetes/README.md promises (probes, security contexts,
# resources, budgets, autoscaler, network policies, secrets, labels, production replicas and tags).
# Expected values come from the repository itself where they live: the image's user and health
# checks (docker/Dockerfile), the memory limit (docker-compose.prod.yml), the variables
# (.env.example), the Secrets (the README's `kubectl create secret` commands).
# Installs what is missing: kubectl from Debian trixie's kubernetes-client (kubectl) package, unpacked once
# into target/tools/ (a kubectl on PATH is used as it is), and python3-yaml (as root).
# Exits non-zero, naming every failed check.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "==> $*" >&2; }

kubectl=target/tools/kubectl
if command -v kubectl >/dev/null; then
  kubectl=$(command -v kubectl)
elif [[ ! -x $kubectl ]]; then
  log "fetching kubectl (Debian trixie's kubernetes-client, a transitional package for kubectl)"
  d=$(mktemp -d)
  trap 'rm -rf "$d"' EXIT
  mkdir -p "$d/lists/partial"
  echo 'deb http://deb.debian.org/debian trixie main' >"$d/sources.list"
  # A private apt list: the host's own sources stay as they are.
  apt_opts=(-o "Dir::Etc::SourceList=$d/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$d/lists" -o "Dir::Cache::archives=$d" -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq
  # /trixie: the host may have another kubectl package (a cloud SDK's) with a higher version.
  (cd "$d" && apt-get "${apt_opts[@]}" download kubectl/trixie >/dev/null)
  dpkg-deb -x "$d"/kubectl_*.deb "$d/x"
  mkdir -p "$(dirname "$kubectl")"
  cp "$d/x/usr/bin/kubectl" "$kubectl"
fi
"$kubectl" version --client >/dev/null || { echo "FAIL: $kubectl does not run" >&2; exit 1; }

if ! python3 -c 'import yaml' 2>/dev/null; then
  [[ $(id -u) == 0 ]] || { echo "FAIL: PyYAML is missing (apt-get install python3-yaml)" >&2; exit 1; }
  log "installing python3-yaml"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null; }
fi

out=target/k8s-test
mkdir -p "$out"
for name in base production; do
  dir=deploy/kubernetes/base
  [[ $name == base ]] || dir=deploy/kubernetes/overlays/$name
  log "kubectl kustomize $dir"
  "$kubectl" kustomize "$dir" >"$out/$name.yaml" || { echo "FAIL: $dir does not render" >&2; exit 1; }
done

log "checking the rendered objects"
python3 - "$out/base.yaml" "$out/production.yaml" <<'PY'
import re
import sys
from collections import OrderedDict

import yaml

BASE, PRODUCTION = sys.argv[1], sys.argv[2]
failures = []
passed = OrderedDict()
where = ""


def check(category, ok, message):
    """Counts a check under its category; a failure is reported with the rendering it is in."""
    if ok:
        passed[category] = passed.get(category, 0) + 1
    else:
        failures.append(f"[{where}] {category}: {message}")
    return ok


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


# --- What the repository says ---------------------------------------------------------------------
dockerfile = read("docker/Dockerfile")
users = re.findall(r"(?m)^USER (\d+)(?::(\d+))?", dockerfile)
IMAGE_UID = int(users[-1][0])
# HEALTHCHECK CMD ["/usr/local/bin/health-probe", "JESSY_PORT", "8080", "/health/ready"]
probes = re.findall(r'health-probe", "\w+", "(\d+)", "(/[^"]+)"', dockerfile)
HEALTH = {}
for port, ready in probes:
    service = "jessy-api" if ready.startswith("/api/") else "jessy-core"
    HEALTH[service] = {"port": int(port), "ready": ready, "live": ready.replace("/ready", "/live")}
memory = re.search(r"\$\{MEMORY_LIMIT:-(\d+)M\}", read("docker-compose.prod.yml"))
MEMORY_LIMIT = f"{memory.group(1)}Mi"
CATALOGUE = dict(re.findall(r"(?m)^([A-Z][A-Z0-9_]*)=(.*)$", read(".env.example")))
POOL = int(re.search(r"jdbc\.max-size=(\d+)", read("jessy-core/src/main/resources/application.properties")).group(1))
POSTGRES_MAX_CONNECTIONS = 100  # PostgreSQL's default, unless the container's args say -c max_connections=N
SENSITIVE = {"GATEWAY_SECRET", "API_KEYS", "DATABASE_URL", "POSTGRES_PASSWORD", "LLM_API_KEY"}
WORKLOADS = {
    "jessy-core": {"kind": "Deployment", "uid": IMAGE_UID, "component": "engine"},
    "jessy-api": {"kind": "Deployment", "uid": IMAGE_UID, "component": "gateway"},
    "jessy-postgres": {"kind": "StatefulSet", "uid": 999, "component": "database", "port": 5432},
}
for service, health in HEALTH.items():
    WORKLOADS[service]["port"] = health["port"]
NAMESPACED = {"ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment", "StatefulSet",
              "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy"}

# The Secrets the README creates: `kubectl ... create secret generic NAME --from-literal=KEY=...`.
readme = re.sub(r"\\\n\s*", " ", read("deploy/kubernetes/README.md"))
DOCUMENTED = {}
for line in readme.splitlines():
    created = re.search(r"kubectl .*create secret generic ([a-z0-9-]+)(.*)", line)
    if created:
        DOCUMENTED.setdefault(created.group(1), set()).update(
            re.findall(r"--from-literal=([A-Z][A-Z0-9_]*)=", created.group(2)))
if not (IMAGE_UID and len(HEALTH) == 2 and DOCUMENTED):
    sys.exit(f"FAIL: could not read the expected values (uid {IMAGE_UID}, health {HEALTH}, secrets {DOCUMENTED})")


# --- Helpers --------------------------------------------------------------------------------------
def selector_matches(selector, labels):
    """A label selector (matchLabels, matchExpressions) against a pod's labels; {} matches all."""
    if selector is None:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], expr.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and labels.get(key) in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def seconds(duration):
    match = re.fullmatch(r"(\d+)(ms|s|m)?", duration.strip())
    number, unit = int(match.group(1)), match.group(2) or "s"
    return number / 1000 if unit == "ms" else number * 60 if unit == "m" else number


def containers(pod):
    return (pod.get("initContainers") or []) + (pod.get("containers") or [])


def resolve_port(container, port):
    if isinstance(port, int):
        return port
    for p in container.get("ports") or []:
        if p.get("name") == port:
            return p["containerPort"]
    return None


def environment(container, configmaps):
    """NAME -> ("value", v) | ("secret", name, key, optional) | ("other", source), envFrom first."""
    env = {}
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            for key, value in (configmaps.get(source["configMapRef"]["name"]) or {}).items():
                env[source.get("prefix", "") + key] = ("value", str(value))
        if "secretRef" in source:
            env[f"<all of Secret {source['secretRef']['name']}>"] = ("secret", source["secretRef"]["name"], None, False)
    for var in container.get("env") or []:
        if "value" in var:
            env[var["name"]] = ("value", var["value"])
        elif "secretKeyRef" in (var.get("valueFrom") or {}):
            ref = var["valueFrom"]["secretKeyRef"]
            env[var["name"]] = ("secret", ref["name"], ref["key"], bool(ref.get("optional")))
        elif "configMapKeyRef" in (var.get("valueFrom") or {}):
            ref = var["valueFrom"]["configMapKeyRef"]
            env[var["name"]] = ("value", str((configmaps.get(ref["name"]) or {}).get(ref["key"])))
        else:
            env[var["name"]] = ("other", var.get("valueFrom"))
    return env


def secret_references(pod):
    """(Secret name, key or None) for every way a pod can read a Secret."""
    refs = []
    for c in containers(pod):
        for source in c.get("envFrom") or []:
            if "secretRef" in source:
                refs.append((source["secretRef"]["name"], None))
        for var in c.get("env") or []:
            ref = (var.get("valueFrom") or {}).get("secretKeyRef")
            if ref:
                refs.append((ref["name"], ref["key"]))
    for volume in pod.get("volumes") or []:
        if "secret" in volume:
            refs.append((volume["secret"]["secretName"], None))
        for source in (volume.get("projected") or {}).get("sources") or []:
            if "secret" in source:
                refs.append((source["secret"]["name"], None))
    for pull in pod.get("imagePullSecrets") or []:
        refs.append((pull["name"], None))
    return refs


# --- The checks -----------------------------------------------------------------------------------
def check_rendering(name, path):
    global where
    where = name
    docs = [d for d in yaml.safe_load_all(read(path)) if d]
    check("objects", docs, "nothing rendered")
    objects = {}
    for d in docs:
        check("objects", d.get("apiVersion") and d.get("kind") and d.get("metadata", {}).get("name"),
              f"an object without apiVersion, kind or name: {str(d)[:80]}")
        objects.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    configmaps = {n: o.get("data") or {} for n, o in objects.get("ConfigMap", {}).items()}

    # Labels (app.kubernetes.io) on every object.
    for d in docs:
        labels = d["metadata"].get("labels") or {}
        ident = f"{d['kind']}/{d['metadata']['name']}"
        check("labels", labels.get("app.kubernetes.io/part-of") == "jessy", f"{ident}: no app.kubernetes.io/part-of=jessy")
        check("labels", labels.get("app.kubernetes.io/managed-by") == "kustomize", f"{ident}: no app.kubernetes.io/managed-by")
        check("labels", labels.get("app.kubernetes.io/name"), f"{ident}: no app.kubernetes.io/name")
        check("labels", labels.get("app.kubernetes.io/instance"), f"{ident}: no app.kubernetes.io/instance")

    # Workloads: pods, containers, security, resources, probes.
    pods = {}
    for workload, expected in WORKLOADS.items():
        obj = objects.get(expected["kind"], {}).get(workload)
        if not check("workloads", obj, f"no {expected['kind']} {workload}"):
            continue
        template = obj["spec"]["template"]
        pod, labels = template["spec"], template["metadata"].get("labels") or {}
        pods[workload] = (obj, pod, labels)
        ident = f"{expected['kind']}/{workload}"
        check("labels", labels.get("app.kubernetes.io/name") == workload, f"{ident}: pods not labelled app.kubernetes.io/name={workload}")
        check("labels", labels.get("app.kubernetes.io/component") == expected["component"], f"{ident}: pods not labelled app.kubernetes.io/component={expected['component']}")
        check("labels", labels.get("app.kubernetes.io/part-of") == "jessy", f"{ident}: pods not labelled app.kubernetes.io/part-of")
        check("workloads", selector_matches(obj["spec"].get("selector"), labels), f"{ident}: selector does not match its pods")

        sc = pod.get("securityContext") or {}
        check("pod security", sc.get("runAsNonRoot") is True, f"{ident}: pod runAsNonRoot is not true")
        check("pod security", sc.get("runAsUser") == expected["uid"], f"{ident}: pod runAsUser {sc.get('runAsUser')}, want {expected['uid']}")
        check("pod security", (sc.get("seccompProfile") or {}).get("type") == "RuntimeDefault", f"{ident}: pod seccompProfile is not RuntimeDefault")
        check("pod security", pod.get("automountServiceAccountToken") is False, f"{ident}: automountServiceAccountToken is not false")
        account = objects.get("ServiceAccount", {}).get(pod.get("serviceAccountName"))
        check("pod security", account and account.get("automountServiceAccountToken") is False,
              f"{ident}: service account {pod.get('serviceAccountName')} missing or mounts its token")
        check("pod security", pod.get("enableServiceLinks") is False, f"{ident}: enableServiceLinks is not false")
        for host in ("hostNetwork", "hostPID", "hostIPC"):
            check("pod security", not pod.get(host), f"{ident}: {host}")
        volumes = {v["name"]: v for v in pod.get("volumes") or []}

        for c in containers(pod):
            cid = f"{ident} container {c['name']}"
            csc = c.get("securityContext") or {}
            check("container security", csc.get("runAsNonRoot") is True, f"{cid}: runAsNonRoot is not true")
            check("container security", csc.get("runAsUser") == expected["uid"], f"{cid}: runAsUser {csc.get('runAsUser')}, want {expected['uid']}")
            check("container security", csc.get("readOnlyRootFilesystem") is True, f"{cid}: readOnlyRootFilesystem is not true")
            check("container security", csc.get("allowPrivilegeEscalation") is False, f"{cid}: allowPrivilegeEscalation is not false")
            check("container security", not csc.get("privileged"), f"{cid}: privileged")
            caps = csc.get("capabilities") or {}
            check("container security", "ALL" in (caps.get("drop") or []) and not caps.get("add"), f"{cid}: capabilities do not drop ALL (or add some)")
            check("container security", (csc.get("seccompProfile") or {}).get("type") == "RuntimeDefault", f"{cid}: seccompProfile is not RuntimeDefault")
            tmp = [m for m in c.get("volumeMounts") or [] if m["mountPath"] == "/tmp"]
            check("container security", tmp and "emptyDir" in volumes.get(tmp[0]["name"], {}), f"{cid}: no emptyDir on /tmp")

            res = c.get("resources") or {}
            for kind in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    check("resources", (res.get(kind) or {}).get(resource), f"{cid}: no {kind}.{resource}")
            if workload != "jessy-postgres":
                check("resources", (res.get("limits") or {}).get("memory") == MEMORY_LIMIT, f"{cid}: memory limit {(res.get('limits') or {}).get('memory')}, want {MEMORY_LIMIT} (docker-compose.prod.yml)")
            check("resources", (res.get("requests") or {}).get("memory") == (res.get("limits") or {}).get("memory"), f"{cid}: memory request differs from the limit")

            image = c.get("image", "")
            tag = image.rsplit(":", 1)[1] if ":" in image.rsplit("/", 1)[-1] else ""
            check("images", tag or "@" in image, f"{cid}: image {image} has no tag")
            if name == "production":
                check("images", tag != "latest", f"{cid}: image {image} is latest in production")
            if workload != "jessy-postgres":
                check("images", image.rsplit("/", 1)[-1].split(":")[0] == workload, f"{cid}: image {image} is not {workload}")

        main = pod["containers"][0]
        port = expected["port"]
        check("workloads", any(p.get("containerPort") == port for p in main.get("ports") or []), f"{ident}: container port {port} not declared")
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            spec = main.get(probe)
            if not check("probes", spec, f"{ident}: no {probe}"):
                continue
            if workload == "jessy-postgres":
                check("probes", "exec" in spec or "tcpSocket" in spec, f"{ident}: {probe} neither exec nor tcpSocket")
                continue
            http = spec.get("httpGet")
            if not check("probes", http, f"{ident}: {probe} is not httpGet"):
                continue
            want = HEALTH[workload]["ready" if probe == "readinessProbe" else "live"]
            check("probes", http.get("path") == want, f"{ident}: {probe} path {http.get('path')}, want {want}")
            check("probes", resolve_port(main, http.get("port")) == port, f"{ident}: {probe} port {http.get('port')} is not {port}")

        if workload == "jessy-postgres":
            continue
        env = environment(main, configmaps)
        check("settings", env.get("JESSY_ENV") == ("value", "production"), f"{ident}: JESSY_ENV is not production")
        shutdown = seconds(env.get("SHUTDOWN_TIMEOUT", ("value", CATALOGUE["SHUTDOWN_TIMEOUT"]))[1])
        pause = ((((main.get("lifecycle") or {}).get("preStop") or {}).get("sleep")) or {}).get("seconds", 0)
        grace = pod.get("terminationGracePeriodSeconds", 30)
        check("settings", grace >= pause + shutdown + 5, f"{ident}: terminationGracePeriodSeconds {grace} < preStop {pause} s + SHUTDOWN_TIMEOUT {shutdown} s + 5 s margin")
        check("settings", grace <= pause + shutdown + 30, f"{ident}: terminationGracePeriodSeconds {grace} far above what a stop needs")
        for var, source in env.items():
            if var.startswith("<"):
                continue
            check("settings", var in CATALOGUE, f"{ident}: {var} is not in .env.example")
            if var in SENSITIVE:
                check("secrets", source[0] == "secret", f"{ident}: {var} is not read from a Secret")
        check("secrets", env.get("GATEWAY_SECRET", ("",))[0] == "secret" and not env["GATEWAY_SECRET"][3], f"{ident}: GATEWAY_SECRET not from a required Secret")
        if workload == "jessy-core":
            # The embedded log store is single-writer: more than one core needs PostgreSQL.
            db = env.get("DATABASE_URL", ("",))
            check("settings", db[0] == "secret" and not db[3], "jessy-core: DATABASE_URL not from a required Secret (the embedded store is single-writer)")
            data_dir = env.get("JESSY_DATA_DIR", ("value", "/var/lib/jessy"))[1]
            mount = [m for m in main.get("volumeMounts") or [] if m["mountPath"] == data_dir]
            check("settings", mount and not mount[0].get("readOnly"), f"jessy-core: nothing writable mounted on JESSY_DATA_DIR {data_dir}")
        else:
            keys = env.get("API_KEYS", ("",))
            check("secrets", (keys[0] == "secret" and not keys[3]) or env.get("ALLOW_ANONYMOUS") == ("value", "true"),
                  "jessy-api: API_KEYS not from a required Secret (and ALLOW_ANONYMOUS is not true)")
            url = env.get("CORE_SERVICE_URL", ("value", CATALOGUE["CORE_SERVICE_URL"]))[1]
            target = re.fullmatch(r"http://([a-z0-9-]+)(?:\.[a-z0-9.-]+)?:(\d+)/?", url)
            service = target and objects.get("Service", {}).get(target.group(1))
            check("settings", service, f"jessy-api: CORE_SERVICE_URL {url} names no Service")
            if service and "jessy-core" in pods:
                core_labels = pods["jessy-core"][2]
                ports = [p for p in service["spec"]["ports"] if p["port"] == int(target.group(2))]
                check("settings", selector_matches({"matchLabels": service["spec"].get("selector") or {"-": "-"}}, core_labels) and ports,
                      f"jessy-api: CORE_SERVICE_URL {url} does not reach the core's pods")
                check("settings", service["spec"].get("clusterIP") == "None",
                      f"jessy-api: CORE_SERVICE_URL {url} is not a headless Service (the gateway spreads requests over the core's pods by DNS)")

    # Secrets: none with data in the output; every reference documented; nothing secret in a ConfigMap.
    for secret_name, secret in objects.get("Secret", {}).items():
        check("secrets", not secret.get("data") and not secret.get("stringData"), f"Secret/{secret_name} carries data in the manifests")
    for workload, (_, pod, _) in pods.items():
        for secret_name, key in secret_references(pod):
            check("secrets", secret_name in DOCUMENTED, f"{workload}: Secret {secret_name} is not created in deploy/kubernetes/README.md")
            if key is not None and secret_name in DOCUMENTED:
                check("secrets", key in DOCUMENTED[secret_name], f"{workload}: key {key} of Secret {secret_name} is not created in the README")
        for c in containers(pod):
            for source in c.get("envFrom") or []:
                if "configMapRef" in source:
                    check("settings", source["configMapRef"]["name"] in configmaps, f"{workload}: ConfigMap {source['configMapRef']['name']} does not exist")
    for cm_name, data in configmaps.items():
        for key in data:
            check("secrets", key not in SENSITIVE, f"ConfigMap/{cm_name} holds {key}")

    # Services select their own pods only, on the container's port.
    for workload, expected in WORKLOADS.items():
        service = objects.get("Service", {}).get(workload)
        if not check("services", service, f"no Service {workload}") or workload not in pods:
            continue
        selector = {"matchLabels": service["spec"].get("selector") or {"-": "-"}}
        for other, (_, _, labels) in pods.items():
            check("services", selector_matches(selector, labels) == (other == workload), f"Service/{workload} {'misses' if other == workload else 'also selects'} {other} pods")
        main = pods[workload][1]["containers"][0]
        check("services", any(resolve_port(main, p.get("targetPort", p["port"])) == expected["port"] for p in service["spec"]["ports"]),
              f"Service/{workload} does not target port {expected['port']}")

    # PodDisruptionBudgets for core and gateway.
    for workload in ("jessy-core", "jessy-api"):
        budgets = [b for b in objects.get("PodDisruptionBudget", {}).values()
                   if workload in pods and selector_matches(b["spec"].get("selector"), pods[workload][2])]
        if not check("budgets", len(budgets) == 1, f"{len(budgets)} PodDisruptionBudgets select {workload}, want 1"):
            continue
        budget = budgets[0]
        check("budgets", budget["apiVersion"] == "policy/v1", f"PodDisruptionBudget for {workload} is {budget['apiVersion']}")
        others = [o for o, (_, _, labels) in pods.items() if o != workload and selector_matches(budget["spec"]["selector"], labels)]
        check("budgets", not others, f"PodDisruptionBudget for {workload} also selects {others}")
        spec = budget["spec"]
        check("budgets", "maxUnavailable" in spec or "minAvailable" in spec, f"PodDisruptionBudget for {workload} sets neither maxUnavailable nor minAvailable")
        replicas = pods[workload][0]["spec"].get("replicas", 1)
        if isinstance(spec.get("minAvailable"), int):
            check("budgets", spec["minAvailable"] < replicas, f"PodDisruptionBudget for {workload}: minAvailable {spec['minAvailable']} blocks every eviction at {replicas} replicas")

    # The core's autoscaler.
    scalers = list(objects.get("HorizontalPodAutoscaler", {}).values())
    if check("autoscaler", len(scalers) == 1, f"{len(scalers)} HorizontalPodAutoscalers, want 1 (jessy-core)"):
        hpa = scalers[0]
        spec = hpa["spec"]
        ref = spec.get("scaleTargetRef") or {}
        check("autoscaler", hpa["apiVersion"] == "autoscaling/v2", f"HorizontalPodAutoscaler is {hpa['apiVersion']}, want autoscaling/v2")
        check("autoscaler", (ref.get("apiVersion"), ref.get("kind"), ref.get("name")) == ("apps/v1", "Deployment", "jessy-core"),
              f"HorizontalPodAutoscaler targets {ref}, want apps/v1 Deployment jessy-core")
        low, high = spec.get("minReplicas", 1), spec.get("maxReplicas", 0)
        check("autoscaler", 1 <= low <= high, f"HorizontalPodAutoscaler bounds {low}..{high}")
        check("autoscaler", spec.get("metrics"), "HorizontalPodAutoscaler has no metrics")
        limit = POSTGRES_MAX_CONNECTIONS
        if "jessy-postgres" in pods:
            postgres = pods["jessy-postgres"][1]["containers"][0]
            given = re.findall(r"max_connections=(\d+)", " ".join(map(str, (postgres.get("command") or []) + (postgres.get("args") or []))))
            limit = int(given[-1]) if given else limit
        check("autoscaler", high * POOL <= limit - 10,
              f"maxReplicas {high} x {POOL} pooled connections exceeds PostgreSQL's max_connections {limit} (minus 10 for maintenance)")
        if "jessy-core" in pods:
            replicas = pods["jessy-core"][0]["spec"].get("replicas", 1)
            check("autoscaler", low <= replicas <= high, f"jessy-core replicas {replicas} outside the autoscaler's {low}..{high}")

    # NetworkPolicies, evaluated: who may reach each workload on which port.
    policies = list(objects.get("NetworkPolicy", {}).values())

    def ingress(policy):
        return "Ingress" in (policy["spec"].get("policyTypes") or ["Ingress"])

    check("network", any(p["spec"].get("podSelector") == {} and ingress(p) and not p["spec"].get("ingress") for p in policies),
          "no default-deny ingress policy (podSelector {}, no rules)")
    allowed_from = {"jessy-core": "jessy-api", "jessy-postgres": "jessy-core", "jessy-api": None}
    for workload, peer in allowed_from.items():
        if workload not in pods:
            continue
        main = pods[workload][1]["containers"][0]
        port = WORKLOADS[workload]["port"]
        rules = [r for p in policies if ingress(p) and selector_matches(p["spec"].get("podSelector"), pods[workload][2])
                 for r in p["spec"].get("ingress") or []]
        check("network", rules, f"nothing may reach {workload}")
        for rule in rules:
            ports = rule.get("ports") or []
            check("network", ports and all(resolve_port(main, p.get("port")) == port and p.get("protocol", "TCP") == "TCP" for p in ports),
                  f"{workload}: a rule allows ports {[p.get('port') for p in ports] or 'all'}, want only {port}/TCP")
            sources = rule.get("from") or []
            if peer is None:
                continue
            check("network", sources, f"{workload}: a rule allows every source, want only {peer} pods")
            for source in sources:
                check("network", set(source) == {"podSelector"}, f"{workload}: a rule allows {sorted(set(source) - {'podSelector'})}, want only {peer} pods")
                matched = sorted(o for o, (_, _, labels) in pods.items() if selector_matches(source.get("podSelector"), labels))
                check("network", matched == [peer], f"{workload}: reachable from {matched} pods, want only {peer}")
        if peer is None:
            check("network", any(not r.get("from") for r in rules), f"{workload}: not reachable from anywhere on {port}")

    # Production: namespace, replicas.
    if name == "production":
        namespace = objects.get("Namespace", {}).get("jessy")
        if check("production", namespace, "no Namespace jessy"):
            check("production", namespace["metadata"]["labels"].get("pod-security.kubernetes.io/enforce") == "restricted",
                  "Namespace jessy does not enforce the restricted Pod Security Standard")
        for d in docs:
            if d["kind"] in NAMESPACED:
                check("production", d["metadata"].get("namespace") == "jessy", f"{d['kind']}/{d['metadata']['name']} is not in namespace jessy")
        for workload, want in (("jessy-core", 3), ("jessy-api", 2)):
            if workload in pods:
                got = pods[workload][0]["spec"].get("replicas")
                check("production", got == want, f"{workload} replicas {got}, want {want}")
    return len(docs)


counts = {}
for rendering, file in (("base", BASE), ("production", PRODUCTION)):
    before = sum(passed.values())
    rendered = check_rendering(rendering, file)
    counts[rendering] = (rendered, sum(passed.values()) - before)

if failures:
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print(f"{len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
for rendering, (objects_count, checks) in counts.items():
    print(f"{rendering}: {objects_count} objects, {checks} checks passed")
print("by kind of check, both renderings:")
for category, count in passed.items():
    print(f"  {category:<20} {count}")
PY
