#!/usr/bin/env bash
# Builds local stand-ins for the base images Jessy's Dockerfiles take as build args, from Debian
# packages only, for machines that cannot reach a container registry (CI sandboxes, air-gapped hosts).
#
#   docker/base-images.sh [--prefix P] [--extra-ca-dir DIR | --no-extra-ca] [--env-file FILE] [--force] [IMAGE...]
#   IMAGE: debian builder postgres prometheus (default: all four)
#
#   image                 stands in for                          made from
#   $PREFIX/debian:trixie debian:trixie-slim                     debootstrap --variant=minbase trixie
#   $PREFIX/builder:25    maven:3.9-eclipse-temurin-25           openjdk-25-jdk-headless (has the jmods), gcc (the
#                                                                images' static health probe); Maven comes
#                                                                with the project's wrapper (./mvnw)
#   $PREFIX/postgres:17   postgres:17                            postgresql-17 + a POSTGRES_* entrypoint
#   $PREFIX/prometheus:2.53 prom/prometheus (profile monitoring) prometheus (Debian's 2.53)
#
# Local images are never tagged with official names: they are passed to builds and compose as
#   BUILDER_IMAGE=... POSTGRES_IMAGE=... PROMETHEUS_IMAGE=...
# (The production images need no runtime base: they are built FROM scratch, see docker/rootfs.sh.)
# which the script prints at the end and, with --env-file, writes to a file:
#   docker/base-images.sh --env-file .env
#   docker compose up                     # compose reads .env by itself
# (--env-file sets those lines in the file and keeps the rest).
#
# Extra CA certificates: the builder trusts the *.crt files of EXTRA_CA_DIR (or --extra-ca-dir), by
# default the host's own extra ones in /usr/local/share/ca-certificates, so a build behind a
# TLS-inspecting proxy reaches Maven Central whenever the host does (--no-extra-ca: none, e.g. for
# images you ship). The builder carries the digest of that set as a label, and is rebuilt when the
# set changes; other images already present are kept. --force rebuilds everything.
# Needs root (debootstrap), docker, debootstrap.
set -euo pipefail

PREFIX=${PREFIX:-jessy-local}
# A directory named on purpose (environment or option) must hold certificates; the default may not.
CA_ASKED=false
if [[ -n ${EXTRA_CA_DIR:-} ]]; then CA_ASKED=true; fi
EXTRA_CA_DIR=${EXTRA_CA_DIR-/usr/local/share/ca-certificates}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
ENV_FILE=
FORCE=false
IMAGES=()

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
die() { echo "base-images: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

while (($#)); do
  case $1 in
    --prefix) PREFIX=${2:?--prefix needs a value}; shift 2 ;;
    --extra-ca-dir) EXTRA_CA_DIR=${2:?--extra-ca-dir needs a directory}; CA_ASKED=true; shift 2 ;;
    --no-extra-ca) EXTRA_CA_DIR=; shift ;;
    --env-file) ENV_FILE=${2:?--env-file needs a path}; shift 2 ;;
    --mirror) MIRROR=${2:?--mirror needs a URL}; shift 2 ;;
    --force) FORCE=true; shift ;;
    -h | --help) usage; exit 0 ;;
    debian | builder | postgres | prometheus) IMAGES+=("$1"); shift ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
((${#IMAGES[@]})) || IMAGES=(debian builder postgres prometheus)

DEBIAN_IMAGE=$PREFIX/debian:$SUITE
BUILDER_IMAGE=$PREFIX/builder:25
POSTGRES_IMAGE=$PREFIX/postgres:17
PROMETHEUS_IMAGE=$PREFIX/prometheus:2.53

command -v docker >/dev/null || die "docker not found"
docker info >/dev/null 2>&1 || die "the Docker daemon is not reachable (start dockerd first)"
# The default directory may well be empty or missing (no proxy): then there is nothing to add.
if [[ -n $EXTRA_CA_DIR ]] && ! compgen -G "$EXTRA_CA_DIR/*.crt" >/dev/null; then
  if $CA_ASKED; then
    die "no *.crt files in EXTRA_CA_DIR '$EXTRA_CA_DIR'"
  fi
  EXTRA_CA_DIR=
fi
# ca_digest: what identifies the extra CA set ("none" without one), kept as the builder's label.
ca_digest() {
  if [[ -z $EXTRA_CA_DIR ]]; then echo none; return; fi
  cat "$EXTRA_CA_DIR"/*.crt | sha256sum | cut -c1-64
}
CA_DIGEST=$(ca_digest)
CA_LABEL=io.jessy.extra-ca-sha256
RECIPE_LABEL=io.jessy.recipe-sha256
if [[ -n $EXTRA_CA_DIR ]]; then
  cas=("$EXTRA_CA_DIR"/*.crt)
  log "the builder trusts the ${#cas[@]} extra CA certificates in $EXTRA_CA_DIR (sha256 ${CA_DIGEST:0:12}); --no-extra-ca for none"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

present() { docker image inspect "$1" >/dev/null 2>&1; }
wanted() { [[ " ${IMAGES[*]} " == *" $1 "* ]]; }

# skip IMAGE: true when IMAGE exists and --force was not given.
skip() {
  if ! $FORCE && present "$1"; then
    log "$1 already present (--force rebuilds it)"
    return 0
  fi
  return 1
}

# context NAME: a fresh build context with the extra CA certificates in ./extra-ca/ (maybe empty).
context() {
  local dir=$work/$1
  mkdir -p "$dir/extra-ca"
  if [[ -n $EXTRA_CA_DIR ]]; then cp "$EXTRA_CA_DIR"/*.crt "$dir/extra-ca/"; fi
  echo "$dir"
}

# drop_replaced OLD_ID TAG: removes the image TAG pointed to before a --force rebuild, if unused.
drop_replaced() {
  [[ -n $1 && $1 != "$(docker image inspect -f '{{.Id}}' "$2")" ]] || return 0
  docker image rm "$1" >/dev/null 2>&1 || true
}

build() { # build TAG CONTEXT [DOCKER-BUILD-OPTION...]
  local started=$SECONDS old opts=("${@:3}")
  old=$(docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true)
  # --force means fresh packages too, not the cached apt-get layers.
  if $FORCE; then opts+=(--no-cache); fi
  docker build "${opts[@]}" --build-arg "BASE_IMAGE=$DEBIAN_IMAGE" -t "$1" "$2"
  drop_replaced "$old" "$1"
  log "$1 built in $((SECONDS - started)) s"
}

build_debian() {
  skip "$DEBIAN_IMAGE" && return
  command -v debootstrap >/dev/null || die "debootstrap not found (apt-get install -y debootstrap)"
  ((EUID == 0)) || die "debootstrap needs root"
  local started=$SECONDS root=$work/rootfs old
  old=$(docker image inspect -f '{{.Id}}' "$DEBIAN_IMAGE" 2>/dev/null || true)
  log "debootstrap --variant=minbase $SUITE from $MIRROR"
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }

  # Like debian:*-slim: no docs, man pages or translations in this image or any image built on it.
  # Only files are dropped: packages such as openjdk register alternatives in /usr/share/man/man1.
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
  cat >"$root/etc/apt/apt.conf.d/docker-slim" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
  find "$root/usr/share/doc" -type f ! -name copyright -delete
  find "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/locale" -type f ! -name locale.alias -delete
  mkdir -p "$root/usr/share/man/man1"
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
    "$root"/var/log/* "$root"/tmp/* "$root/etc/hostname" "$root/etc/resolv.conf"
  echo "deb $MIRROR $SUITE main" >"$root/etc/apt/sources.list"

  tar --numeric-owner -C "$root" -c . |
    docker import --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$DEBIAN_IMAGE" >/dev/null
  drop_replaced "$old" "$DEBIAN_IMAGE"
  rm -rf "$root"
  log "$DEBIAN_IMAGE imported in $((SECONDS - started)) s"
}

build_builder() {
  local trusted
  trusted=$(docker image inspect -f "{{index .Config.Labels \"$CA_LABEL\"}}" "$BUILDER_IMAGE" 2>/dev/null || true)
  if present "$BUILDER_IMAGE" && [[ $trusted != "$CA_DIGEST" ]]; then
    log "$BUILDER_IMAGE was built with another CA set (${trusted:-unknown}, now $CA_DIGEST): rebuilding it"
  else
    skip "$BUILDER_IMAGE" && return
  fi
  local ctx
  ctx=$(context builder)
  # Laid out like the official image: JDK at /opt/java/openjdk, curl for scripts; the builds run
  # Maven through the project's wrapper, so the image needs no Maven of its own.
  cat >"$ctx/Dockerfile" <<'EOF'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
# Certificates first, so the JDK trust store that ca-certificates-java generates includes them.
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates ca-certificates-java curl unzip \
      openjdk-25-jdk-headless gcc libc6-dev \
 && mkdir -p /opt/java \
 && ln -s "$(dirname "$(dirname "$(readlink -f /usr/bin/javac)")")" /opt/java/openjdk \
 && update-ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
ENV JAVA_HOME=/opt/java/openjdk \
    MAVEN_CONFIG=/root/.m2
CMD ["jshell"]
EOF
  build "$BUILDER_IMAGE" "$ctx" --label "$CA_LABEL=$CA_DIGEST"
}

build_postgres() {
  local ctx recipe
  ctx=$(context postgres)
  cat >"$ctx/Dockerfile" <<'EOF'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
# No cluster from the package: the entrypoint creates one in $PGDATA on first start.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-17 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql /docker-entrypoint-initdb.d \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
 && chmod 3777 /var/run/postgresql && chmod 700 /var/lib/postgresql/data
COPY --chmod=0755 docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/17/bin:$PATH \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
EOF
  cat >"$ctx/docker-entrypoint.sh" <<'EOF'
#!/usr/bin/env bash
# The official postgres image's contract, enough for compose and Swarm: POSTGRES_PASSWORD or
# POSTGRES_PASSWORD_FILE (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER
# (postgres), POSTGRES_DB (= user),
# POSTGRES_INITDB_ARGS, /docker-entrypoint-initdb.d/*.sql|*.sh on first start; runs as postgres.
set -euo pipefail

if [[ ${1:-} != postgres ]]; then exec "$@"; fi

if ((EUID == 0)); then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [[ -n ${POSTGRES_PASSWORD_FILE:-} ]]; then
  POSTGRES_PASSWORD=$(<"$POSTGRES_PASSWORD_FILE")
fi
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  if [[ -z ${POSTGRES_PASSWORD:-} && $POSTGRES_HOST_AUTH_METHOD != trust ]]; then
    echo "postgres: set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, as in the official image
  initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$POSTGRES_HOST_AUTH_METHOD" ${POSTGRES_INITDB_ARGS:-}
  rm -f "$pwfile"
  echo "host all all all $POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

  # Set up through the socket only, then restart listening on every address.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --dbname postgres)
  if [[ $POSTGRES_DB != postgres ]]; then
    "${psql[@]}" --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh) echo "running $f"; bash "$f" ;;
      *.sql) echo "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *) ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi

exec postgres -c listen_addresses='*' "${@:2}"
EOF
  # An image made from an older recipe (say, without POSTGRES_PASSWORD_FILE) is made again.
  recipe=$(cat "$ctx/Dockerfile" "$ctx/docker-entrypoint.sh" | sha256sum | cut -c1-64)
  if [[ $(docker image inspect -f "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$POSTGRES_IMAGE" 2>/dev/null) == "$recipe" ]]; then
    skip "$POSTGRES_IMAGE" && return
  elif present "$POSTGRES_IMAGE"; then
    log "$POSTGRES_IMAGE was made from another recipe: building it again"
  fi
  build "$POSTGRES_IMAGE" "$ctx" --label "$RECIPE_LABEL=$recipe"
}

build_prometheus() {
  skip "$PROMETHEUS_IMAGE" && return
  local ctx
  ctx=$(context prometheus)
  # Laid out like prom/prometheus: the server as entrypoint, data in /prometheus, user nobody, and
  # wget for compose's health check; compose passes the flags (config file, storage, features).
  cat >"$ctx/Dockerfile" <<'EOF'
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends prometheus wget \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
 && mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
VOLUME /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
EOF
  build "$PROMETHEUS_IMAGE" "$ctx"
}

started=$SECONDS
# Everything else is built on the debian image, so it comes first when anything is wanted.
if wanted debian || ! present "$DEBIAN_IMAGE"; then build_debian; fi
if wanted builder; then build_builder; fi
if wanted postgres; then build_postgres; fi
if wanted prometheus; then build_prometheus; fi
log "done in $((SECONDS - started)) s"

docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep "^$PREFIX/" >&2 || true

env_lines="BUILDER_IMAGE=$BUILDER_IMAGE
POSTGRES_IMAGE=$POSTGRES_IMAGE
PROMETHEUS_IMAGE=$PROMETHEUS_IMAGE"
# --env-file: set these variables in FILE, keeping its other lines (so it can be the project's
# .env, which `docker compose` reads by itself).
if [[ -n $ENV_FILE ]]; then
  touch "$ENV_FILE"
  grep -v -E '^(BUILDER_IMAGE|POSTGRES_IMAGE|PROMETHEUS_IMAGE)=' "$ENV_FILE" >"$work/env" || true
  echo "$env_lines" >>"$work/env"
  cat "$work/env" >"$ENV_FILE"
  log "set BUILDER_IMAGE, POSTGRES_IMAGE and PROMETHEUS_IMAGE in $ENV_FILE"
fi
echo "$env_lines"
