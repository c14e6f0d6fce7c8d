-- wrk script: distinct machine questions for th serve (each request another method or filter).
-- Usage: TH_TOKEN=... TH_MACHINE=... wrk -s questions.lua --latency -t2 -c8 -d15s http://127.0.0.1:PORT
local token = os.getenv("TH_TOKEN")
local m = "/api/machines/" .. os.getenv("TH_MACHINE")
local paths = {}
local methods = {"executions", "files", "registry", "processes", "users", "communications", "ioas", "timetable", "detections"}
local words = {"powershell", "cmd", "rundll32", "lsass", "svchost", "explorer", "net", "whoami", "reg", "wmic",
               "schtasks", "mshta", "comsvcs", "procdump", "certutil", "bitsadmin"}
for _, meth in ipairs(methods) do
  table.insert(paths, m .. "/" .. meth .. "?period=all&limit=20")
end
for _, w in ipairs(words) do
  table.insert(paths, m .. "/executions?period=all&limit=20&command=" .. w)
  table.insert(paths, m .. "/files?period=all&limit=20&file=" .. w)
  table.insert(paths, m .. "/processes?period=all&limit=20&file=" .. w .. ".exe")
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Authorization"] = "Bearer " .. token})
end
done = function(summary, latency, requests)
  io.write(string.format("distinct paths: %d; non-2xx or errors: %d\n", #paths,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
