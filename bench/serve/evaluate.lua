-- wrk script: POST one application to /v1/evaluate on every request
-- (keep-alive). The body is read from SHENPI_APP (a JSON file).
local f = assert(io.open(os.getenv("SHENPI_APP"), "rb"))
wrk.method = "POST"
wrk.path = "/v1/evaluate"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

-- Answers that are not 2xx are counted by wrk itself (errors.status).
done = function(summary, latency, requests)
  io.write(string.format('{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
                         '"errors":%d,"non_200":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout +
    summary.errors.status, summary.errors.status))
end
