#!/bin/sh
# `whyline map --format dot|md|html`: the worked example's value map (see
# map-example.sh) checked edge by edge at two cut-offs and accepted by
# `dot -Tsvg`; the Markdown report (the strongest paths with their counts
# and quotes, the clients left out with --share, the codes never linked to
# a goal, every code), in French too; untrusted text escaped in Markdown
# and HTML; the HTML page rendered by headless Chromium to a PNG that is
# not blank (where a blank page is).

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
command -v dot >/dev/null 2>&1 || tap_skip_all "graphviz's dot is missing"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is missing"
command -v jq >/dev/null 2>&1 || tap_skip_all "jq is missing"
wl_tmpdir map-report
. "$top_srcdir/tests/cli/map-example.sh"

WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT
: "${WHYLINE_LOCALE:=$(dirname "$(dirname "$WHYLINE")")/locale}"
book=$top_srcdir/tests/data/map/codebook.yaml

map_example

# edges FILE: the DOT file's edges as "FROM>TO=COUNT" by node label (its
# first line), sorted; then its nodes.
edges() {
	awk '
	/^\tc[0-9]+ \[label="/ {
		id = $1; l = $0; sub(/^[^"]*"/, "", l); sub(/\\n.*/, "", l); name[id] = l
		nodes = nodes " " l
	}
	/ -> / {
		c = $0; sub(/.*label="/, "", c); sub(/".*/, "", c)
		print name[$1] ">" name[$3] "=" c
	}
	END { print "nodes:" nodes }' "$1" | sort
}

# ---- the value map ----

wl_run map --format dot --cutoff 2 >"$tmp/map2.dot" 2>"$tmp/err"
tap_is "map --format dot exits 0" "$?" 0
tap_is "cut-off 2: the links of at least 2 ladders, and their codes" "$(edges "$tmp/map2.dot")" \
"bookings>revenue=4
nodes: social visibility bookings revenue
social>bookings=2
social>visibility=2"
tap_check "requests on the top rank, goals on the bottom one" \
    grep -q -e '{ rank=min; c0; }' -e '{ rank=max; c6; }' "$tmp/map2.dot"
wl_run map --format dot >"$tmp/map1.dot" 2>"$tmp/err"
tap_is "the default cut-off, 1: every direct link" "$(edges "$tmp/map1.dot")" \
"bookings>freedom=1
bookings>revenue=4
nodes: social website visibility bookings freedom trust revenue
social>bookings=2
social>visibility=2
visibility>bookings=1
visibility>trust=1
website>bookings=1"
tap_check "dot -Tsvg accepts the map" dot -Tsvg -o "$tmp/map.svg" "$tmp/map1.dot"
wl_run map --format dot --cutoff 5 --codes "$book" >"$tmp/map5.dot" 2>"$tmp/err"
tap_is "a cut-off above every link leaves an empty map" "$(grep -c -- '->' "$tmp/map5.dot")" 0
wl_run map --format dot --cutoff 4 --codes "$book" >"$tmp/map4.dot" 2>"$tmp/err"
tap_check "nodes carry the codebook's label and their sessions" \
    grep -q 'label="A stable revenue stream\\n4 sessions"' "$tmp/map4.dot"
wl_run map --format dot --cutoff 0 >/dev/null 2>"$tmp/err"
tap_is "--cutoff 0 is a usage error" "$?" 2

# ---- the report ----

wl_run map --format md --codes "$book" >"$tmp/out.md" 2>"$tmp/err"
tap_is "map --format md exits 0" "$?" 0
sed -n '/^## Strongest/,/^## Never/p' "$tmp/out.md" | sed '/^##/d;/^$/d' | grep -v '   - ' >"$tmp/paths"
tap_is "the strongest paths, with the ladders that hold them" "$(cat "$tmp/paths")" \
"1. **social** → **bookings** → **revenue** (2 ladders)
2. **website** → **bookings** → **freedom** (1 ladder)
3. **website** → **bookings** → **revenue** (1 ladder)
4. **social** → **visibility** → **bookings** → **revenue** (1 ladder)"
tap_check "a path is quoted as the client said it" \
    grep -qx '   - Ann: “Instagram posts” → “more bookings” → “stable revenue”' "$tmp/out.md"
tap_is "the codes never linked to a goal" \
    "$(sed -n '/^## Never/,/^## Codes/p' "$tmp/out.md" | grep '^- ')" '- **trust** (1 session)'
tap_check "the table of codes has the codebook's labels" \
    grep -qx '| revenue | A stable revenue stream | 4 | 0 | 4 |' "$tmp/out.md"
wl_run map --format md --share >"$tmp/share.md" 2>"$tmp/err"
tap_check "--share leaves the clients out" \
    grep -qx '   - “Instagram posts” → “more bookings” → “stable revenue”' "$tmp/share.md"
tap_check "--share: no client's name anywhere" sh -c "! grep -E 'Ann|Ben|Cat|Dan|Eve' '$tmp/share.md'"
wl_run map --format json --share >"$tmp/share.json" 2>"$tmp/err"
tap_is "--share leaves the clients out of JSON too" \
    "$(jq -c '[.paths[].quotes[] | has("client")] | unique' "$tmp/share.json")" '[false]'
wl_run map --format json >"$tmp/all.json" 2>"$tmp/err"
tap_is "without --share, JSON quotes name the clients" \
    "$(jq -c '[.paths[].quotes[] | has("client")] | unique' "$tmp/all.json")" '[true]'

wl_run --lang fr --locale-dir "$WHYLINE_LOCALE" map --format md >"$tmp/fr.md" 2>"$tmp/err"
tap_is "the report in French: its title" "$(head -n 1 "$tmp/fr.md")" '# Carte des échelles'
tap_check "the report in French: counts and quotes" \
    grep -qx '1. \*\*social\*\* → \*\*bookings\*\* → \*\*revenue\*\* (2 échelles)' "$tmp/fr.md"
tap_check "the report in French: « quotes »" \
    grep -qx '   - Ann : « Instagram posts » → « more bookings » → « stable revenue »' "$tmp/fr.md"

# ---- untrusted text ----

map_session Zed 'social revenue' '<b>bold</b> posts' '*stars* & <i>x</i> [a](javascript:alert(1))' \
    /goal >/dev/null
wl_run map --format md >"$tmp/zed.md" 2>"$tmp/err"
tap_check "Markdown escapes what a rung could open" \
    grep -qF '“\<b>bold\</b> posts” → “\*stars\* & \<i>x\</i> \[a\](javascript:alert(1))”' "$tmp/zed.md"
wl_run map --format html >"$tmp/out.html" 2>"$tmp/err"
tap_is "map --format html exits 0" "$?" 0
tap_check "no HTML from a rung reaches the page" sh -c "! grep -qE '<b>bold|<i>x|href=\"javascript' '$tmp/out.html'"
tap_check "the rung is there as text" grep -qF '&lt;b&gt;bold&lt;/b&gt; posts' "$tmp/out.html"

# ---- rendered ----

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
	# shot HTML PNG: renders a page to a PNG in headless Chromium.
	shot() {
		_prof=$(mktemp -d "$tmp/chrome.XXXXXX")
		timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
		    --disable-background-networking --disable-component-update \
		    --disable-sync --no-first-run --user-data-dir="$_prof" \
		    --window-size=800,600 --screenshot="$2" "file://$1" >/dev/null 2>&1
	}
	printf '<!DOCTYPE html><html><body></body></html>\n' >"$tmp/blank.html"
	shot "$tmp/blank.html" "$tmp/blank.png"
	tap_is "a blank page renders to one colour (the check can fail)" \
	    "$(python3 "$top_srcdir/tests/cli/png-blank.py" "$tmp/blank.png" 2>&1)" 1
	shot "$tmp/out.html" "$tmp/out.png"
	n=$(python3 "$top_srcdir/tests/cli/png-blank.py" "$tmp/out.png" 2>&1)
	tap_check "the report renders in headless Chromium to a PNG that is not blank ($n colours)" \
	    test "$n" -gt 20
else
	tap_skip "the report renders in headless Chromium" "chromium is missing"
fi

tap_done
