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
     || [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ] \
     || [ ! -f "$ROOT/node_modules/echarts/dist/echarts.min.js" ] \
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

# The cluster's roles: the superuser (maintenance only, never the application), the owner that runs the migrations,
# the application's runtime role (on ledger.* only SELECT and INSERT; granted by the host after migrating), and the
# backup role (REPLICATION only: pg_basebackup, scripts/backup.sh).
DB_SUPERUSER=archive
DB_OWNER_ROLE=archive_owner
DB_APP_ROLE=archive_app
DB_BACKUP_ROLE=archive_backup

# private_folder DIR: DIR readable by its owner only; when PostgreSQL runs as another account (we are root), that
# account may traverse it (group execute, 0710) to reach its own 0700 folders inside, and nobody else may.
private_folder() {
  mkdir -p "$1"
  if [ "$(id -u)" = 0 ] && [ "$(pg_user)" != root ]; then
    chgrp "$(id -gn "$(pg_user)")" "$1" && chmod 710 "$1"
  else
    chmod 700 "$1"
  fi
}

# ensure_pgpass FILE: once, a password file (pgpass format, mode 0600) with a generated password for each role.
# A file of an earlier version gains the roles it lacks.
ensure_pgpass() {
  local f="$1" r
  (
    umask 077
    [ -s "$f" ] && cp -p "$f" "$f.tmp" || : >"$f.tmp"
    for r in "$DB_SUPERUSER" "$DB_OWNER_ROLE" "$DB_APP_ROLE" "$DB_BACKUP_ROLE"; do
      [ -n "$(pgpass_of "$f.tmp" "$r")" ] || echo "*:*:*:$r:$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')" >>"$f.tmp"
    done
  ) && mv "$f.tmp" "$f" || die "cannot write $f"
}

pgpass_of() { awk -F: -v r="$2" '$4 == r { print $5 }' "$1"; } # FILE ROLE

# psql_as PGPASS SOCKET_DIR ROLE DB ARGS…: psql over the socket with the generated password (as the calling account);
# PG_PORT names the cluster's port when it is not the default.
psql_as() {
  local pass="$1" sock="$2" role="$3" db="$4"; shift 4
  PGPASSFILE="$pass" "$(pg_bindir)/psql" -h "$sock" ${PG_PORT:+-p "$PG_PORT"} -U "$role" -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"
}

PG_HBA='# scram-sha-256 for every connection; the socket folder is 0700 (written by scripts/lib.sh)
local all all scram-sha-256
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128 scram-sha-256
local replication archive_backup scram-sha-256
host  replication archive_backup 127.0.0.1/32 scram-sha-256'

# pg_server_options SOCKET_DIR [PORT]: the server options of every start (a restore's recovery needs the same limits).
pg_server_options() {
  local sock="$1" port="${2:-}" listen="''"
  [ -n "$port" ] && listen="'127.0.0.1'"
  echo "-c listen_addresses=$listen ${port:+-p $port} -c unix_socket_directories='$sock' -c unix_socket_permissions=0700 -c max_connections=${PG_MAX_CONNECTIONS:-300} -c fsync=${PG_FSYNC:-on} -c shared_buffers=128MB"
}

# start_postgres DATA_DIR SOCKET_DIR PGPASS [PORT]
# With PORT it also listens on 127.0.0.1:PORT (tests); without, only on the socket (embedded). Every connection
# authenticates with scram-sha-256 against the passwords generated into PGPASS (0600); the socket folder is 0700.
start_postgres() {
  local data="$1" sock="$2" pass="$3" port="${4:-}" bin u
  bin=$(pg_bindir) || die "PostgreSQL binaries not found"
  u=$(pg_user)
  mkdir -p "$data" "$sock"
  if [ "$(id -u)" = 0 ]; then chown "$u" "$data" "$sock"; fi
  chmod 700 "$data" "$sock"
  ensure_pgpass "$pass"
  as_pg test -w "$data" || die "PostgreSQL account '$u' cannot write $data (a parent folder is not searchable by it); set ARCHIVE_DATA_DIR to a folder it can reach"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $data"
    local pw="$sock/.initdb-password"
    (umask 077; pgpass_of "$pass" "$DB_SUPERUSER" >"$pw")
    if [ "$(id -u)" = 0 ]; then chown "$u" "$pw"; fi
    as_pg "$bin/initdb" -D "$data" -U "$DB_SUPERUSER" --auth=scram-sha-256 --pwfile="$pw" -E UTF8 --locale=C.UTF-8 >/dev/null \
      || as_pg "$bin/initdb" -D "$data" -U "$DB_SUPERUSER" --auth=scram-sha-256 --pwfile="$pw" -E UTF8 --locale=C >/dev/null \
      || { rm -f "$pw"; die "initdb failed"; }
    rm -f "$pw"
  fi
  as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o "$(pg_server_options "$sock" "$port") ${PG_EXTRA_OPTS:-}" \
    start >/dev/null || { tail -20 "$data/server.log" >&2; die "PostgreSQL did not start"; }
  PG_PORT="$port" secure_postgres "$data" "$sock" "$pass"
}

# secure_postgres DATA_DIR SOCKET_DIR PGPASS: a cluster of an earlier version (trust authentication) gets its
# superuser's password and scram-sha-256; the owner and application roles exist with the generated passwords.
secure_postgres() {
  local data="$1" sock="$2" pass="$3"
  if grep -Eq '^[^#]*[[:space:]]trust([[:space:]]|$)' "$data/pg_hba.conf"; then
    log "switching the PostgreSQL cluster in $data from trust to scram-sha-256 authentication"
    # Passwords go through standard input, never the command line (which every account can read in /proc).
    as_pg "$(pg_bindir)/psql" -h "$sock" ${PG_PORT:+-p "$PG_PORT"} -U "$DB_SUPERUSER" -d postgres -v ON_ERROR_STOP=1 -qtA >/dev/null <<SQL \
      || die "setting the superuser's password failed"
SET password_encryption = 'scram-sha-256';
ALTER ROLE $DB_SUPERUSER PASSWORD '$(pgpass_of "$pass" "$DB_SUPERUSER")';
SQL
    printf '%s\n' "$PG_HBA" | as_pg tee "$data/pg_hba.conf" >/dev/null
    as_pg "$(pg_bindir)/pg_ctl" -D "$data" reload >/dev/null
  elif ! grep -Eq "^[^#]*replication[[:space:]]+$DB_BACKUP_ROLE" "$data/pg_hba.conf"; then
    # A cluster of an earlier version: the backup role may open replication connections (pg_basebackup) too.
    printf '%s\n' "$PG_HBA" | grep replication | as_pg tee -a "$data/pg_hba.conf" >/dev/null
    as_pg "$(pg_bindir)/pg_ctl" -D "$data" reload >/dev/null
  fi
  local r
  for r in "$DB_OWNER_ROLE" "$DB_APP_ROLE" "$DB_BACKUP_ROLE"; do
    local replication=NOREPLICATION; [ "$r" = "$DB_BACKUP_ROLE" ] && replication=REPLICATION
    # The generated passwords are alphanumeric, so they need no quoting inside '…'.
    psql_as "$pass" "$sock" "$DB_SUPERUSER" postgres -v role="$r" >/dev/null <<SQL || die "creating role $r failed"
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SET password_encryption = 'scram-sha-256';
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE $replication NOBYPASSRLS PASSWORD '$(pgpass_of "$pass" "$r")';
SQL
  done
}

# ensure_database PGPASS SOCKET_DIR NAME: the database NAME, owned by the owner role; only the owner and the
# application role may connect. A database of an earlier version (owned by the superuser) is handed to the owner.
ensure_database() {
  local pass="$1" sock="$2" db="$3"
  psql_as "$pass" "$sock" "$DB_SUPERUSER" postgres -v db="$db" -v owner="$DB_OWNER_ROLE" -v app="$DB_APP_ROLE" >/dev/null <<'SQL' || die "creating database $db failed"
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"app";
SQL
  psql_as "$pass" "$sock" "$DB_SUPERUSER" "$db" >/dev/null <<SQL || die "handing database $db to $DB_OWNER_ROLE failed"
DO \$\$
DECLARE r record;
BEGIN
  FOR r IN SELECT n.nspname FROM pg_namespace n
           WHERE n.nspowner = '$DB_SUPERUSER'::regrole AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'public') LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO $DB_OWNER_ROLE', r.nspname);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relowner = '$DB_SUPERUSER'::regrole AND c.relkind IN ('r', 'p', 'v', 'm')
             AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema') LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO $DB_OWNER_ROLE', r.t);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relowner = '$DB_SUPERUSER'::regrole AND c.relkind = 'S'
             AND n.nspname NOT LIKE 'pg\\_%' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO $DB_OWNER_ROLE', r.t);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE p.proowner = '$DB_SUPERUSER'::regrole AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema') LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO $DB_OWNER_ROLE', r.f);
  END LOOP;
END
\$\$;
SQL
}

# embedded_db_settings DATA SOCKET_DIR: exports ARCHIVE_DB (application role) and ARCHIVE_DB_OWNER (migrations).
embedded_db_settings() {
  export ARCHIVE_DB="Host=$2;Username=$DB_APP_ROLE;Database=archive;Passfile=$1/db.pgpass"
  export ARCHIVE_DB_OWNER="Host=$2;Username=$DB_OWNER_ROLE;Database=archive;Passfile=$1/db.pgpass"
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
  PG_MAX_CONNECTIONS=150 start_postgres "$dir/pg" "$dir/pg-run" "$dir/pgpass" "$pgport"
  start_s3rver "$dir/s3" "$s3port"
  start_azurite "$dir/azurite" "$azport"
  # The superuser (test set-up and deliberate tampering); the tests derive the owner and application roles from it.
  export ARCHIVE_TEST_DB="Host=127.0.0.1;Port=$pgport;Username=$DB_SUPERUSER;Database=postgres;Passfile=$dir/pgpass;Pooling=true;Maximum Pool Size=10"
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

# Debian packages behind the generated CJK font (PDF reports and demo documents), and Noto CJK for the console in a browser.
FONT_DEBS=(fonts-wqy-microhei python3-fonttools fonts-noto-cjk)

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
