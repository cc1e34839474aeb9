#!/usr/bin/env bash
# Database backups of the embedded cluster (README "Database backups and point-in-time restore"): WAL archiving into
# a spool folder under the data folder (the host's backup job ships it to the offline store, with daily base
# backups), and the PostgreSQL half of `./archive restore`. Sourced after lib.sh, not run.

# The spool the cluster archives finished WAL segments into; the host ships them to backups/wal/ in the offline store.
wal_spool() { echo "$1/pg-wal-spool"; } # DATA

# wal_archive_options DATA: installs the archive command beside the spool (both owned by the PostgreSQL account) and
# prints the server options that turn archiving on. They go on the command line at every start, so a data folder
# made before archiving existed gets it on its next start (archive_mode needs a restart).
wal_archive_options() {
  local data="$1" spool script u
  spool="$(wal_spool "$data")"; script="$data/pg-wal-archive.sh"; u=$(pg_user)
  mkdir -p "$spool"
  install -m 0700 "$ROOT/scripts/wal-archive.sh" "$script"
  if [ "$(id -u)" = 0 ]; then chown "$u" "$spool" "$script"; fi
  chmod 700 "$spool"
  echo "-c archive_mode=on -c archive_command='$script $spool %p %f' -c archive_timeout=${PG_ARCHIVE_TIMEOUT:-300}"
}

# start_embedded_postgres DATA: the data folder's private cluster, archiving its WAL into the spool.
start_embedded_postgres() {
  local data="$1"
  PG_EXTRA_OPTS="$(wal_archive_options "$data") ${PG_EXTRA_OPTS:-}" start_postgres "$data/pg" "$data/run" "$data/db.pgpass"
}

# embedded_backup_settings DATA: the host's backup job settings for the private cluster (the backup role's
# password stays in db.pgpass; the connection string names the file, never the password).
embedded_backup_settings() {
  export ARCHIVE_BACKUP_SPOOL="${ARCHIVE_BACKUP_SPOOL:-$(wal_spool "$1")}"
  export ARCHIVE_BACKUP_DB="${ARCHIVE_BACKUP_DB:-Host=$1/run;Username=$DB_BACKUP_ROLE;Passfile=$1/db.pgpass}"
}

# plan_value FILE KEY: one "key=value" line of the restore plan the host's `restore fetch` wrote.
plan_value() { sed -n "s/^$2=//p" "$1" | head -1; }

# restore_cluster DATA TARGET API_DLL: a point-in-time restore of DATA's private cluster to TARGET (an ISO instant
# with offset, or "latest"). The cluster must be stopped; the old pg folder is moved aside, never deleted.
restore_cluster() {
  local data="$1" target="$2" dll="$3" bin u stamp work plan
  bin=$(pg_bindir) || die "PostgreSQL binaries not found"
  u=$(pg_user)
  postgres_running "$data/pg" && die "restore.cluster-running: the PostgreSQL cluster in $data/pg runs; stop ./archive up (and every command using it) first"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  work="$data/restore-$stamp"
  mkdir -p "$work"; chmod 700 "$work"
  # The host's command reads the offline store, picks the base backup and fetches it with the WAL after it.
  dotnet "$dll" restore fetch --to "$target" --into "$work" || { rm -rf "$work"; die "nothing was changed"; }
  plan="$work/restore-plan.txt"
  if [ "$(id -u)" = 0 ]; then chown -R "$u" "$work"; fi
  local aside=""
  if [ -d "$data/pg" ]; then
    aside="$data/pg.before-restore-$stamp"
    mv "$data/pg" "$aside"
    log "the previous cluster is kept in $aside"
  fi
  mkdir -p "$data/pg"
  if [ "$(id -u)" = 0 ]; then chown "$u" "$data/pg"; fi
  chmod 700 "$data/pg"
  as_pg tar -xf "$work/base.tar" -C "$data/pg" || die "extracting the base backup failed"
  as_pg touch "$data/pg/recovery.signal"
  local recovery="-c restore_command='cp $work/wal/%f %p' -c recovery_target_action=promote"
  local pg_target; pg_target="$(plan_value "$plan" target)"
  [ -n "$pg_target" ] && recovery="$recovery -c recovery_target_time='$pg_target'"
  log "recovering from base backup $(plan_value "$plan" backup) to ${pg_target:-the end of the shipped WAL}"
  # Not start_postgres: its role upkeep writes, and a cluster in recovery is read-only until it is promoted.
  mkdir -p "$data/run"
  if [ "$(id -u)" = 0 ]; then chown "$u" "$data/run"; fi
  chmod 700 "$data/run"
  if ! as_pg "$bin/pg_ctl" -D "$data/pg" -l "$data/pg/server.log" -w -t 600 \
      -o "$(pg_server_options "$data/run") $(wal_archive_options "$data") $recovery" \
      start >/dev/null; then
    grep -q "recovery ended before configured recovery target was reached" "$data/pg/server.log" 2>/dev/null \
      && die "restore.wal-missing: the shipped WAL ends before $target; restore to an earlier instant, or without --to for the latest state (the previous cluster is in ${aside:-nowhere})"
    tail -20 "$data/pg/server.log" >&2
    die "the restored cluster did not start (the previous cluster is in ${aside:-nowhere})"
  fi
  local i recovering=t
  for ((i = 0; i < 600; i++)); do
    recovering="$(psql_as "$data/db.pgpass" "$data/run" "$DB_SUPERUSER" postgres -c 'SELECT pg_is_in_recovery()')" || recovering=t
    [ "$recovering" = f ] && break
    sleep 0.5
  done
  local replayed
  replayed="$(psql_as "$data/db.pgpass" "$data/run" "$DB_SUPERUSER" postgres -c "SELECT coalesce(to_char(pg_last_xact_replay_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'none')")"
  stop_postgres "$data/pg"
  [ "$recovering" = f ] || die "the restored cluster was still recovering after 5 minutes (see $data/pg/server.log)"
  echo "restored the database of $data"
  echo "  base backup:        $(plan_value "$plan" backup) (taken $(plan_value "$plan" backup_started) – $(plan_value "$plan" backup_completed))"
  echo "  target:             ${pg_target:-latest (the end of the shipped WAL)}"
  echo "  WAL used:           $(plan_value "$plan" wal_first) … $(plan_value "$plan" wal_last) ($(plan_value "$plan" wal_count) segments)"
  echo "  last transaction:   $replayed (the newest commit replayed)"
  echo "  previous cluster:   ${aside:-none} (kept; delete it yourself once the restore is checked)"
  rm -rf "$work"
}
