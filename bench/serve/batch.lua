-- wrk script: POST a batch (a JSON array of SHENPI_BATCH_SIZE copies of
-- the application in SHENPI_APP) to /v1/evaluate-batch.
local f = assert(io.open(os.getenv("SHENPI_APP"), "rb"))
local app = f:read("*a")
f:close()
local n = tonumber(os.getenv("SHENPI_BATCH_SIZE") or "100")
local parts = {}
for i = 1, n do parts[i] = app end
wrk.method = "POST"
wrk.path = "/v1/evaluate-batch"
wrk.body = "[" .. table.concat(parts, ",") .. "]"
wrk.headers["Content-Type"] = "application/json"

done = function(summary, latency, requests)
  io.write(string.format('{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
                         '"errors":%d,"non_200":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout +
    summary.errors.status, summary.errors.status))
end
