-- wrk script: cheap questions for th serve (the machine list and the first IoA page).
local token = os.getenv("TH_TOKEN")
local paths = {"/api/machines", "/api/ioas?limit=50"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Authorization"] = "Bearer " .. token})
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
