#!/usr/bin/env bash
# Reruns the benchmarks on this machine and writes their results under docs/benchmarks/.
# Usage: bash benchmarks/run.sh [--rapido]   (--rapido: smaller engine sizes, 5 instead of 63 simulated budget years, 8 s instead of 20 s per API run, 4 s instead of 10 s per web page, 10 instead of 40 repetitions of the documents benchmark; a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/benchmarks
dotnet run -c Release --project benchmarks/Focalizacion.Calendar.Benchmarks -- "$PWD/docs/benchmarks/calendar.md"
bash deploy/postgres.sh
# The benchmarks make their throwaway databases on this server; nothing in the code falls back to it.
source deploy/entorno-local.sh
dotnet run -c Release --project benchmarks/Focalizacion.Documents.Benchmarks -- "$PWD/docs/benchmarks/documentos.md" "$@"
dotnet run -c Release --project benchmarks/Focalizacion.Engine.Benchmarks -- "$PWD/docs/benchmarks/engine.md" "$@"
dotnet run -c Release --project benchmarks/Focalizacion.Cycle.Benchmarks -- "$PWD/docs/benchmarks/ciclo.md" "$@"
bash benchmarks/simulacion.sh "$@"
bash benchmarks/api.sh "$@"
bash benchmarks/web.sh "$@"
