#!/usr/bin/env bash
# make doctor: checks what Jessy's commands need on this machine and says exactly what is missing.
# Exits 1 when something required is missing. Ports come from JESSY_PORT / API_PORT (8080 / 3000).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

problems=0
ok() { printf '  \033[32mok\033[0m    %s\n' "$*"; }
bad() { printf '  \033[31mmissing\033[0m %s\n' "$*"; problems=$((problems + 1)); }
note() { printf '  \033[33mnote\033[0m  %s\n' "$*"; }

echo "Without Docker (make run, make test):"
if java_version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') &&
  [[ -n $java_version ]]; then
  if ((${java_version%%.*} >= 17)); then ok "JDK $java_version (17 or newer)"; else bad "JDK 17+: found $java_version"; fi
else
  bad "a JDK 17+ (apt-get install openjdk-17-jdk-headless)"
fi
if command -v javac >/dev/null; then ok "javac"; else bad "javac: a full JDK, not only a JRE"; fi
if [[ -x ./mvnw ]]; then ok "Maven wrapper (downloads Maven 3.9 on first use)"; else bad "./mvnw is not executable"; fi
if command -v curl >/dev/null; then ok "curl"; else bad "curl (apt-get install curl)"; fi

echo "Containers (make up, make test-integration):"
if command -v docker >/dev/null; then
  ok "docker client $(docker version --format '{{.Client.Version}}' 2>/dev/null)"
  if docker info >/dev/null 2>&1; then
    ok "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers"
  else
    bad "a running Docker engine (scripts/docker-engine.sh installs and starts one, as root)"
  fi
  if compose=$(docker compose version --short 2>/dev/null) && [[ ${compose#v} == 2.* ]]; then
    ok "Compose v$compose"
  else
    bad "Compose v2 ('docker compose'; scripts/docker-engine.sh installs the plugin)"
  fi
  if docker image inspect maven:3.9-eclipse-temurin-25 >/dev/null 2>&1 || grep -qs '^BUILDER_IMAGE=' .env; then
    ok "base images (official, or local ones named in .env)"
  else
    note "no base images here: without registry access run docker/base-images.sh --env-file .env"
  fi
else
  bad "Docker with Compose v2 (scripts/docker-engine.sh installs both on Debian, as root)"
fi

echo "Ports:"
for port in "${JESSY_PORT:-8080}" "${API_PORT:-3000}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    bad "port $port is in use (set JESSY_PORT / API_PORT, or stop what listens: ss -ltnp 'sport = :$port')"
  else
    ok "port $port is free"
  fi
done

mem_kb=$(awk '/MemAvailable/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
if ((mem_kb > 2 * 1024 * 1024)); then ok "$((mem_kb / 1024)) MiB memory available"; else
  note "only $((mem_kb / 1024)) MiB available; the dev stack wants ~2 GiB"
fi

if ((problems > 0)); then
  echo "$problems thing(s) missing"
  exit 1
fi
echo "all set"
