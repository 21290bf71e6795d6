-- wrk script of the write mix (issue 12): nine requests in ten read the benchmark case (its JSON
-- and its page, in turn); the tenth writes, in turn updating an activity, adding a risk and
-- recording a follow-up. The activity's version is taken from every answer that shows it, so a
-- write is refused as stale (409, counted by wrk as non-2xx) only when another connection wrote
-- in between, as it would be for two people.
local token = os.getenv("KK_BENCH_TOKEN")
local case_id = os.getenv("KK_BENCH_CASE")
local contract_id = os.getenv("KK_BENCH_CONTRACT")
local measure_id = os.getenv("KK_BENCH_MEASURE")
local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
local count = 0
local activity_version = 0

request = function()
  count = count + 1
  if count % 10 ~= 0 then
    if count % 2 == 0 then return wrk.format("GET", "/api/v1/cases/" .. case_id, headers) end
    return wrk.format("GET", "/cases/" .. case_id, headers)
  end
  local which = (count / 10) % 3
  if which == 0 then
    return wrk.format("PATCH", "/api/v1/cases/" .. case_id .. "/activities/identify_need", headers,
      string.format('{"status":"open","comment":"Mätning %d","version":%d}', count, activity_version))
  elseif which == 1 then
    return wrk.format("POST", "/api/v1/cases/" .. case_id .. "/risks", headers,
      '{"title":"Risk under mätningen","likelihood":2,"consequence":3}')
  end
  return wrk.format("POST", "/api/v1/contracts/" .. contract_id .. "/measures/" .. measure_id .. "/records",
    headers, '{"result":"met","notes":"Egenkontroll under mätningen."}')
end

response = function(status, headers, body)
  local version = body:match('"key":"identify_need"[^}]-"version":(%d+)')
  if version then activity_version = tonumber(version) end
end
