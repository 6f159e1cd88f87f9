-- POSTs one atomic batch of 20 invoice/merchant/create calls, each with a unique request_id, so
-- every request is 20 real inserts committed together. The API key comes from BENCH_API_KEY.
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
  local calls = {}
  for i = 1, 20 do
    calls[i] = string.format(
      '{"pluginsname":"invoice","pluginscontrol":"merchant","pluginsaction":"create","params":'
        .. '{"request_id":"batch-%d-%d-%d-%d","products":[{"code":"SKU","title":"Bench item","quantity":2,"amount":"19.90","have_tax":true}]}}',
      os.time(), thread_id, counter, i)
  end
  return wrk.format(nil, nil, nil, '{"atomic":true,"calls":[' .. table.concat(calls, ",") .. ']}')
end

function response(status, headers, body)
  if not string.find(body, '{"msg":"success","code":0,', 1, true) then
    failures = failures + 1
    if failures == 1 then io.stderr:write("atomic batch failed: " .. body:sub(1, 300) .. "\n") end
  end
end
