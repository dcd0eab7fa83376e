#!/bin/sh
# Untrusted text never reaches a terminal raw: what was typed into a pipe,
# and every value a merged or pulled database could hold (session ids,
# times, names, versions, codes), is cleaned where it is shown (README
# "Answers are untrusted").

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir display

optional=$top_srcdir/tests/data/hardening/optional.yaml
db=$tmp/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB

# raw FILE: FILE holds what could act on a terminal: a C0 control but
# tab and newline, DEL, a C1 control in UTF-8, or a bidirectional override or
# isolate.
raw() {
	LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]\\|\302[\200-\237]')" "$1" ||
	    LC_ALL=C grep -q "$(printf '\342\200[\252-\256]\\|\342\201[\246-\251]')" "$1"
}
# clean FILE: FILE holds none of them, and is valid UTF-8 (no lone byte
# 0x80 to 0x9f, an 8-bit C1 control, either).
clean() {
	! raw "$1" && iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

# ---- piped input is echoed cleaned, and stored as typed ----

printf 'hello \033]0;PWNED\007 \033[2J \377\233x\n\n\n' |
    wl_run run "$optional" >"$tmp/out" 2>"$tmp/err"
tap_is "piped escapes: the call goes on (exit 0)" "$?" 0
tap_check "piped escapes: the echo is cleaned" clean "$tmp/err"
tap_check "piped escapes: the echo keeps the words" grep -q "hello ]0;PWNED \[2J" "$tmp/err"
tap_is "piped escapes: the answer is stored as typed" \
    "$(wl_sql "$db" "SELECT hex(value) FROM answers WHERE question_id = 'a'")" \
    "$(printf 'hello \033]0;PWNED\007 \033[2J \377\233x' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"

# ---- values a merged database could hold reach no terminal raw ----

rm -f "$db" "$db-wal" "$db-shm"
printf 'a: x\n' >"$tmp/a.yaml"
wl_run run "$optional" --answers "$tmp/a.yaml" --client Acme >"$tmp/out" 2>"$tmp/err"
old=$(cat "$tmp/out")
esc=$(printf '\033')
bel=$(printf '\007')
cr=$(printf '\r')
rlo=$(printf '\342\200\256')
lri=$(printf '\342\201\246')
# The id keeps its length (36 bytes); every table naming it follows. What
# is shown of it: the id cleaned, and its first 8 bytes.
rest=${old#??????????}
id="e$esc]0;X$bel$rlo$rest"
shown="e]0;X$rest"
short=$(printf '%.8s' "$shown")
for t in sessions.id answers.session_id events.session_id chains.session_id \
    notes.session_id team_sync.session_id codes.session_id; do
	wl_sql "$db" "UPDATE ${t%.*} SET ${t#*.} = '$id' WHERE ${t#*.} = '$old'"
done
wl_sql "$db" "UPDATE sessions SET status = 'open', started_at = 'x$esc[2Jy$bel',
    updated_at = 'u$bel', finished_at = 'f${esc}c', client = 'Ac${rlo}me$lri',
    consultant = 'C${esc}]0;x$bel$cr', tree_version = '1$esc[31m$cr'"

"$WHYLINE" list >"$tmp/list" 2>&1
tap_check "list: a hostile id, time and client are cleaned" clean "$tmp/list"
tap_check "list: the short id is what is left of it" grep -qF "$short  " "$tmp/list"
tap_check "list: a bidirectional override and isolate in a client's name are removed" \
    grep -qE "^[^ ]+ +Acme +hardening-optional " "$tmp/list"
"$WHYLINE" show "$id" >"$tmp/show" 2>&1
tap_check "show: a hostile id, times and names are cleaned" clean "$tmp/show"
tap_check "show: the Session line names the id, cleaned" grep -qxF "Session $shown" "$tmp/show"
tap_check "show: a time that is not a time is shown cleaned" grep -q "Started: *x\[2Jy$" "$tmp/show"
"$WHYLINE" brief --format text "$id" >"$tmp/brief.txt" 2>&1
tap_check "brief --format text: names, version and session are cleaned" clean "$tmp/brief.txt"
tap_check "brief --format text: the Session line is cleaned" grep -q "Session: e\]0;X" "$tmp/brief.txt"
tap_check "brief --format text: the version is cleaned" grep -q "version 1\[31m$" "$tmp/brief.txt"
printf '' | wl_run resume "$id" >"$tmp/resume" 2>&1
tap_check "resume: the banner and the last line are cleaned" clean "$tmp/resume"
tap_check "resume: the banner names the short id, cleaned" \
    grep -qF "session $short." "$tmp/resume"
tap_check "resume: the last line names the short id, cleaned" \
    grep -qF "brief $short" "$tmp/resume"
printf '{{{client}}}|{{{consultant}}}|{{{tree.version}}}|{{{session.id}}}|{{{session.short_id}}}|{{{session.started_at}}}\n' \
    >"$tmp/raw-template.md"
for f in md html; do
	"$WHYLINE" brief --format $f --template "$tmp/raw-template.md" "$id" >"$tmp/raw.$f" 2>&1
	tap_check "a template's raw {{{names}}}, version and session in $f: cleaned" clean "$tmp/raw.$f"
done
tap_check "a template's raw values keep their text" \
    grep -qxF "Acme|C]0;x|1[31m|$shown|$short|x[2Jy" "$tmp/raw.md"

# ---- the HTML page's title is valid UTF-8, as its text is ----

rm -f "$db" "$db-wal" "$db-shm"
wl_run run "$optional" --answers "$tmp/a.yaml" --client Acme >/dev/null 2>&1
wl_sql "$db" "UPDATE sessions SET client = CAST(X'41C3FF42' AS TEXT)"
"$WHYLINE" brief --format html >"$tmp/brief.html" 2>&1
tap_check "brief --format html: a client that is not UTF-8 leaves the page valid" clean "$tmp/brief.html"
tap_check "brief --format html: in the title, U+FFFD for each bad byte" \
    grep -qF "<title>Optional questions: A$(printf '\357\277\275\357\277\275')B</title>" "$tmp/brief.html"

# ---- C1 and bidirectional controls in a tree: graph, pot ----

c1=$(printf '\302\233')
printf '%s\n' 'whyline: 1' 'id: c1' 'title: "T\u009b2J \u202eevil"' 'version: "1"' \
    'sections:' '  - id: s' '    title: "S\u0085x"' '    questions:' '      - id: a' \
    '        ask: "A\u009b31m?\u2066"' '        help: "\u201cquoted\u201d"' >"$tmp/c1.yaml"
wl_run graph "$tmp/c1.yaml" >"$tmp/c1.dot" 2>&1
rm -f "$db" "$db-wal" "$db-shm"
printf 'x\n' | wl_run run "$tmp/c1.yaml" >"$tmp/out" 2>"$tmp/err"
tap_check "a prompt: C1 and bidirectional controls from the tree are removed" clean "$tmp/err"
tap_check "a prompt: the words around them stay" grep -q '^\[1/1\] A31m?$' "$tmp/err"
tap_check "graph: C1 and bidirectional controls are dropped" clean "$tmp/c1.dot"
tap_check "graph: the words around them stay" grep -q 'label="T2J evil"' "$tmp/c1.dot"
wl_run pot "$tmp/c1.yaml" >"$tmp/c1.pot" 2>&1
tap_check "pot: C1 and bidirectional controls are escaped" clean "$tmp/c1.pot"
tap_check "pot: escaped byte by byte, as octal" \
    grep -qF 'msgid "A\302\23331m?\342\201\246"' "$tmp/c1.pot"
tap_check "pot: other characters stay whole" \
    grep -qF "msgid \"$(printf '\342\200\234')quoted$(printf '\342\200\235')\"" "$tmp/c1.pot"
if command -v msgfmt >/dev/null 2>&1; then
	# Translated, the catalog gives the tree's own strings back.
	sed 's/^msgstr ""$/msgstr "x"/; 1,/^msgstr "x"$/s/^msgstr "x"$/msgstr ""/' \
	    "$tmp/c1.pot" >"$tmp/c1.po"
	tap_check "pot: msgfmt reads the escapes" msgfmt -o "$tmp/c1.mo" "$tmp/c1.po"
	tap_check "pot: the msgid is the tree's string" \
	    sh -c "msgunfmt '$tmp/c1.mo' | grep -qF 'msgid \"A${c1}31m?'"
else
	tap_skip "pot: msgfmt reads the escapes" "no msgfmt"
	tap_skip "pot: the msgid is the tree's string" "no msgfmt"
fi

# ---- a code from a merged database: map, code ----

. "$top_srcdir/tests/cli/map-example.sh"
rm -f "$db" "$db-wal" "$db-shm"
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT
ann=$(map_session Ann 'social bookings revenue' \
    'Instagram posts' 'more bookings' 'stable revenue' /goal)
wl_sql "$db" "UPDATE codes SET code = 'so${c1}c$esc]0;X$bel${rlo}ial' WHERE code = 'social'"
wl_run map --format dot >"$tmp/map.dot" 2>&1
tap_check "map --format dot: a code's controls are dropped" clean "$tmp/map.dot"
tap_check "map --format dot: the code's words stay" grep -q 'label="soc\]0;Xial' "$tmp/map.dot"
wl_run map --format csv >"$tmp/map.csv" 2>&1
tap_check "map --format csv into a file: the code as stored" grep -qF "so${c1}c$esc]0;X$bel${rlo}ial" "$tmp/map.csv"
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	# The records' CRs, and the terminal's, are not what is looked for.
	script -qec "'$WHYLINE' map --format csv" /dev/null </dev/null 2>&1 |
	    tr -d '\r' >"$tmp/map-tty.csv"
	tap_check "map --format csv on a terminal: the code is cleaned" clean "$tmp/map-tty.csv"
	tap_check "map --format csv on a terminal: the code's words stay" \
	    grep -q '^code,soc\]0;Xial,' "$tmp/map-tty.csv"
else
	tap_skip "map --format csv on a terminal: the code is cleaned" "no util-linux script"
	tap_skip "map --format csv on a terminal: the code's words stay" "no util-linux script"
fi
printf 'new\n' | wl_run code --again --plain "$ann" >"$tmp/code" 2>&1
tap_check "code: the prompt shows no merged code raw" clean "$tmp/code"
tap_check "code: what cannot be a code is not offered" grep -q '^code> new' "$tmp/code"
tap_is "code: the code typed instead is stored" \
    "$(wl_sql "$db" "SELECT code FROM codes WHERE rung = 0")" new
printf 'a\342\200\256b\n/skip\n/skip\n' | wl_run code --again --plain "$ann" >"$tmp/code" 2>&1
tap_check "code: a code with a bidirectional override is refused" grep -q 'cannot be a code' "$tmp/code"

tap_done
