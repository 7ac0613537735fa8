-- requests.lua: the part of bench/voice.lua, gather.lua and status.lua that
-- they share. Loads pre-signed Twilio requests (PATH, signature and form body,
-- tab-separated, one a line, as bench/gen_requests.py writes them) and sends
-- them in turn; each wrk thread takes every n-th line, so no two threads send
-- the same request.
--
--   wrk ... -s bench/voice.lua URL -- FILE
--
-- done() prints one line for scripts/bench:
--   BENCH requests=N duration_us=N p50_us=N p99_us=N connect=N read=N write=N status=N timeout=N

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
   for _, t in ipairs(threads) do
      t:set("nthreads", #threads)
   end
end

function init(args)
   local file = args[1]
   if file == nil then
      error("usage: wrk ... -s SCRIPT URL -- FILE")
   end
   reqs = {}
   local n = 0
   for ln in io.lines(file) do
      if n % nthreads == id - 1 then
         local path, sig, body = ln:match("^([^\t]+)\t([^\t]+)\t(.*)$")
         if path then
            reqs[#reqs + 1] = wrk.format("POST", path, {
               ["Content-Type"] = "application/x-www-form-urlencoded",
               ["X-Twilio-Signature"] = sig,
               ["User-Agent"] = "TwilioProxy/1.1",
               ["Accept"] = "*/*",
            }, body)
         end
      end
      n = n + 1
   end
   if #reqs == 0 then
      error("no requests for thread " .. id .. " in " .. file)
   end
   sent = 0
end

function request()
   sent = sent + 1
   return reqs[(sent - 1) % #reqs + 1]
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.connect, e.read, e.write, e.status, e.timeout))
end
