#!/usr/bin/env bash
# One wrk level of th serve while an upload is ingested: starts the server (--cache-mb CACHE_MB),
# uploads LOG for TH_CLIENT, waits until the job is ingesting, runs SCRIPT (cheap or questions) at
# CLIENTS for SECONDS, then says how far the ingest got (state, events stored) and the cache counts.
# Usage: [TH_CLIENT=acme] th-bench/wrk/during-upload.sh DB MACHINE LOG CACHE_MB SCRIPT CLIENTS SECONDS
set -euo pipefail
db=$1; machine=$2; log=$3; cache=$4; script=$5; c=$6; secs=$7
here=$(cd "$(dirname "$0")" && pwd)
client=${TH_CLIENT:-acme}
token=$(./th token create --db "$db" --client "$client" --role ingest 2>/dev/null | grep -o 'th_[A-Za-z0-9_-]*' | head -1)
port=$((20000 + RANDOM % 20000))
nice -n 5 ./th serve --db "$db" --port "$port" --cache-mb "$cache" 2>/dev/null &
pid=$!
for i in $(seq 1 120); do curl -s "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1==m{print $2}'; }
job=$(curl -s -H "Authorization: Bearer $token" --data-binary @"$log" "http://127.0.0.1:$port/api/uploads?name=$(basename "$log")" \
  | sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p')
state() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/uploads/$job"; }
for i in $(seq 1 120); do state | grep -q '"state":"ingesting"' && break; sleep 0.5; done
h0=$(metric th_cache_hits_total); m0=$(metric th_cache_misses_total); g0=$(metric th_store_generation)
out=$(TH_TOKEN=$token TH_MACHINE=$machine wrk -s "$here/$script.lua" --latency --timeout 30s -t$(( c < 2 ? 1 : 2 )) -c$c -d${secs}s "http://127.0.0.1:$port")
h1=$(metric th_cache_hits_total); m1=$(metric th_cache_misses_total); g1=$(metric th_store_generation)
rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}')
err=$(echo "$out" | awk '/non-2xx or errors/{print $NF}')
s=$(state)
echo "during upload: cache=${cache}MB $script c=$c rps=$rps p50=$p50 p99=$p99 errors=$err hits=$((h1-h0)) misses=$((m1-m0)) writes=$((g1-g0))"
echo "  job after the run: $(echo "$s" | grep -o '"state":"[a-z]*"') $(echo "$s" | grep -o '"eventsStored":[0-9]*')"
echo "  server RSS peak: $(awk '/VmHWM/{print $2, $3}' /proc/$pid/status)"
kill "$pid"; sleep 3; kill -9 "$pid" 2>/dev/null || true  # the graceful stop would wait for the ingest
