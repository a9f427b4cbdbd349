#!/usr/bin/env bash
# Reruns the benchmarks on this machine and writes their results under docs/benchmarks/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/benchmarks
dotnet run -c Release --project benchmarks/Focalizacion.Calendar.Benchmarks -- "$PWD/docs/benchmarks/calendar.md"
