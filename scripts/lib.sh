#!/usr/bin/env bash
# Shared helpers for ./archive: prerequisites and the services (PostgreSQL, s3rver, Azurite).
# Sourced, not run. Every function is idempotent so that re-runs on a used machine are safe.

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

log() { printf '\033[1;34m[archive]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[archive] error:\033[0m %s\n' "$*" >&2; exit 1; }

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  return 1
}

apt_install() {
  [ "$(id -u)" = 0 ] || die "missing Debian packages ($*); run as root or install them: apt-get install $*"
  if [ ! -f /var/lib/apt/periodic/archive-updated ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
    apt-get update -qq >&2 && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/archive-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

has_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# ensure_prereqs [extra Debian packages…]
ensure_prereqs() {
  local need=() p
  pg_bindir >/dev/null || need+=(postgresql)
  command -v node >/dev/null || need+=(nodejs npm)
  for p in "$@"; do has_deb "$p" || need+=("$p"); done
  command -v dotnet >/dev/null || die "the .NET SDK is required (see global.json)"
  [ ${#need[@]} -eq 0 ] || { log "installing ${need[*]}"; apt_install "${need[@]}"; }
}

ensure_node_modules() {
  if [ ! -x "$ROOT/node_modules/.bin/s3rver" ] || [ ! -x "$ROOT/node_modules/.bin/azurite-blob" ] \
     || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing test services from package-lock.json (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
  fi
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# The unprivileged account that runs PostgreSQL when we are root (initdb refuses root).
pg_user() {
  if [ "$(id -u)" != 0 ]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  id archive-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin archive-pg
  echo archive-pg
}

as_pg() { # run a command as the PostgreSQL account
  local u; u=$(pg_user)
  if [ "$(id -u)" = 0 ]; then runuser -u "$u" -- "$@"; else "$@"; fi
}

# start_postgres DATA_DIR SOCKET_DIR [PORT]
# With PORT it also listens on 127.0.0.1:PORT (tests); without, only on the socket (embedded).
start_postgres() {
  local data="$1" sock="$2" port="${3:-}" bin u
  bin=$(pg_bindir) || die "PostgreSQL binaries not found"
  u=$(pg_user)
  mkdir -p "$data" "$sock"
  if [ "$(id -u)" = 0 ]; then chown "$u" "$data" "$sock"; fi
  chmod 700 "$data"; chmod 755 "$sock"
  as_pg test -w "$data" || die "PostgreSQL account '$u' cannot write $data (a parent folder is not searchable by it); set ARCHIVE_DATA_DIR to a folder it can reach"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $data"
    as_pg "$bin/initdb" -D "$data" -U archive --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || as_pg "$bin/initdb" -D "$data" -U archive --auth=trust -E UTF8 --locale=C >/dev/null \
      || die "initdb failed"
  fi
  local listen="''"; [ -n "$port" ] && listen="'127.0.0.1'"
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=$listen ${port:+-p $port} -c unix_socket_directories='$sock' -c max_connections=${PG_MAX_CONNECTIONS:-300} -c fsync=${PG_FSYNC:-on} -c shared_buffers=128MB" \
    start >/dev/null || { tail -20 "$data/server.log" >&2; die "PostgreSQL did not start"; }
}

stop_postgres() {
  local data="$1" bin
  bin=$(pg_bindir) || return 0
  [ -f "$data/postmaster.pid" ] || return 0
  as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 \
    || as_pg "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
}

wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start_s3rver() { # dir port
  mkdir -p "$1"
  "$ROOT/node_modules/.bin/s3rver" -d "$1" -a 127.0.0.1 -p "$2" --silent >"$1.log" 2>&1 &
  echo $! >"$1.pid"
  wait_port 127.0.0.1 "$2" 30 || { cat "$1.log" >&2; die "s3rver did not start"; }
}

start_azurite() { # dir port
  mkdir -p "$1"
  "$ROOT/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$2" -l "$1" \
    --skipApiVersionCheck --loose --silent >"$1.log" 2>&1 &
  echo $! >"$1.pid"
  wait_port 127.0.0.1 "$2" 30 || { cat "$1.log" >&2; die "Azurite did not start"; }
}

# alive PID: whether the process exists and is not a zombie.
alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null; }

# stop_pidfile FILE: stops the process FILE names (SIGTERM, SIGKILL after 10 s), waits until it is gone, removes FILE.
stop_pidfile() {
  [ -f "$1" ] || return 0
  local pid i; pid="$(cat "$1")"
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    for ((i = 0; i < 100; i++)); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$1"
  return 0
}

# kill_descendants PID: SIGTERM to every descendant of PID, deepest first (a test run's dotnet and test hosts).
kill_descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    kill_descendants "$child"
    kill "$child" 2>/dev/null || true
  done
}

AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

# start_test_services DIR: starts all three and exports ARCHIVE_TEST_* for the test harness.
start_test_services() {
  local dir="$1" pgport s3port azport
  pgport=$(free_port); s3port=$(free_port); azport=$(free_port)
  # The tests keep their pools small and short-lived (TestServices.WithTestPool), so a normal limit suffices.
  PG_MAX_CONNECTIONS=150 start_postgres "$dir/pg" "$dir/pg-run" "$pgport"
  start_s3rver "$dir/s3" "$s3port"
  start_azurite "$dir/azurite" "$azport"
  export ARCHIVE_TEST_DB="Host=127.0.0.1;Port=$pgport;Username=archive;Database=postgres;Pooling=true;Maximum Pool Size=10"
  export ARCHIVE_TEST_S3="s3://S3RVER:S3RVER@127.0.0.1:$s3port/?secure=false"
  export ARCHIVE_TEST_AZURE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$azport/devstoreaccount1;"
  log "services: PostgreSQL :$pgport, s3rver :$s3port, Azurite :$azport"
}

stop_test_services() {
  local dir="$1"
  stop_pidfile "$dir/s3.pid"
  stop_pidfile "$dir/azurite.pid"
  stop_postgres "$dir/pg"
}

# Builds the independent ledger verifier (Go's sumdb/note and sumdb/tlog from Debian) into DIR.
build_go_verifier() {
  local out="$1/ledger-verify"
  mkdir -p "$1/gocache"
  (cd "$ROOT" && GOCACHE="$1/gocache" GO111MODULE=off GOPATH=/usr/share/gocode go build -o "$out" ./tools/ledger-verify) \
    || die "building tools/ledger-verify failed"
  echo "$out"
}

# Debian packages behind the generated CJK font (PDF reports and demo documents).
FONT_DEBS=(fonts-wqy-microhei python3-fonttools)

# ensure_cjk_font: exports ARCHIVE_CJK_FONT, a TrueType face PDFsharp can embed. PDFsharp cannot open Debian's
# WenQuanYi Micro Hei collection (.ttc), so its first face is extracted once with fontTools into
# tools/fonts/generated/ (git-ignored). An ARCHIVE_CJK_FONT set by the operator is used as it is.
ensure_cjk_font() {
  if [ -n "${ARCHIVE_CJK_FONT:-}" ]; then
    [ -f "$ARCHIVE_CJK_FONT" ] || die "ARCHIVE_CJK_FONT=$ARCHIVE_CJK_FONT does not exist"
    export ARCHIVE_CJK_FONT; return 0
  fi
  local ttc=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc out="$ROOT/tools/fonts/generated/wqy-microhei.ttf"
  if [ ! -s "$out" ] || [ "$ttc" -nt "$out" ]; then
    [ -f "$ttc" ] || die "$ttc not found (Debian package fonts-wqy-microhei)"
    mkdir -p "$(dirname "$out")"
    log "extracting the first face of $ttc into $out"
    /usr/bin/python3 - "$ttc" "$out.tmp" <<'PY' || die "extracting the CJK font failed (python3-fonttools)"
import sys
from fontTools.ttLib import TTCollection
TTCollection(sys.argv[1]).fonts[0].save(sys.argv[2])
PY
    mv "$out.tmp" "$out"
  fi
  export ARCHIVE_CJK_FONT="$out"
}

# postgres_running DATA_DIR: whether a cluster is running on DATA_DIR (its postmaster.pid names a live postmaster).
postgres_running() {
  local data="$1" bin
  [ -f "$data/postmaster.pid" ] || return 1
  bin=$(pg_bindir) || return 1
  as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}
