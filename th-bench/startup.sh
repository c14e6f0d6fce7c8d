#!/usr/bin/env bash
# Start-up benchmark of the `th` command: the launcher as it was (a `find` over the tree on every
# run, DuckDB's driver copying its native library out of its jar on every start, the optimizing
# JIT, no class-data sharing, every subcommand built) against the launcher of today, run after run
# in turn on the same small store, so that both see the same machine load.
# Prints, per question, the median (p50) and p95 wall seconds, the median CPU (user+sys) seconds
# and the median peak RSS of each, and the load average before and after (the machine is shared).
#
#   th-bench/startup.sh [RUNS=11]
set -euo pipefail
runs=${1:-11}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target="$here/th-cli/target"
"$here/th" --version >/dev/null # builds when needed
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
"$here/th" ingest --db "$store" "$here/samples/evtx" "$here/samples/json" >/dev/null 2>&1
"$here/th" machines --db "$store" >/dev/null # the first question writes the class-data archive

version=$(ls "$target"/lib/duckdb/duckdb_jdbc-*-nolib.jar | sed 's/.*duckdb_jdbc-\(.*\)-nolib.jar/\1/')
fulljar=$(find ~/.m2/repository/org/duckdb/duckdb_jdbc/"$version" -name "duckdb_jdbc-$version.jar" | head -1)
before_cp="$target/th-cli.jar"
for f in "$target"/lib/*.jar; do [[ ${f##*/} == duckdb_jdbc-* ]] || before_cp+=":$f"; done
before_cp+=":$fulljar"

before() { # the launcher of 2026-12-01: find, then java with the full driver jar
  [ -n "$(find "$here" -path "$here/th-bench" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$target/th-cli.jar" -print -quit)" ] && true
  java -Xmx2g -Dth.home="$here" -cp "$before_cp" dev.th.cli.Main "$@"
}
after() { "$here/th" "$@"; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p95() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i<1) i=1; if (i>NR) i=NR; print a[i]}'; }

declare -A questions=(
  [help]="--help"
  [machines]="machines --db $store"
  [question]="machine WORKSTATION5 executions --period all --command comsvcs --db $store"
)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs runs each, alternating"
printf '%-9s %-7s %8s %8s %8s %9s\n' question how p50_s p95_s cpu_s rss_mb
for q in help machines question; do
  for how in before after; do : >"$store/$q.$how"; done
  for ((i = 0; i < runs; i++)); do
    for how in before after; do
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %U %S %M" -a -o "$store/$q.$how" bash -c "$(declare -f before after); here='$here' target='$target' before_cp='$before_cp'; $how ${questions[$q]}" >/dev/null 2>&1
    done
  done
  for how in before after; do
    f="$store/$q.$how"
    wall=$(awk '{print $1}' "$f" | median)
    wall95=$(awk '{print $1}' "$f" | p95)
    cpu=$(awk '{print $2 + $3}' "$f" | median)
    rss=$(awk '{print $4 / 1024}' "$f" | median)
    printf '%-9s %-7s %8.2f %8.2f %8.2f %9.0f\n' "$q" "$how" "$wall" "$wall95" "$cpu" "$rss"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
