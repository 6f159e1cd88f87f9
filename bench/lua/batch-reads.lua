-- POSTs one batch of 20 invoice/merchant/view calls (the same invoice each time), the API key
-- given once as the batch's common `token`. BENCH_API_KEY and BENCH_INVOICE_ID come from run.sh.
local failures = 0

function init(args)
  local calls = {}
  for i = 1, 20 do
    calls[i] = string.format(
      '{"pluginsname":"invoice","pluginscontrol":"merchant","pluginsaction":"view","params":{"id":%s}}',
      os.getenv("BENCH_INVOICE_ID") or "1")
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = string.format('{"token":"%s","calls":[%s]}', os.getenv("BENCH_API_KEY") or "", table.concat(calls, ","))
end

function response(status, headers, body)
  if string.find(body, '"code":-', 1, true) then
    failures = failures + 1
    if failures == 1 then io.stderr:write("batch read failed: " .. body:sub(1, 300) .. "\n") end
  end
end
