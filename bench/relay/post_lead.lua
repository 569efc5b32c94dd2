-- wrk script: POSTs valid leads (SPEC §7), each with its own client_id, so every request is a
-- new durable lead (no idempotent replays). No started_at: never a reason to drop.
local counter = 0
thread_id = 0  -- set per thread by setup()
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 100 + thread_id)
  run_id = tostring(math.random(100000000, 999999999)) .. "t" .. tostring(thread_id)
end

local template = [[{"schema":"smp-consult/lead@1",
"contact":{"name":"Bench Visitor","email":"bench@example.org","phone":"+1 555 0100","preferred_contact":"email"},
"consent":{"contact":true,"health_data":false,"marketing":false,"text":"You may contact me.","given_at":"2026-01-01T00:00:00Z"},
"answers":{"age":40,"sex":"male","pattern":{"scale":"norwood","stage":"III"},"desired_look":"shaved"},
"context":{"page_url":"https://clinic.example/smp","referrer":"","utm":{"source":"bench"},"locale":"en","widget_version":"bench"},
"client_id":"c_bench-%s-%d-%d","hp":""}]]

function request()
  counter = counter + 1
  local body = string.format(template, run_id, thread_id, counter)
  return wrk.format("POST", "/api/leads", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests: %d, errors: status %d, connect %d, read %d, timeout %d\n",
    summary.requests, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.timeout))
  io.write(string.format("durable leads/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s latency: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max latency: %.2f ms\n", latency.max / 1000))
end
