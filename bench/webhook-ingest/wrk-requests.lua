-- wrk script of the webhook-ingest bench: sends prepared, already signed requests, each one once.
-- Usage: wrk -t 1 -c 50 -d 10 -s wrk-requests.lua <url> -- <requests file> <bytes per request>
-- The file holds complete HTTP/1.1 requests of one fixed size, written by run.mjs. A thread that reaches the
-- end of its file starts it again and says so, because a repeated body is deduplicated by the worker (the bench
-- then reports the run as invalid rather than flattering figures).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- Each thread reads its own file: `<file>.<thread id>`.
  file = assert(io.open(args[1] .. "." .. id, "rb"))
  size = tonumber(args[2])
  repeated = 0
  wrapped = false
end

function request()
  local raw = file:read(size)
  if raw == nil or #raw < size then
    wrapped = true
    file:seek("set", 0)
    raw = file:read(size)
  end
  if wrapped then
    repeated = repeated + 1
  end
  return raw
end

function done(summary, latency, requests)
  local repeats = 0
  for _, thread in ipairs(threads) do
    repeats = repeats + (thread:get("repeated") or 0)
  end
  -- The whole latency histogram (microseconds, count), so that runs can be pooled exactly.
  local histogram = {}
  for i = 1, #latency do
    local value, count = latency(i)
    histogram[#histogram + 1] = string.format("[%d,%d]", value, count)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
      '"timeout":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,"meanUs":%.1f,"repeated":%d,"histogram":[%s]}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, repeats,
    table.concat(histogram, ",")))
end
