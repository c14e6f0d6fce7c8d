#!/usr/bin/env bash
# Benchmark of `th report` on a store: RUNS runs of the whole command (the JVM's start included),
# each under /usr/bin/time -v. Prints per run the wall time, the time inside the command, the peak
# RSS of the whole process and the page's size, then the median and the slowest of each, and the
# parts' times (--timings) of the median run. The store is opened read-only: a shared store can be
# measured in place. The targets of issue 12 (10M events: under 10 s, page under 5 MB) are
# printed beside the figures.
#
#   th-bench/report.sh STORE [RUNS=3] [th report options...]
set -euo pipefail
store=${1:?usage: th-bench/report.sh STORE [RUNS] [options]}
runs=${2:-3}
shift $(($# >= 2 ? 2 : 1))
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/th" --version >/dev/null # builds when needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "store: $store ($(du -sh "$store" | cut -f1)); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs runs"
printf '%-4s %8s %9s %8s %9s\n' run wall_s inside_s rss_mb page_mb
for ((i = 1; i <= runs; i++)); do
  /usr/bin/time -v -o "$work/time.$i" "$here/th" report --db "$store" --out "$work/report.$i.html" --timings "$@" \
    >"$work/out.$i" 2>"$work/err.$i"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s}' "$work/time.$i")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.$i")
  inside=$(sed -n 's/.*parts, \([0-9]*\) ms).*/\1/p' "$work/out.$i" | awk '{printf "%.2f", $1 / 1000}')
  page=$(stat -c %s "$work/report.$i.html" | awk '{printf "%.2f", $1 / 1048576}')
  printf '%-4s %8.2f %9s %8s %9s\n' "$i" "$wall" "$inside" "$rss" "$page"
  echo "$wall $inside $rss $page $i" >>"$work/all"
done
median_run=$(sort -n "$work/all" | awk '{a[NR] = $5} END {print a[int((NR + 1) / 2)]}')
sort -n "$work/all" | awk -v runs="$runs" '{w[NR] = $1; s[NR] = $2; r[NR] = $3; p[NR] = $4}
  END {m = int((NR + 1) / 2); printf "median: wall %.2f s, inside %.2f s, peak RSS %d MB, page %.2f MB; slowest wall %.2f s\n", w[m], s[m], r[m], p[m], w[NR]}'
echo "parts of the median run (ms):"
sed 's/^/ /' "$work/err.$median_run"
