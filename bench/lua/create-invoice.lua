-- POSTs invoice/merchant/create with a unique idempotency key per request, so every request
-- is a real durable insert. The API key comes from the BENCH_API_KEY environment variable.
-- bench/lua/batch-creates.lua loads this file and sends the same creates in atomic batches.
local threads = 0
local counter = 0
local failures = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)   -- a global of that thread's own Lua state
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY") or ""
end

-- The params of one new invoice: its request_id is unique per thread, request and `index`.
function create_params(index)
  return string.format(
    '{"request_id":"bench-%d-%d-%d-%d","products":[{"code":"SKU","title":"Bench item","quantity":2,"amount":"19.90","have_tax":true}]}',
    os.time(), thread_id or 0, counter, index)
end

function next_request()
  counter = counter + 1
end

function request()
  next_request()
  return wrk.format(nil, nil, nil, create_params(0))
end

-- Counts answers that do not start as `expected`; the first one is printed.
function check(body, expected, label)
  if string.sub(body, 1, #expected) ~= expected then
    failures = failures + 1
    if failures == 1 then io.stderr:write(label .. " failed: " .. string.sub(body, 1, 300) .. "\n") end
  end
end

function response(status, headers, body)
  check(body, '{"msg":"success","code":0,', "create")
end
