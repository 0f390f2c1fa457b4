#!/usr/bin/env bash
# Provides what the console's browser scenarios (@browser in jessy-test) need: Debian's Chromium and
# its ChromeDriver (installed if absent; needs root) and axe-core, the accessibility checker, from
# npm at a pinned version into target/browser-tools. Prints the variables to export, for
# `eval "$(scripts/browser-local.sh)"`; used by .ci/run. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.11.4
tools=$PWD/target/browser-tools

# Everything but the exports goes to stderr, so callers can eval stdout.
# A browser named by JESSY_CHROMIUM and JESSY_CHROMEDRIVER (say, a CI image's Chrome) is used as is.
chromium=${JESSY_CHROMIUM:-/usr/bin/chromium}
chromedriver=${JESSY_CHROMEDRIVER:-/usr/bin/chromedriver}
if [[ ! -x $chromium || ! -x $chromedriver ]]; then
  [[ $(id -u) == 0 ]] || { echo "missing: chromium chromium-driver (apt-get install them, or run as root)" >&2; exit 1; }
  echo "installing chromium and chromium-driver..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium chromium-driver >&2 ||
    { apt-get update -qq >&2 && apt-get install -y -qq chromium chromium-driver >&2; }
fi
if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$tools/node_modules/axe-core/package.json"; then
  command -v npm >/dev/null || { echo "missing: npm (apt-get install npm)" >&2; exit 1; }
  echo "installing axe-core $AXE_VERSION (npm)..." >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >&2
fi
"$chromedriver" --version >&2
cat <<VARS
export JESSY_CHROMIUM=$chromium
export JESSY_CHROMEDRIVER=$chromedriver
export JESSY_AXE_SCRIPT=$tools/node_modules/axe-core/axe.min.js
export JESSY_BROWSER_REQUIRED=true
VARS
