#!/usr/bin/env bash
# The HTTP API under load, with row-level security on and off, written to docs/benchmarks/api.md.
# Usage: bash benchmarks/api.sh [--rapido]   (--rapido: 8 s per run instead of 20 s, shorter warm-ups)
#
# 1. Makes the data (benchmarks/Focalizacion.Api.Benchmarks): a database "bench_api" on the local
#    PostgreSQL (dropped and made again on every run, kept afterwards for a look) with ten budget
#    years of every region's cycle, produced by the real engine in virtual time, and a token for
#    an administrador (sees 16 regions) and one for a gore of NB (sees 1).
# 2. Starts the built service on it (Release, loopback, mail to a temporary pickup folder, its
#    clock where the history stops) and measures with Debian's wrk, 32 connections, 2 threads:
#    GET /api/v1/ciclos/2027 and GET /api/v1/ciclos/2027/NB, each caller, with the por_region
#    policies in force and with row-level security disabled on those tables (as the owner; it is
#    enabled again before the script ends, whatever happens).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

warmup=5s
duration=20s
first_warmup=15s # each URL with each token once, before any measured run: the service's JIT tiers up
if [ "${1:-}" = "--rapido" ]; then
    warmup=2s
    duration=8s
    first_warmup=5s
fi
database=bench_api
connections=32
threads=2
timeout=30s # longer than a run: a slow answer is measured, not dropped as a socket error
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
rls_tables=""
rls() { # rls on|off: row-level security on every table with the por_region policy
    local verb
    verb=$([ "$1" = on ] && echo ENABLE || echo DISABLE)
    for table in $rls_tables; do
        sql "ALTER TABLE $table $verb ROW LEVEL SECURITY"
    done
}
cleanup() {
    if [ -n "$service_pid" ]; then
        kill "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    if [ -n "$rls_tables" ]; then
        rls on || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== data: $database, 16 regions x 10 budget years, real engine in virtual time"
FOCALIZACION_DB="$owner_server" dotnet benchmarks/Focalizacion.Api.Benchmarks/bin/Release/net10.0/Focalizacion.Api.Benchmarks.dll "$database" "$work/datos"
# Statistics as autovacuum would have them on a database in use: without this its analyze runs at some
# moment of the measured runs, and the prepared statements are planned again on other estimates halfway.
sql "VACUUM ANALYZE"
made=$(date +%s)
rls_tables=$(sql "SELECT format('%I', tablename) FROM pg_policies WHERE schemaname = 'public' AND policyname = 'por_region' ORDER BY tablename")

port=5391
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
done
base="http://127.0.0.1:$port"
mkdir -p "$work/correo"
# No simulation warm-up: its background runs (about 13 s after readiness) would share the cores with the measured runs.
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

callers=(administrador gore-nb)
paths=(2027 2027/NB)
# What each request returns, with RLS on and off: the same answer is what makes the comparison fair.
get() { curl -sf -H "Authorization: Bearer $(cat "$work/datos/$1.token")" "$base/api/v1/ciclos/$2"; }
declare -A answer regions
rls on
for caller in "${callers[@]}"; do
    for path in "${paths[@]}"; do
        answer["$caller $path on"]=$(get "$caller" "$path" | sha256sum | cut -c1-12)
        regions["$caller $path"]=$(get "$caller" "$path" | grep -o '"region":"[A-Z]*","nombre"' | wc -l)
    done
done
rls off
for caller in "${callers[@]}"; do
    for path in "${paths[@]}"; do
        answer["$caller $path off"]=$(get "$caller" "$path" | sha256sum | cut -c1-12)
    done
done
rls on

# CPU time (clock ticks) of the service's process and of the PostgreSQL backends serving its API role.
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
service_ticks() { ticks_of "$service_pid"; }
backend_ticks() {
    local total=0 pid
    for pid in $(pgrep -f "postgres: .*focalizacion_api $database" || true); do
        total=$((total + $(ticks_of "$pid")))
    done
    echo "$total"
}
declare -A result
run() { # run <caller> <path> <on|off>
    local caller=$1 path=$2 state=$3 line load s0 p0
    rls "$state"
    export FOCALIZACION_TOKEN
    FOCALIZACION_TOKEN=$(cat "$work/datos/$caller.token")
    wrk -c "$connections" -t "$threads" -d "$warmup" --timeout "$timeout" -s benchmarks/api/bearer.lua "$base/api/v1/ciclos/$path" >/dev/null
    load=$(cut -d' ' -f1 /proc/loadavg)
    s0=$(service_ticks)
    p0=$(backend_ticks)
    line=$(wrk -c "$connections" -t "$threads" -d "$duration" --timeout "$timeout" --latency -s benchmarks/api/bearer.lua "$base/api/v1/ciclos/$path" | tee -a "$work/wrk.txt" | grep '^RESULTADO')
    line="$line service_ticks=$(($(service_ticks) - s0)) backend_ticks=$(($(backend_ticks) - p0)) load=$load"
    result["$caller $path $state"]=$line
    echo "  $caller GET /api/v1/ciclos/$path RLS $state: $line"
}
echo "== warm-up: each URL with each token for $first_warmup"
for caller in "${callers[@]}"; do
    for path in "${paths[@]}"; do
        FOCALIZACION_TOKEN=$(cat "$work/datos/$caller.token") wrk -c "$connections" -t "$threads" -d "$first_warmup" --timeout "$timeout" \
            -s benchmarks/api/bearer.lua "$base/api/v1/ciclos/$path" >/dev/null
    done
done
echo "== load: wrk -c $connections -t $threads -d $duration --latency after $warmup of warm-up, each"
# RLS on and off one right after the other for each combination, the order alternating, so a
# change in the machine's load while the benchmark runs falls on both sides alike.
order=0
for caller in "${callers[@]}"; do
    for path in "${paths[@]}"; do
        if [ $((order % 2)) -eq 0 ]; then states=(on off); else states=(off on); fi
        for state in "${states[@]}"; do
            run "$caller" "$path" "$state"
        done
        order=$((order + 1))
    done
done
rls on
finished=$(date +%s)

field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
rps() { awk -v n="$(field "$1" requests)" -v us="$(field "$1" duration_us)" 'BEGIN { printf "%.0f", n / (us / 1e6) }'; }
ms() { awk -v us="$(field "$1" "$2")" 'BEGIN { printf "%.1f", us / 1000 }'; }
hz=$(getconf CLK_TCK)
cpu() { awk -v t="$(field "$1" "$2")" -v n="$(field "$1" requests)" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1000 / hz / n }'; }
out=docs/benchmarks/api.md
mkdir -p docs/benchmarks
{
    echo "# HTTP API benchmark"
    echo
    echo "Rerun with \`bash benchmarks/api.sh\` (writes this file; \`--rapido\`: shorter runs). The built service (Release) on loopback, on a database made by the real engine in virtual time, under Debian's \`wrk\`; PostgreSQL 15 with default settings on the same machine. Kept out of the test suite: nothing here asserts a time."
    echo
    echo "- Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), $(dotnet --list-runtimes | sed -n 's/^Microsoft.AspNetCore.App \([0-9.]*\).*/ASP.NET Core \1/p' | tail -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); wrk, the service and PostgreSQL share the cores"
    echo "- Run: $(date -u '+%Y-%m-%d %H:%M') UTC; \`bash benchmarks/api.sh${*:+ $*}\` took $(( (finished - started) / 60 )) min $(( (finished - started) % 60 )) s: build $((built - started)) s, data $((made - built)) s, load $((finished - made)) s"
    echo "- Load average (1 min) at the start of each measured run in the table; anything else running on the machine (other builds, test runs) takes cores from all three."
    echo "- CPU ms per request: CPU time (user + system, from /proc) the service's process and the PostgreSQL backends of its API role spent during the run, divided by the requests answered; wrk's own is not counted. Less sensitive to the machine's other load than requests/s: with C ms per request in all, $(nproc) cores can answer at most about $(nproc) × 1000 / C requests/s."
    echo "- Before the measured runs, each URL with each token for $first_warmup (the service's JIT compiles its hot paths), then $warmup again right before each run."
    echo "- Each run: \`wrk -c $connections -t $threads -d $duration --timeout $timeout --latency -s benchmarks/api/bearer.lua <url>\` after \`-d $warmup\` of warm-up with the same URL and token; the Lua script sets \`Authorization: Bearer <token>\` and prints the summary (requests, p50, p99 of wrk's latency record)."
    echo "- RLS off: \`ALTER TABLE … DISABLE ROW LEVEL SECURITY\`, as the owner, on every table with the \`por_region\` policy ($(echo $rls_tables | sed 's/ /, /g')); enabled again after the run. The service's role and queries are the same; only the policies stop applying."
    echo
    echo "## Data"
    echo
    cat "$work/datos/historia.md"
    echo
    echo "## Results"
    echo
    echo "| caller | request | regions in the answer | RLS | requests/s | p50 | p99 | non-2xx / socket errors | CPU ms per request: service / PostgreSQL | load avg | RLS cost (requests/s) |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for caller in "${callers[@]}"; do
        for path in "${paths[@]}"; do
            on=${result["$caller $path on"]}
            off=${result["$caller $path off"]}
            cost=$(awk -v a="$(rps "$on")" -v b="$(rps "$off")" 'BEGIN { printf "%.1f %%", (1 - a / b) * 100 }')
            for state in on off; do
                r=${result["$caller $path $state"]}
                echo "| $caller | \`GET /api/v1/ciclos/$path\` | ${regions["$caller $path"]} | $state | **$(rps "$r")** | $(ms "$r" p50_us) ms | $(ms "$r" p99_us) ms | $(field "$r" non2xx) / $(field "$r" errors) | $(cpu "$r" service_ticks) / $(cpu "$r" backend_ticks) | $(field "$r" load) | $([ $state = on ] && echo "$cost" || echo "") |"
            done
        done
    done
    echo
    same=yes
    for caller in "${callers[@]}"; do
        for path in "${paths[@]}"; do
            [ "${answer["$caller $path on"]}" = "${answer["$caller $path off"]}" ] || same=no
        done
    done
    if [ $same = yes ]; then
        echo "With RLS off every request returned byte for byte what it returned with RLS on (SHA-256 of each answer compared before the runs): the readers filter by region and budget year themselves, and a gore's list names only the regions it sees, so the policies take nothing out of these answers — what the \"off\" rows save is only their evaluation."
    else
        echo "**With RLS off some answers differed from those with RLS on** (SHA-256 of each answer compared before the runs: $(for k in "${!answer[@]}"; do echo "$k ${answer[$k]};"; done | sort | tr '\n' ' ')): the \"off\" rows then measure a different answer, not only the policies' cost."
    fi
    echo
    echo "RLS cost = 1 − (requests/s with RLS on ÷ requests/s with RLS off), the same request and token; negative means the RLS-on run happened to be faster (noise). Targets of the issue: p99 under 50 ms, at least 1,000 requests/s, RLS costing under 15 %."
    echo
    cat benchmarks/api/hallazgos.md
} >"$out"
echo "== wrote $out"
