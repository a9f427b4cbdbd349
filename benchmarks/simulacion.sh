#!/usr/bin/env bash
# Reruns the interactive simulation benchmark (issue 15: one region-year under 1 s, all 16 under 3 s)
# and writes docs/benchmarks/simulacion.md, followed by the findings written by hand
# (benchmarks/simulacion/hallazgos.md, appended as they are). Usage: bash benchmarks/simulacion.sh [--rapido]  (--rapido: 3 warm runs each instead of 7,
# and one start of the service per way instead of 3). The built service is started too: the first simulation a user gets after it starts, with and without its warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/benchmarks
bash deploy/postgres.sh
source deploy/entorno-local.sh
dotnet build -c Release benchmarks/Focalizacion.Cycle.Benchmarks
dotnet build -c Release src/Focalizacion.Service
dotnet benchmarks/Focalizacion.Cycle.Benchmarks/bin/Release/net10.0/Focalizacion.Cycle.Benchmarks.dll "$PWD/docs/benchmarks/simulacion.md" --simulacion \
    --servicio "$PWD/src/Focalizacion.Service/bin/Release/net10.0/focalizacion-servicio.dll" "$@"
{ echo; cat benchmarks/simulacion/hallazgos.md; } >> docs/benchmarks/simulacion.md
