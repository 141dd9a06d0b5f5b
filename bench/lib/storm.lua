-- wrk script: each request asks for the next device's MAC file with that device's User-Agent.
-- PATHS names a file of "path<TAB>User-Agent" lines (bench/lib/fleet.py writes it).
local paths, uas = {}, {}
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  for line in io.lines(os.getenv("PATHS")) do
    local p, ua = line:match("([^\t]+)\t(.+)")
    table.insert(paths, p)
    table.insert(uas, ua)
  end
  -- threads start at different places so they do not ask for the same file at once
  i = (id * 7919) % #paths
  failures = 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["User-Agent"] = uas[i] })
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("failures") or 0)
  end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d non200=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
