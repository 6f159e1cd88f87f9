-- POSTs one atomic batch of 20 invoice/merchant/create calls, each with a unique request_id,
-- so every request is 20 real inserts committed together (the creates of create-invoice.lua).
dofile("bench/lua/create-invoice.lua")

function request()
  next_request()
  local calls = {}
  for i = 1, 20 do
    calls[i] = '{"pluginsname":"invoice","pluginscontrol":"merchant","pluginsaction":"create","params":' .. create_params(i) .. '}'
  end
  return wrk.format(nil, nil, nil, '{"atomic":true,"calls":[' .. table.concat(calls, ",") .. ']}')
end

function response(status, headers, body)
  check(body, '{"msg":"success","code":0,', "atomic batch")
end
