#!/usr/bin/env bash
# Times full builds of the example site: the median of N builds (5 unless
# given), cold and warm, the median time of the chart stage, and the load
# average, for the figures of docs/charts.md ("Cost"). Run it from the root of a checkout
# (after npm ci), once on each checkout to compare:
#
#   bench/charts.sh            # this checkout, 5 builds
#   bench/charts.sh 9          # 9 builds
#
# Each build is a separate process. "cold" builds start with an empty
# chart cache (XDG_CACHE_HOME in a fresh folder), as in CI; "warm" builds
# share one that the first of them filled, as an editor's next build does
# (ECharts' drawings are kept in ~/.cache/plinth/charts, generator/chart/svg).
set -euo pipefail
runs=${1:-5}
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/plinth" ./cmd/plinth
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for mode in cold warm; do
  totals=() charts=()
  for ((i = 1; i <= runs; i++)); do
    cache="$tmp/cache-$mode"
    if [ "$mode" = cold ]; then rm -rf "$cache"; fi
    out=$(XDG_CACHE_HOME="$cache" "$tmp/plinth" build --source "$root" --destination "$tmp/public" --timings 2>&1)
    # "in 1.23 s", or under a second "in 980 ms".
    total=$(sed -n -e 's/^Built .* in \([0-9.]*\) s .*/\1/p' -e 's/^Built .* in \([0-9]*\) ms .*/0.\1/p' <<<"$out")
    total=$(awk -v t="$total" 'BEGIN { if (t ~ /^0\./ && length(t) < 5) { sub(/^0\./, "", t); printf "%.3f", t / 1000 } else print t }')
    chart=$(sed -n 's/^chart *\([0-9.]*\) ms$/\1/p' <<<"$out")
    echo "$mode build $i: ${total} s, chart stage ${chart} ms"
    totals+=("$total") charts+=("$chart")
  done
  echo "$mode, median of $runs: build $(median "${totals[@]}") s, chart stage $(median "${charts[@]}") ms"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
