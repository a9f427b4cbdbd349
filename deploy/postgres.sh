#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 (installing it if missing) and makes sure the service's role
# and database exist. Idempotent: safe to run before every test run or service start.
# Roles and database on 127.0.0.1:5432, local only: focalizacion (owns the tables: migrations and
# grants; password "focalizacion"), focalizacion_api (serves users: owns nothing, bound by row-level
# security, no CREATEDB, no pg_signal_backend; password "focalizacion_api") and focalizacion_motor
# (the running service's writes: engine, handlers, Hangfire; owns nothing, no CREATEDB, no
# BYPASSRLS, no pg_signal_backend; password "focalizacion_motor"). These passwords exist only in
# this local provisioning: the service never falls back to them.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_lsclusters --no-header | grep -q online; then
    version=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 }')
    as_root pg_ctlcluster "$version" main start
fi

psql_admin() { as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'focalizacion'")" != "1" ]; then
    psql_admin -c "CREATE ROLE focalizacion LOGIN CREATEDB PASSWORD 'focalizacion'"
fi
# Throwaway databases (tests, simulations) are dropped WITH (FORCE); an autovacuum worker busy in
# one can only be stopped by a member of pg_signal_backend.
psql_admin -c "GRANT pg_signal_backend TO focalizacion"
for role in focalizacion_api focalizacion_motor; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
        psql_admin -c "CREATE ROLE $role LOGIN NOINHERIT NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$role'"
    fi
done
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'focalizacion'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE focalizacion OWNER focalizacion"
fi
for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && exit 0
    sleep 1
done
echo "PostgreSQL no responde en 127.0.0.1:5432" >&2
exit 1
