#!/bin/sh
# PostgreSQL's archive_command for the embedded cluster (README "Database backups"): copies one finished WAL segment
# into the spool folder atomically (a temporary name, flushed, then renamed). A file already there with the same bytes
# counts as done (PostgreSQL may retry after a crash); a different one is never overwritten: the command fails, and
# PostgreSQL keeps the segment and retries until an operator looks.
# usage: wal-archive.sh SPOOL_DIR %p %f
set -eu
spool="$1" source="$2" name="$3"
target="$spool/$name"
if [ -e "$target" ]; then
  if cmp -s "$source" "$target"; then exit 0; fi
  echo "wal-archive: $target exists with different bytes; not overwritten" >&2
  exit 1
fi
temporary="$spool/.$name.partial"
cp "$source" "$temporary"
sync "$temporary"
mv "$temporary" "$target"
sync "$spool"
