#!/usr/bin/env bash
# kill-publish.sh: kill `plinth build` with SIGKILL while it publishes,
# again and again, then build normally, and check that nothing is left
# behind and that both the published site and the previous site kept beside
# it are complete.
#
#   tests/faults/kill-publish.sh [RUNS]     (default 20)
#
# PLINTH=path/to/plinth runs a binary built elsewhere (an older version, to
# compare) instead of building cmd/plinth from this checkout.
#
# Each run changes the site's title, so that every page differs from the
# published one and publishing rewrites them all, starts a build, waits for
# its staging folder to appear beside public/ and kills the build at a
# random moment of the publish (before, during or after the swap); a build
# that finished first does not count, and runs go on until RUNS builds have
# been killed. After the runs, one normal build with the original title
# must leave:
#   - no public.plinth-staging-* folder;
#   - public/ byte for byte the same as a clean build of the site;
#   - public.plinth-prev/ with the same files as a clean build, none cut
#     short (every HTML page ends with </html>) and no temporary file.
# It prints one line per run (what the kill left) and PASS or FAIL.
set -euo pipefail

runs=${1:-20}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${PLINTH:-}" ]; then
	cp "$PLINTH" "$work/plinth"
else
	(cd "$repo" && go build -o "$work/plinth" ./cmd/plinth)
fi
site=$work/site
mkdir -p "$site"
for name in site.toml content data themes layouts static assets archetypes package.json; do
	[ -e "$repo/$name" ] && cp -r "$repo/$name" "$site/"
done
ln -s "$repo/node_modules" "$site/node_modules"
export SOURCE_DATE_EPOCH=1796000000

build() { "$work/plinth" build --quiet --source "$site" "$@" >"$work/log" 2>&1; }

# The reference: a clean build of the unchanged site, published elsewhere.
build --destination "$work/reference"
build # public/, then public.plinth-prev/ from the first run on
title=$(grep -m1 '^title = ' "$site/site.toml")

killed=0
i=0
while [ "$killed" -lt "$runs" ] && [ "$i" -lt $((runs * 3)) ]; do
	i=$((i + 1))
	sed -i "0,/^title = .*/s//title = \"Run $i of the kill test\"/" "$site/site.toml"
	before=$(compgen -G "$site/public.plinth-staging-*" || true)
	"$work/plinth" build --quiet --source "$site" >/dev/null 2>&1 &
	pid=$!
	# Wait for publishing to start (a new staging folder appears), then let
	# it run for 0 to 300 ms before the kill.
	until (compgen -G "$site/public.plinth-staging-*" || true) | grep -qvxF -e "$before" -e "" ||
		! kill -0 "$pid" 2>/dev/null; do
		sleep 0.002
	done
	sleep "0.$(printf '%03d' $((RANDOM % 300)))"
	what="killed"
	if kill -9 "$pid" 2>/dev/null; then
		killed=$((killed + 1))
	else
		what="finished before the kill (not counted)"
	fi
	wait "$pid" 2>/dev/null || true
	left=$(compgen -G "$site/public.plinth-staging-*" | wc -l || true)
	shown=$(grep -o 'Run [0-9]* of the kill test' "$site/public/index.html" | head -1 || true)
	echo "run $i: $what; staging folders left: $left; public/ shows: ${shown:-an earlier title}"
done

sed -i "0,/^title = .*/s//$title/" "$site/site.toml"
build
status=PASS
if compgen -G "$site/public.plinth-staging-*" >/dev/null; then
	echo "FAIL: a staging folder is left: $(compgen -G "$site/public.plinth-staging-*")"
	status=FAIL
fi
if ! diff -r "$work/reference" "$site/public" >/dev/null; then
	echo "FAIL: public/ differs from a clean build"
	status=FAIL
fi
prev=$site/public.plinth-prev
if [ ! -d "$prev" ]; then
	echo "FAIL: no previous site is kept"
	status=FAIL
else
	if ! diff <(cd "$work/reference" && find . -type f | sort) <(cd "$prev" && find . -type f | sort) >/dev/null; then
		echo "FAIL: public.plinth-prev/ does not have the files of a complete build"
		status=FAIL
	fi
	while IFS= read -r -d '' page; do
		if [ "$(tail -c 8 "$page")" != "</html>" ]; then
			echo "FAIL: $page is cut short"
			status=FAIL
		fi
	done < <(find "$prev" -name '*.html' -print0)
fi
pages=$(find "$site/public" -name '*.html' | wc -l)
if [ "$killed" -lt "$runs" ]; then
	echo "FAIL: only $killed of $i builds were killed while publishing"
	status=FAIL
fi
echo "$status: $killed builds killed during publish, then a normal build: $pages pages published; no staging folder left: $([ "$status" = PASS ] && echo yes || echo see above)"
[ "$status" = PASS ]
