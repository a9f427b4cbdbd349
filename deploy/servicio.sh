#!/usr/bin/env bash
# Runs the service (focalizacion-servicio) on http://127.0.0.1:5080 until stopped. Arguments go
# to the service (e.g. --urls http://127.0.0.1:6000). With FOCALIZACION_DB unset it starts the
# machine's PostgreSQL and uses the local roles deploy/postgres.sh creates (the owner, the role that
# serves users: FOCALIZACION_DB_API, and the one the engine writes with: FOCALIZACION_DB_MOTOR); with it
# set, that database, and FOCALIZACION_DB_API and FOCALIZACION_DB_MOTOR must be set too.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${FOCALIZACION_DB:-}" ]; then
    bash deploy/postgres.sh
    source deploy/entorno-local.sh
fi
# The oficios' PDFs are written with Debian's DejaVu fonts (FOCALIZACION_PDF_FUENTE and
# FOCALIZACION_PDF_FUENTE_NEGRITA name other TrueType files).
if [ -z "${FOCALIZACION_PDF_FUENTE:-}" ] && [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core
fi
exec dotnet run --project src/Focalizacion.Service -c Release -- "$@"
