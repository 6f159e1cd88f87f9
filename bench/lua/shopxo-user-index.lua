-- ShopXO's app asking for the user's tax-invoice applications (invoice/user/index) through
-- /api.php with its common parameters in the query and its JSON body; a failed answer is
-- printed once.
local failures = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"page":1}'

function response(status, headers, body)
  if not string.find(body, '"code":0', 1, true) then
    failures = failures + 1
    if failures == 1 then io.stderr:write("user/index failed: " .. body .. "\n") end
  end
end
