#!/usr/bin/env bash
# The local[1] -> local[2] speed-up of `th lake ingest` (dev.th.bench.LakeIngestBench): both masters
# back to back, twice (local[1], local[2], local[1], local[2]), each in its own JVM, with the load
# average before each run. A wall-time speed-up needs an idle machine (on a shared one, run the
# script under nice and compare the CPU seconds only). Usage: th-bench/lake-speedup.sh INPUT_DIR [WARM_FILE]
# (build first: mvn -B -o -q -pl th-bench -am -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
inputs=${1:?usage: lake-speedup.sh INPUT_DIR [WARM_FILE]}
warm=${2:-$here/samples/json/psh_lsass_memory_dump_comsvcs.zip}
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' "$here/th-spark/pom.xml")
cp="$here/th-bench/target/th-bench-0.1.0-SNAPSHOT.jar:$here/th-bench/target/lib/*"
for round in 1 2; do
  for n in 1 2; do
    echo "round $round, local[$n], load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # shellcheck disable=SC2086
    /usr/bin/time -f "  %e s wall, %U s user, %S s sys, max RSS %M KB" java -Xmx2g $opens -Dth.spark.master="local[$n]" \
      -cp "$cp" dev.th.bench.LakeIngestBench --inputs "$inputs" --warm "$warm" | grep -v '^$'
  done
done
