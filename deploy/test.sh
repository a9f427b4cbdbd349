#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone on a Debian machine with the .NET SDK and Node.js (npm).
# It installs and starts whatever the tests need, builds with warnings as errors, checks the
# formatting the .editorconfig asks for, runs every test project and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Integration tests use the machine's real PostgreSQL (started, roles and database created), with the three roles'
# connection strings: the owner's, the API's and the engine's (FOCALIZACION_DB_MOTOR, which the CLI's verbs write with).
bash deploy/postgres.sh
source deploy/entorno-local.sh

# Email tests talk to a real SMTP server on loopback (Debian's aiosmtpd, run by /usr/bin/python3);
# browser tests drive Debian's Chromium through Playwright (it cannot download its own browsers here).
missing=()
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The oficios' PDFs (and Chromium's pages) use Debian's DejaVu fonts.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
fi
# The browser tests keep a screenshot of every page they check here.
export FOCALIZACION_CAPTURAS="${FOCALIZACION_CAPTURAS:-$PWD/TestResults/capturas}"

# The web application's front end (src/Focalizacion.Service/front) is installed with npm ci and bundled
# by the service's build itself.
# The bpmn-js check of the shipped workflow (tools/bpmn-check) runs on Node with its pinned bpmn-moddle.
npm ci --prefix tools/bpmn-check --no-audit --no-fund

dotnet restore Focalizacion.Workflows.sln
dotnet build Focalizacion.Workflows.sln --no-restore -c Release
dotnet format Focalizacion.Workflows.sln --verify-no-changes --no-restore

log=$(mktemp)
status=0
dotnet test Focalizacion.Workflows.sln --no-build -c Release 2>&1 | tee "$log" || status=$?

echo "Capturas de pantalla de las pruebas del navegador: $FOCALIZACION_CAPTURAS"

# One closing line for CI: "N passed, N failed", summed over the test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i + 1)); if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
