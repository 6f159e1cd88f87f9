-- ShopXO's app opening the tax-invoice form for one order (invoice/user/saveinfo) through
-- /api.php, body as the app sends it; the order comes from BENCH_ORDER_ID (set by run.sh). A
-- failed answer is printed once.
local failures = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"ids":"' .. (os.getenv("BENCH_ORDER_ID") or "") ..
  '","type":"order","is_redirect":"1","lang_can_key":"apply_type_list,can_invoice_type_list"}'

function response(status, headers, body)
  if not string.find(body, '"code":0', 1, true) then
    failures = failures + 1
    if failures == 1 then io.stderr:write("user/saveinfo failed: " .. body .. "\n") end
  end
end
