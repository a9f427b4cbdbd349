-- wrk script of benchmarks/api.sh: every request carries the token in FOCALIZACION_TOKEN as
-- "Authorization: Bearer …"; at the end one machine-readable line with what the report needs.
local token = os.getenv("FOCALIZACION_TOKEN")
if token == nil or token == "" then
    error("FOCALIZACION_TOKEN is not set")
end
wrk.headers["Authorization"] = "Bearer " .. token

function done(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULTADO requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d errors=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        summary.errors.status, errors))
end
