#!/usr/bin/env bash
# Start a local PostgreSQL server for the event-store tests and print its URL on stdout.
#
# Idempotent, for Debian/Ubuntu as root: installs the `postgresql` package if no server is
# installed, creates and starts the cluster if needed, creates the role and the database if
# missing, and prints   postgresql://USER:PASSWORD@127.0.0.1:PORT/DB   (nothing else on stdout;
# progress goes to stderr). Use it as
#
#     export ACCORDS_TEST_POSTGRES_URL=$(scripts/start-postgres.sh)
#
# Settings (environment): ACCORDS_PG_DB (accords_test), ACCORDS_PG_USER (accords),
# ACCORDS_PG_PASSWORD (accords), ACCORDS_PG_CLUSTER (main).
set -euo pipefail

db=${ACCORDS_PG_DB:-accords_test}
user=${ACCORDS_PG_USER:-accords}
password=${ACCORDS_PG_PASSWORD:-accords}
cluster=${ACCORDS_PG_CLUSTER:-main}

log() { echo "start-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

for name in "$db" "$user"; do
    [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid name '$name' (lower-case letters, digits, _)"
done
[[ $password =~ ^[A-Za-z0-9_.-]+$ ]] || die "the password may hold only letters, digits, _ . -"

server_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(server_version)" ] || [ ! -x "/usr/lib/postgresql/$(server_version)/bin/postgres" ]; then
    [ "$(id -u)" -eq 0 ] || die "no PostgreSQL server installed and not root: run as root or install it"
    command -v apt-get >/dev/null || die "no PostgreSQL server installed and no apt-get to install it"
    log "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y postgresql >&2 || { apt-get update >&2 && apt-get install -y postgresql >&2; } \
        || die "apt-get install postgresql failed"
fi
version=$(server_version)
[ -n "$version" ] || die "PostgreSQL server files not found under /usr/lib/postgresql"

cluster_field() { pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $'"$1"'}'; }

if [ -z "$(cluster_field 2)" ]; then
    log "creating cluster $version/$cluster"
    pg_createcluster "$version" "$cluster" >&2 || die "pg_createcluster $version $cluster failed"
fi
port=$(cluster_field 3)
if [ "$(cluster_field 4)" != "online" ]; then
    log "starting cluster $version/$cluster on port $port"
    pg_ctlcluster "$version" "$cluster" start >&2 || die "pg_ctlcluster $version $cluster start failed"
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || die "the server on port $port does not accept connections"

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
    log "creating role $user"
    psql_admin -c "CREATE ROLE $user LOGIN PASSWORD '$password'" >&2
else
    psql_admin -c "ALTER ROLE $user LOGIN PASSWORD '$password'" >&2
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    log "creating database $db"
    psql_admin -c "CREATE DATABASE $db OWNER $user" >&2
fi

echo "postgresql://$user:$password@127.0.0.1:$port/$db"
