-- POSTs invoice/merchant/create with a unique idempotency key per request, so every request
-- is a real durable insert. The API key comes from the BENCH_API_KEY environment variable.
local counter = 0
local thread_id = 0
local failures = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("thread_id", thread_id)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Api-Key"] = os.getenv("BENCH_API_KEY") or ""
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"request_id":"bench-%d-%d-%d","products":[{"code":"SKU","title":"Bench item","quantity":2,"amount":"19.90","have_tax":true}]}',
    os.time(), thread_id, counter)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if not string.find(body, '"code":0', 1, true) then
    failures = failures + 1
    if failures == 1 then io.stderr:write("create failed: " .. body .. "\n") end
  end
end
