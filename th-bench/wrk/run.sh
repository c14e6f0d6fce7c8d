#!/usr/bin/env bash
# Load run of th serve with wrk: one server per cache setting, each script at 1, 8 and 64 clients.
# Usage: [TH_CLIENT=acme] th-bench/wrk/run.sh DB MACHINE SECONDS [CACHE_MB...]   (run from the checkout;
# DB is written: a read token of TH_CLIENT is added). Prints one line per level: cache, script, clients, req/s, p50, p99, errors,
# cache hits and misses (from /metrics), and the server's RSS (VmHWM, whole process) at the end.
set -euo pipefail
db=$1; machine=$2; secs=$3; shift 3
caches=("${@:-256 0}")
here=$(cd "$(dirname "$0")" && pwd)
token=$(./th token create --db "$db" --client "${TH_CLIENT:-acme}" --role read 2>/dev/null | grep -o 'th_[A-Za-z0-9_-]*' | head -1)
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1==m{print $2}'; }
for cache in ${caches[@]}; do
  port=$((20000 + RANDOM % 20000))
  nice -n 5 ./th serve --db "$db" --port "$port" --cache-mb "$cache" 2>/dev/null &
  pid=$!
  for i in $(seq 1 120); do curl -s "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  for script in cheap questions; do
    for c in 1 8 64; do
      TH_TOKEN=$token TH_MACHINE=$machine wrk -s "$here/$script.lua" --latency --timeout 30s -t1 -c$c -d5s "http://127.0.0.1:$port" >/dev/null 2>&1
      h0=$(metric th_cache_hits_total); m0=$(metric th_cache_misses_total)
      out=$(TH_TOKEN=$token TH_MACHINE=$machine wrk -s "$here/$script.lua" --latency --timeout 30s -t$(( c < 2 ? 1 : 2 )) -c$c -d${secs}s "http://127.0.0.1:$port")
      h1=$(metric th_cache_hits_total); m1=$(metric th_cache_misses_total)
      rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
      p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
      err=$(echo "$out" | awk '/non-2xx or errors/{print $NF}')
      echo "cache=${cache}MB $script c=$c rps=$rps p50=$p50 p99=$p99 errors=$err hits=$((h1-h0)) misses=$((m1-m0))"
    done
  done
  echo "cache=${cache}MB server RSS peak: $(awk '/VmHWM/{print $2, $3}' /proc/$pid/status)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
