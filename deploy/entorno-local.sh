# Sourced (not run) by the project's scripts: the connection strings of the three local roles that
# deploy/postgres.sh creates, for whichever of FOCALIZACION_DB, FOCALIZACION_DB_API and
# FOCALIZACION_DB_MOTOR is unset.
# Local provisioning only: the service itself has no default and refuses to start without them.
# Without TLS: the server is this machine's, reached on loopback, where encryption protects nothing
# and cost every round trip CPU on both sides (Npgsql prefers TLS, and Debian's PostgreSQL offers it:
# a quarter of the API's CPU per request, docs/benchmarks/api.md). A database on another host gets
# the operator's connection string, which says its own SSL Mode.
export FOCALIZACION_DB="${FOCALIZACION_DB:-Host=127.0.0.1;Port=5432;Username=focalizacion;Password=focalizacion;Database=focalizacion;SSL Mode=Disable}"
export FOCALIZACION_DB_API="${FOCALIZACION_DB_API:-Host=127.0.0.1;Port=5432;Username=focalizacion_api;Password=focalizacion_api;Database=focalizacion;SSL Mode=Disable}"
export FOCALIZACION_DB_MOTOR="${FOCALIZACION_DB_MOTOR:-Host=127.0.0.1;Port=5432;Username=focalizacion_motor;Password=focalizacion_motor;Database=focalizacion;SSL Mode=Disable}"

# The same connection string on another database of that server (a benchmark's own throwaway one).
# Usage: en_base "$FOCALIZACION_DB" bench_api
en_base() { printf '%s\n' "$1" | sed -E "s/(^|;)[[:space:]]*Database=[^;]*/\1Database=$2/I"; }
