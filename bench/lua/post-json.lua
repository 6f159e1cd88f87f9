-- wrk script for POST scenarios: a JSON body of "{}" (routing parameters stay in the query).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = "{}"
