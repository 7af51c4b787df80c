#!/bin/sh
# Creates Temporal's two PostgreSQL databases (and ours) on the first start, and brings their schemas up to
# the server's version on every start (update-schema applies only what is missing).
# temporal-sql-tool reads the password from SQL_PASSWORD.
set -eu

sql() {
  database=$1
  shift
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" \
    --db "$database" "$@"
}

for db in temporal temporal_visibility; do
  if [ "$db" = temporal ]; then schema=temporal; else schema=visibility; fi
  if sql "$db" create; then
    sql "$db" setup-schema -v 0.0
  else
    echo "database $db exists"
  fi
  sql "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done

# Our own database (the register, the sent-email log, the console's sessions): created once; the
# workers and the console run its migrations when they start.
if sql "$OUR_DATABASE" create; then echo "database $OUR_DATABASE created"; else echo "database $OUR_DATABASE exists"; fi
