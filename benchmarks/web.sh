#!/usr/bin/env bash
# Server time of the web application's heaviest pages, written to docs/benchmarks/web.md.
# Usage: bash benchmarks/web.sh [--rapido]   (--rapido: 4 s per page instead of 10 s)
#
# 1. The data: the API benchmark's maker (benchmarks/Focalizacion.Api.Benchmarks: ten budget years
#    of every region's cycle by the real engine in virtual time, and a token for an administrador
#    and one for a gore of NB) in a database "bench_web", then the journal grown to 1,000,000 lines
#    by copying its own lines (the region of each set by the same trigger as always).
# 2. The built service on it (Release, loopback); each page asked by one connection after a
#    warm-up (wrk -c 1 -t 1 --latency): the time between the request and its whole answer on
#    loopback is the server's time, with nothing queued in front of it. The pages accept the
#    personal access token as the API does, so no browser is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10s
warmup=3s
if [ "${1:-}" = "--rapido" ]; then
    duration=4s
    warmup=1s
fi
database=bench_web
journal_lines=1000000
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bash deploy/postgres.sh >/dev/null
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

started=$(date +%s)
dotnet build -c Release benchmarks/Focalizacion.Api.Benchmarks -v q -nologo
dotnet build -c Release src/Focalizacion.Service -v q -nologo
built=$(date +%s)

work=$(mktemp -d)
service_pid=""
source deploy/entorno-local.sh
owner_server="$FOCALIZACION_DB"
owner=$(en_base "$FOCALIZACION_DB" "$database")
api=$(en_base "$FOCALIZACION_DB_API" "$database")
motor=$(en_base "$FOCALIZACION_DB_MOTOR" "$database")
sql() { PGPASSWORD=focalizacion psql -h 127.0.0.1 -U focalizacion -d "$database" -v ON_ERROR_STOP=1 -qtA -c "$1"; }
cleanup() {
    if [ -n "$service_pid" ]; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== data: $database, 16 regions x 10 budget years, real engine in virtual time"
FOCALIZACION_DB="$owner_server" dotnet benchmarks/Focalizacion.Api.Benchmarks/bin/Release/net10.0/Focalizacion.Api.Benchmarks.dll "$database" "$work/datos"
engine_lines=$(sql "SELECT count(*) FROM journal")
echo "== journal: $engine_lines lines from the engine, copied up to $journal_lines"
# The journal is append-only (its trigger refuses UPDATE and DELETE, not INSERT): copies of its own
# lines, oldest first, each with a later instant so that the newest lines stay the newest.
sql "INSERT INTO journal (instance_id, at, actor, kind, activity, event, details, via, actor_role, actor_region, client_address)
     SELECT j.instance_id, j.at + make_interval(secs => n.i), j.actor, j.kind, j.activity, j.event, j.details, j.via, j.actor_role, j.actor_region, j.client_address
     FROM generate_series(1, ceil(($journal_lines - $engine_lines)::numeric / $engine_lines)::int) AS n(i)
     CROSS JOIN LATERAL (SELECT * FROM journal WHERE id <= $engine_lines ORDER BY id) AS j
     LIMIT $journal_lines - $engine_lines"
sql "ANALYZE journal"
lines=$(sql "SELECT count(*) FROM journal")
first_id=$(sql "SELECT min(id) FROM journal")
deep_id=$(sql "SELECT id FROM journal ORDER BY id OFFSET 50 LIMIT 1")
made=$(date +%s)

port=5491
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
done
base="http://127.0.0.1:$port"
mkdir -p "$work/correo"
# No simulation warm-up: its background runs (about 13 s after readiness) would share the cores with the measured requests.
FOCALIZACION_SIMULACION_PRECALENTAR=no FOCALIZACION_DB="$owner" FOCALIZACION_DB_API="$api" FOCALIZACION_DB_MOTOR="$motor" FOCALIZACION_CORREO_CARPETA="$work/correo" FOCALIZACION_RELOJ="$(cat "$work/datos/reloj")" \
    dotnet src/Focalizacion.Service/bin/Release/net10.0/focalizacion-servicio.dll --urls "$base" >"$work/servicio.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/salud/listo" || true)" = 200 ]; then
        break
    fi
    if ! kill -0 "$service_pid" 2>/dev/null; then
        cat "$work/servicio.log" >&2
        exit 1
    fi
    sleep 1
done
curl -sf -o /dev/null "$base/salud/listo" || { cat "$work/servicio.log" >&2; exit 1; }

# caller|path|what: the pages measured.
pages=(
    "administrador|/?anio=2030|tablero, 16 regiones, año 2030 (terminado)"
    "administrador|/?anio=2031|tablero, 16 regiones, año 2031 (en curso)"
    "gore-nb|/?anio=2030|tablero, 1 región"
    "administrador|/diario|diario completo, primera página"
    "administrador|/diario?antesDe=$deep_id|diario completo, la página más profunda (antes de la línea $deep_id)"
    "administrador|/diario?tipo=mensaje-recibido|diario filtrado por tipo, primera página"
    "administrador|/ciclos/2030/NB/diario|diario de un ciclo, primera página"
    "gore-nb|/diario|diario de una región (gore), primera página"
)
declare -A result status size
for entry in "${pages[@]}"; do
    IFS='|' read -r caller path what <<<"$entry"
    token=$(cat "$work/datos/$caller.token")
    status["$entry"]=$(curl -s -o "$work/pagina.html" -w '%{http_code}' -H "Authorization: Bearer $token" "$base$path")
    size["$entry"]=$(wc -c <"$work/pagina.html")
    FOCALIZACION_TOKEN=$token wrk -c 1 -t 1 -d "$warmup" -s benchmarks/api/bearer.lua "$base$path" >/dev/null
    result["$entry"]=$(FOCALIZACION_TOKEN=$token wrk -c 1 -t 1 -d "$duration" --latency -s benchmarks/api/bearer.lua "$base$path" | grep '^RESULTADO')
    echo "  $caller $path: ${status["$entry"]} ${result["$entry"]}"
done
finished=$(date +%s)

field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
ms() { awk -v us="$(field "$1" "$2")" 'BEGIN { printf "%.1f", us / 1000 }'; }
out=docs/benchmarks/web.md
{
    echo "# Web application benchmark"
    echo
    echo "Rerun with \`bash benchmarks/web.sh\` (writes this file; \`--rapido\`: shorter runs). The built service (Release) on loopback, on the API benchmark's data (ten budget years of the 16 regions' cycles by the real engine in virtual time) with the journal grown to $lines lines; PostgreSQL 15 with default settings on the same machine. Kept out of the test suite: nothing there asserts a time."
    echo
    echo "- Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), $(dotnet --list-runtimes | sed -n 's/^Microsoft.AspNetCore.App \([0-9.]*\).*/ASP.NET Core \1/p' | tail -1); wrk, the service and PostgreSQL share the cores"
    echo "- Run: $(date -u '+%Y-%m-%d %H:%M') UTC; took $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s: build $((built - started)) s, data $((made - built)) s, pages $((finished - made)) s; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Each page: one connection, \`wrk -c 1 -t 1 -d $duration --latency\` after $warmup of warm-up, with the caller's personal access token (the pages accept it as the API does). With one connection nothing waits in a queue: the latency is the server's time for the whole page (rendering included) plus loopback."
    echo "- The journal: $engine_lines lines from the engine's ten years, copied up to $lines; the deepest page asks for the lines before id $deep_id (of $first_id up): keyset pagination reads the index from there, never an OFFSET."
    echo
    echo "| page | caller | status | bytes | requests | p50 | p90 | p99 | max |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for entry in "${pages[@]}"; do
        IFS='|' read -r caller path what <<<"$entry"
        r=${result["$entry"]}
        echo "| $what: \`$path\` | $caller | ${status["$entry"]} | ${size["$entry"]} | $(field "$r" requests) | **$(ms "$r" p50_us) ms** | $(ms "$r" p90_us) ms | $(ms "$r" p99_us) ms | $(ms "$r" max_us) ms |"
    done
    echo
    echo "Aims of the issue: the board under 100 ms, journal pages under 50 ms whatever the depth."
    if [ -f benchmarks/web/hallazgos.md ]; then
        echo
        cat benchmarks/web/hallazgos.md
    fi
} >"$out"
echo "== wrote $out"
