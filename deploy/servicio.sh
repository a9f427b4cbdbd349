#!/usr/bin/env bash
# Runs the service (focalizacion-servicio) on http://127.0.0.1:5080 until stopped. Arguments go
# to the service (e.g. --urls http://127.0.0.1:6000). With FOCALIZACION_DB unset it starts the
# machine's PostgreSQL and uses the local role deploy/postgres.sh creates; with it set, that database.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${FOCALIZACION_DB:-}" ]; then
    bash deploy/postgres.sh
    export FOCALIZACION_DB="Host=127.0.0.1;Port=5432;Username=focalizacion;Password=focalizacion;Database=focalizacion"
fi
exec dotnet run --project src/Focalizacion.Service -c Release -- "$@"
