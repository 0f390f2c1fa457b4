#!/usr/bin/env bash
# Sourced by scripts that run the services without Docker (`make run`, `make watch`), so that .env
# configures them exactly as it configures docker compose:
#   source scripts/dotenv.sh && load_dotenv [FILE]
# Exports every NAME=value line of FILE (default .env) that the shell has not set already: the
# shell wins, as with compose. Values are taken literally (surrounding quotes removed, nothing
# expanded); comments and blank lines are skipped.

load_dotenv() {
  local file=${1:-.env} line name value
  [[ -f $file ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    [[ -n ${!name+set} ]] && continue
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
      value=${BASH_REMATCH[1]}
    fi
    export "$name=$value"
  done <"$file"
}
