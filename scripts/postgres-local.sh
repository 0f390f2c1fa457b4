#!/usr/bin/env bash
# Provides the PostgreSQL the tests run against, on 127.0.0.1:5432 (Debian's package, no container):
# installs it if absent (needs root), starts the cluster, creates role and database "jessy_test".
# Prints the URL to export as JESSY_TEST_DATABASE_URL. Idempotent; used by .ci/run.
set -euo pipefail

ROLE=jessy
PASSWORD=jessy
DATABASE=jessy_test

if ! command -v pg_ctlcluster >/dev/null; then
  echo "installing PostgreSQL..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

cluster=$(pg_lsclusters --no-header | awk 'NR == 1 {print $1 " " $2}')
if [[ -z $cluster ]]; then
  echo "no PostgreSQL cluster found (pg_lsclusters is empty)" >&2
  exit 1
fi
# Everything but the URL goes to stderr, so callers can capture stdout.
# shellcheck disable=SC2086 # "version name" are two arguments
pg_ctlcluster $cluster status >/dev/null 2>&1 || pg_ctlcluster $cluster start >&2

psql_as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
for _ in $(seq 1 30); do
  psql_as_postgres 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.5
done
if [[ $(psql_as_postgres "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'") != 1 ]]; then
  psql_as_postgres "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" >&2
fi
# CREATE DATABASE cannot run inside the transaction a multi-statement -c would open: separate call.
if [[ $(psql_as_postgres "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") != 1 ]]; then
  psql_as_postgres "CREATE DATABASE $DATABASE OWNER $ROLE" >&2
fi

echo "postgres://$ROLE:$PASSWORD@127.0.0.1:5432/$DATABASE"
