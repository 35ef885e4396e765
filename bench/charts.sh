#!/usr/bin/env bash
# Times full builds of the example site, for the figures of docs/charts.md
# ("Cost"): the median of N builds (5 unless given), cold and warm; the
# median time of the chart stage, and that time per chart; and the load
# average before and after. Run it from the root of a checkout (after
# npm ci). Name other checkouts to compare with: their builds take turns
# with this one's, build by build, so that a change in the machine's load
# falls on all of them alike.
#
#   bench/charts.sh                    # this checkout, 5 builds of each kind
#   bench/charts.sh 9                  # 9 builds
#   bench/charts.sh 5 /tmp/plinth-main # this checkout and another, in turn
#
# Each build is a process of its own, building its checkout's site with its
# checkout's plinth; each checkout needs its node_modules. "cold" builds keep no drawings from an
# earlier build, as in CI or a fresh clone: the site's .plinth-cache/charts
# is emptied first, and the user's cache folder (XDG_CACHE_HOME, where
# checkouts from before 8 December 2026 kept ECharts' drawings) is a new
# empty one. "warm" builds keep what the first of them left, as an editor's
# next build does. The site's other caches (.plinth-cache/bundle) are kept
# in both, as they are between an editor's builds.
set -euo pipefail
runs=${1:-5}
shift || true
checkouts=("$(pwd)")
for c in "$@"; do checkouts+=("$(cd "$c" && pwd)"); done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for k in "${!checkouts[@]}"; do
  c=${checkouts[$k]}
  (cd "$c" && go build -o "$tmp/plinth-$k" ./cmd/plinth)
  if [ ! -e "$c/node_modules" ]; then
    echo "$c has no node_modules: run npm ci there, or link this checkout's: ln -s '${checkouts[0]}/node_modules' '$c/'" >&2
    exit 1
  fi
  echo "checkout $k: $c at $(git -C "$c" rev-parse --short HEAD)"
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# build K MODE prints the build's time in seconds and its chart stage's in
# milliseconds.
build() {
  local k=$1 mode=$2 c=${checkouts[$1]} cache=$tmp/xdg-$1-$2 out total chart
  if [ "$mode" = cold ]; then rm -rf "$cache" "$c/.plinth-cache/charts"; fi
  out=$(XDG_CACHE_HOME="$cache" "$tmp/plinth-$k" build --source "$c" --destination "$tmp/public-$k" --timings 2>&1)
  # "in 1.23 s", or under a second "in 980 ms".
  total=$(sed -n -e 's/^Built .* in \([0-9.]*\) s .*/\1 s/p' -e 's/^Built .* in \([0-9.]*\) ms .*/\1 ms/p' <<<"$out" |
    awk '{ printf "%.3f", ($2 == "ms") ? $1 / 1000 : $1 }')
  chart=$(sed -n 's/^chart *\([0-9.]*\) ms$/\1/p' <<<"$out")
  echo "$total ${chart:-0}"
}

declare -A totals charts
for mode in cold warm; do
  for ((i = 1; i <= runs; i++)); do
    for k in "${!checkouts[@]}"; do
      read -r total chart < <(build "$k" "$mode")
      echo "$mode build $i, checkout $k: ${total} s, chart stage ${chart} ms"
      totals[$k,$mode]+=" $total" charts[$k,$mode]+=" $chart"
    done
  done
done

echo
printf '%-8s %-5s %10s %12s %10s %7s  %s\n' checkout mode build 'chart stage' 'per chart' charts path
for k in "${!checkouts[@]}"; do
  # The charts the build drew: each chart box holds a wide and a narrow drawing.
  n=$(grep -rho 'class="plinth-chart plinth-chart--' "$tmp/public-$k" --include='*.html' | wc -l)
  for mode in cold warm; do
    # shellcheck disable=SC2086 # the lists are space-separated on purpose
    b=$(median ${totals[$k,$mode]}) s=$(median ${charts[$k,$mode]})
    per=$(awk -v s="$s" -v n="$n" 'BEGIN { printf "%.1f ms", (n > 0) ? s / n : 0 }')
    printf '%-8s %-5s %8.2f s %9.1f ms %10s %7s  %s\n' "$k" "$mode" "$b" "$s" "$per" "$n" "${checkouts[$k]}"
  done
done
echo "(median of $runs builds each; load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
