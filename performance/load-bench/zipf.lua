-- wrk script of the load benchmark (docs/benchmarks.md): replays a precomputed sequence of
-- tenant hosts drawn from Zipf(s) by LoadBench with a fixed seed, so every variant sees the
-- same requests in the same order.
--
--   wrk -t1 -c16 -d20s -s zipf.lua http://127.0.0.1:PORT/hello -- HOSTS SEQUENCE OFFSET
--
-- HOSTS: one host per line (line i is tenant rank i); SEQUENCE: one rank per line; OFFSET: where
-- in the sequence this run starts (wrapping at its end). Each wrk thread starts at its own
-- stride of the sequence. done() prints one line "BENCH key=value ..." with the percentiles.

local counter = 0
local threads = {}

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local sequence = {}
local position = 0
local length = 0

function init(args)
  local hosts, seqfile, offset = args[1], args[2], tonumber(args[3] or "0")
  local path = wrk.path
  for host in io.lines(hosts) do
    requests[#requests + 1] = wrk.format("GET", path, { Host = host })
  end
  for rank in io.lines(seqfile) do
    length = length + 1
    sequence[length] = tonumber(rank)
  end
  local stride = math.floor(length / 8)
  position = (offset + index * stride) % length
end

function request()
  position = position + 1
  if position > length then
    position = 1
  end
  return requests[sequence[position]]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d "
      .. "p50=%d p90=%d p99=%d p999=%d mean=%.1f max=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.mean, latency.max))
end
