#!/usr/bin/env bash
# first-errors.sh: break a scratch copy of the example site in each way
# issue 19 lists (an editor's or Windows program's mistake, a hostile file)
# and print, for each, the first error line of `plinth check` (or of
# `plinth build`, for the destination cases), or "(no error)" and what was
# published.
#
#   tests/faults/first-errors.sh [CASE...]
#
# PLINTH=path/to/plinth runs a binary built elsewhere (an older version, to
# compare). The read-only and full-disk cases need root (chattr, mount) and
# are skipped without it; "loop" builds with a layout that loops two million
# times per page and is capped at LOOP_SECONDS (default 600).
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
cleanup() {
	chattr -R -i "$work" 2>/dev/null
	umount "$work/small" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
if [ -n "${PLINTH:-}" ]; then
	bin=$PLINTH
else
	(cd "$repo" && go build -o "$work/plinth" ./cmd/plinth) || exit 1
	bin=$work/plinth
fi
outside=$work/outside
mkdir -p "$outside"
root=$([ "$(id -u)" = 0 ] && echo yes)

all="bom-manifest bom-regions providers-utf16 providers-1252 providers-semicolons providers-renamed theme partial
index-and-section symlink-data symlink-layout readonly-folder readonly-public full-disk date-day-first menu-url
csp-in-layout alias-open-data src-in-text markdown-upper markdown-long office-lock stray-docx svg-script
empty-columns loop"
for c in ${*:-$all}; do
	site=$work/$c
	mkdir -p "$site"
	for name in site.toml content data themes layouts static assets archetypes package.json; do
		[ -e "$repo/$name" ] && cp -r "$repo/$name" "$site/"
	done
	ln -s "$repo/node_modules" "$site/node_modules"
	cd "$site" || exit 1
	cmd=(check --quiet)
	timeout=0
	case $c in
	bom-manifest) printf '\xef\xbb\xbf' | cat - data/datasets.toml >x && mv x data/datasets.toml ;;
	bom-regions) printf '\xef\xbb\xbf' | cat - data/regions.toml >x && mv x data/regions.toml ;;
	providers-utf16) iconv -f UTF-8 -t UTF-16 data/providers.csv >x && mv x data/providers.csv ;;
	providers-1252)
		sed -i '5s/Dunden Hospitals/Dundén Hospitals/' data/providers.csv
		iconv -f UTF-8 -t WINDOWS-1252 data/providers.csv >x && mv x data/providers.csv ;;
	providers-semicolons) sed -i 's/,/;/g' data/providers.csv ;;
	providers-renamed) sed -i '1s/provider_code/provider code/' data/providers.csv ;;
	theme) sed -i 's/^theme = "plinth"/theme = "plinht"/' site.toml ;;
	partial)
		mkdir -p layouts/_partials && cp themes/plinth/layouts/_partials/footer.html layouts/_partials/
		# Before the footer element, whatever the footer holds.
		sed -i 's|<footer |{{ template "partials/nope.html" . }}<footer |' layouts/_partials/footer.html
		grep -q 'partials/nope.html' layouts/_partials/footer.html || { printf '%s\t(script out of date: the footer changed)\n' "$c"; continue; } ;;
	index-and-section) printf '+++\ntitle = "Guidance index"\n+++\nHello.\n' >content/guidance/index.md ;;
	symlink-data) mv data/actions.csv "$outside/" && ln -s "$outside/actions.csv" data/actions.csv ;;
	symlink-layout) mkdir -p layouts && cp themes/plinth/layouts/page.html "$outside/" && ln -s "$outside/page.html" layouts/page.html ;;
	readonly-folder | readonly-public | full-disk)
		if [ -z "$root" ]; then
			printf '%s\t(skipped: needs root)\n' "$c"
			continue
		fi
		cmd=(build --quiet)
		case $c in
		readonly-folder) "$bin" build --quiet >/dev/null 2>&1; chattr +i . ;;
		readonly-public) "$bin" build --quiet >/dev/null 2>&1; chattr +i public ;;
		full-disk) mkdir -p "$work/small" && mount -t tmpfs -o size=1m tmpfs "$work/small" && cmd=(build --quiet --destination "$work/small/public") ;;
		esac ;;
	date-day-first) sed -i '0,/^title = /s//reviewed = 29\/11\/2026\ntitle = /' content/about.md ;;
	menu-url) sed -i '0,/^\[params\]/s//[[menus.main]]\nname = "Old news"\nurl = "\/news\/"\nweight = 10\n\n[params]/' site.toml ;;
	csp-in-layout)
		mkdir -p layouts && cp themes/plinth/layouts/page.html layouts/page.html
		sed -i '0,/{{ define "main" }}/s//{{ define "main" }}<script>alert(1)<\/script>/' layouts/page.html ;;
	alias-open-data) sed -i '0,/^title/s//aliases = ["\/action-plans\/data\/actions-by-quarter.csv"]\ntitle/' content/about.md ;;
	src-in-text) sed -i '0,/^description = .*/s//description = "Set the image with src=x in the form."/' content/about.md ;;
	markdown-upper) printf '+++\ntitle = "New page"\n+++\nHello.\n' >content/new-page.MD ;;
	markdown-long) printf '+++\ntitle = "New page"\n+++\nHello.\n' >content/new-page.markdown ;;
	office-lock) printf 'owner' >'content/guidance/~$draft.docx' ;;
	stray-docx) printf 'PK\x03\x04docx' >content/guidance/draft.docx ;;
	svg-script) mkdir -p static && printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n' >static/logo.svg ;;
	empty-columns) sed -i 's/$/,,/' data/providers.csv ;;
	loop)
		mkdir -p layouts && cp themes/plinth/layouts/page.html layouts/page.html
		sed -i '0,/{{ define "main" }}/s//{{ define "main" }}<ul>\n{{ range $i := 2000000 }}<li>Item {{ $i }}<\/li>\n{{ end }}<\/ul>/' layouts/page.html
		timeout=${LOOP_SECONDS:-600} ;;
	*) printf '%s\t(unknown case)\n' "$c"; continue ;;
	esac
	start=$(date +%s.%N)
	if [ "$timeout" -gt 0 ]; then
		out=$(timeout "$timeout" "$bin" "${cmd[@]}" 2>&1)
	else
		out=$("$bin" "${cmd[@]}" 2>&1)
	fi
	status=$?
	took=$(echo "$(date +%s.%N) - $start" | bc)
	chattr -R -i "$site" 2>/dev/null
	umount "$work/small" 2>/dev/null
	first=$(echo "$out" | grep -E '^[^ .].*: ' | grep -v ': warning: ' | head -1)
	if [ -z "$first" ]; then
		first="(no error; exit status $status)"
		[ "$status" = 124 ] && first="(no error: still running after $timeout s, stopped)"
		warning=$(echo "$out" | grep -E '^content/.*: warning: ' | head -1)
		[ -n "$warning" ] && first="$first; warning: $warning"
		if [ "$status" = 0 ] && [[ $c == markdown-* || $c == office-lock || $c == stray-docx || $c == svg-script ]]; then
			"$bin" build --quiet >/dev/null 2>&1
			first="$first; published: $(cd public && find . \( -iname 'new-page*' -o -name '*docx' -o -name 'logo.svg' \) | sort | tr '\n' ' ')"
		fi
	fi
	printf '%s\t%s\t(%.1f s)\n' "$c" "$first" "$took"
done
