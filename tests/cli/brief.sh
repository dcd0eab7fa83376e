#!/bin/sh
# `whyline brief`: the Markdown layout (facts, request, ladder tree with
# stops, labels, flags with causes, open items, notes, changes), --share,
# HTML, JSON (as export prints it), templates and their errors, -o written
# atomically, exit statuses, and hostile answers through every format.

. "${top_srcdir:?}/tests/cli/lib.sh"

data=$top_srcdir/tests/data/brief

WHYLINE_DB=$tmp/w.db
TZ=UTC
WHYLINE_CONSULTANT='Ann Consultant'
NO_COLOR=1
export WHYLINE_DB TZ WHYLINE_CONSULTANT NO_COLOR
unset WHYLINE_LOCALE_DIR
umask 022

esc=$(printf '\033')
bel=$(printf '\007')

# has FILE LINE: FILE holds LINE exactly, as a whole line.
has() {
	grep -qxF -e "$2" "$1" || { echo "missing line: $2"; return 1; }
}

# lacks FILE TEXT: no line of FILE holds TEXT.
lacks() {
	! grep -qF -e "$2" "$1" || { echo "unexpected: $(grep -F -e "$2" "$1" | head -1)"; return 1; }
}

# after FILE LINE NEXT: the line after LINE in FILE is NEXT.
after() {
	got=$(awk -v l="$2" 'found { print; exit } $0 == l { found = 1 }' "$1")
	[ "$got" = "$3" ] || { echo "after '$2': '$got', not '$3'"; return 1; }
}

# status WANT COMMAND...: the command exits with WANT.
status() {
	want=$1
	shift
	"$@" >"$tmp/st.out" 2>"$tmp/st.err"
	got=$?
	[ "$got" -eq "$want" ] || { echo "exit $got, not $want"; cat "$tmp/st.err"; return 1; }
}

# same A B: two files are the same.
same() {
	cmp -s "$1" "$2" || { diff "$1" "$2" | head -20; return 1; }
}

# section FILE HEADING: the lines from HEADING to the next "## " heading.
section() {
	awk -v h="$2" '$0 == h { on = 1; print; next } on && /^## / { exit } on' "$1"
}

# ---- the sessions ----
setup() {
	a=$("$WHYLINE" run "$data/call.yaml" --answers "$data/answers.yaml" --client ACME) &&
	printf '%s\n' 'Instagram posts' 'More bookings' '/also Less idle staff' \
	    'Stable revenue' '/goal' '/also Fewer sick days' 'Happier team' \
	    'Lower turnover' '/stuck' '/note ask about last year' '1' '1200' \
	    '1,3' 'y' '/back' 'n' '4' 'line one' 'line two' '' '1' \
	    '/skip client did not know' 'call back' |
	    "$WHYLINE" run "$data/call.yaml" --plain --client Piped \
	    >/dev/null 2>"$tmp/run.err" &&
	p=$(sed -n 's/.*whyline brief \([0-9a-f][0-9a-f]*\).*/\1/p' "$tmp/run.err") &&
	h=$("$WHYLINE" run "$data/call.yaml" --answers "$data/hostile.yaml" \
	    --client "<b>Evil</b> # co${esc}[2J") &&
	[ -n "$a" ] && [ -n "$p" ] && [ -n "$h" ]
}

tap_check "three sessions are recorded" setup

"$WHYLINE" brief "$a" >"$tmp/a.md" 2>"$tmp/a.err"
tap_check "brief of an answered session exits 0 and says nothing on stderr" \
    sh -c "[ -s '$tmp/a.md' ] && [ ! -s '$tmp/a.err' ]"

check_facts() {
	has "$tmp/a.md" "# Brief test call: ACME" &&
	has "$tmp/a.md" "- **Client:** ACME" &&
	has "$tmp/a.md" "- **Consultant:** Ann Consultant" &&
	has "$tmp/a.md" "- **Interview:** Brief test call, version 2.1" &&
	has "$tmp/a.md" "- **Language:** English" &&
	grep -qE '^- \*\*Date:\*\* [0-9]{4}-[0-9]{2}-[0-9]{2}, [0-9]{2}:[0-9]{2}–[0-9]{2}:[0-9]{2} UTC \(less than a minute\)$' "$tmp/a.md" &&
	grep -qE "^- \*\*Session:\*\* $(echo "$a" | cut -c1-8), finished$" "$tmp/a.md"
}
tap_check "the header has title, client, consultant, date and length, tree, language" check_facts

check_headings() {
	has "$tmp/a.md" "## Summary" &&
	after "$tmp/a.md" "## Summary" "" &&
	has "$tmp/a.md" "- **Request:** Instagram posts" &&
	has "$tmp/a.md" "- **Root goal:** A stable revenue stream" &&
	has "$tmp/a.md" "## Root goal" &&
	has "$tmp/a.md" "## The request" &&
	has "$tmp/a.md" "## Context" &&
	has "$tmp/a.md" "## Wrap-up" &&
	has "$tmp/a.md" "## Flags"
}
tap_check "headings: summary with the request and goal, the ladder, each section, flags" check_headings

check_order() {
	[ "$(grep '^## ' "$tmp/a.md" | tr '\n' '|')" = \
	    "## Summary|## Flags|## Root goal|## The request|## Context|## Wrap-up|" ]
}
tap_check "the summary first, then the flags, then the ladder and the sections" check_order

check_labels() {
	has "$tmp/a.md" "- **Budget:** A fixed amount" &&
	has "$tmp/a.md" "- **Amount:** 1,200 EUR" &&
	has "$tmp/a.md" "- **Which channels do they use?** Instagram, Newsletter" &&
	has "$tmp/a.md" "- **How confident are they?** 5 (Fully)" &&
	has "$tmp/a.md" "- **Is it urgent?** No" &&
	has "$tmp/a.md" "- **By when must A stable revenue stream be reached?** next spring" &&
	lacks "$tmp/a.md" '["ig","mail"]' && ! grep -qx 'fixed' "$tmp/a.md"
}
tap_check "answers under their labels, as a person writes them (Yes, 1,200 EUR)" check_labels

check_hidden() {
	lacks "$tmp/a.md" "How did they find us" && lacks "$tmp/a.md" "Someone referred them"
}
tap_check "a question with brief: false is left out" check_hidden

check_paragraph() {
	sed -n '/^- \*\*What is the story behind it?\*\*  $/,/^- \*\*By when/p' "$tmp/a.md" >"$tmp/para.out"
	cat >"$tmp/para.exp" <<'EOF'
- **What is the story behind it?**  
  They tried ads last year.  
  It did not work.

  Now they want something steady.
- **By when must A stable revenue stream be reached?** next spring
EOF
	same "$tmp/para.exp" "$tmp/para.out"
}
tap_check "a paragraph answer keeps its lines and paragraphs" check_paragraph

"$WHYLINE" brief "$p" >"$tmp/p.md" 2>"$tmp/p.err"
cat >"$tmp/ladder.exp" <<'EOF'
## Root goal

**Stable revenue**

- Instagram posts
  - More bookings
    - Stable revenue — *goal*
    - Less idle staff
      - Happier team
        - Lower turnover — *stopped at the depth limit*
      - Fewer sick days — *stuck: the client could not go deeper*

EOF
section "$tmp/p.md" "## Root goal" >"$tmp/ladder.out"
tap_check "the ladder is a tree from the request to every goal, with each stop" \
    same "$tmp/ladder.exp" "$tmp/ladder.out"

cat >"$tmp/flags.exp" <<'EOF'
## Flags

### Risks

- The budget (1200) is small for Instagram posts. (Budget; Amount)

### Preferences

- They like newsletters. (Which channels do they use?)

### Information

- They came through a referral; thank the referrer.

EOF
section "$tmp/p.md" "## Flags" >"$tmp/flags.out"
tap_check "flags by level, each naming the answers that raised it (hidden ones not)" \
    same "$tmp/flags.exp" "$tmp/flags.out"

tap_check "open items: a skipped question and its reason" \
    has "$tmp/p.md" "- **By when must Stable revenue be reached?** skipped: client did not know"

check_notes() {
	has "$tmp/p.md" "## Notes" &&
	grep -qE '^- \*\*How is the budget set\? \([0-9]{2}:[0-9]{2}\):\*\*  $' "$tmp/p.md" &&
	has "$tmp/p.md" "  ask about last year"
}
tap_check "notes, with their question and time" check_notes

tap_check "answers changed during the call" \
    grep -qE '^- \*\*Is it urgent\?, [0-9]{2}:[0-9]{2}:\*\* Yes → No$' "$tmp/p.md"

tap_check "the changed answer is shown as it is now" has "$tmp/p.md" "- **Is it urgent?** No"

"$WHYLINE" brief --share "$p" >"$tmp/share.md"
check_share() {
	lacks "$tmp/share.md" "## Flags" && lacks "$tmp/share.md" "## Notes" &&
	lacks "$tmp/share.md" "## Changes" && lacks "$tmp/share.md" "ask about last year" &&
	lacks "$tmp/share.md" "referral" &&
	has "$tmp/share.md" "## Root goal" && has "$tmp/share.md" "## Open items" &&
	has "$tmp/share.md" "- **What is the next step?** call back"
}
tap_check "--share leaves out notes, flags and changes, and keeps the rest" check_share

check_default() {
	"$WHYLINE" brief >"$tmp/latest.md" && "$WHYLINE" brief "$h" >"$tmp/h.md" &&
	same "$tmp/latest.md" "$tmp/h.md" &&
	"$WHYLINE" brief "$(echo "$p" | cut -c1-6)" >"$tmp/prefix.md" &&
	same "$tmp/prefix.md" "$tmp/p.md"
}
tap_check "the latest session by default; a unique prefix names a session" check_default

# The length of a call leaves out its pauses: a start at 08:59 (the first
# question on screen), answers at 09:00 and 09:05, a pause at 09:06, a
# resumption at 13:00 and an answer at 13:07 make 13 minutes, from 08:59.
# The times are set in the database, as no test waits 4 hours.
check_length() {
	db=$tmp/len.db
	printf '%s\n' 'Instagram posts' 'More bookings' |
	    "$WHYLINE" run --db "$db" "$data/call.yaml" --plain --client Len >/dev/null 2>&1
	printf '%s\n' 'Stable revenue' '/goal' |
	    "$WHYLINE" resume --db "$db" --plain >/dev/null 2>&1
	sqlite3 "$db" "
	    UPDATE answers SET answered_at = CASE coalesce(rung, 0)
	        WHEN 0 THEN '2026-03-02T09:00:00.000Z'
	        WHEN 1 THEN '2026-03-02T09:05:00.000Z'
	        ELSE '2026-03-02T13:07:00.000Z' END;
	    UPDATE events SET at = '2026-03-02T08:59:00.000Z' WHERE kind = 'start';
	    UPDATE events SET at = '2026-03-02T09:06:00.000Z'
	        WHERE id = (SELECT min(id) FROM events WHERE kind = 'pause');
	    UPDATE events SET at = '2026-03-02T13:00:00.000Z' WHERE kind = 'resume';
	    UPDATE events SET at = '2026-03-02T13:08:00.000Z'
	        WHERE id = (SELECT max(id) FROM events WHERE kind = 'pause');" &&
	"$WHYLINE" brief --db "$db" >"$tmp/len.md" &&
	has "$tmp/len.md" "- **Date:** 2026-03-02, 08:59–13:07 UTC (13 minutes)" &&
	has "$tmp/len.md" "    - Stable revenue — *goal*"
}
if command -v sqlite3 >/dev/null 2>&1; then
	tap_check "the length of a call leaves out its pauses" check_length
else
	tap_skip "the length of a call leaves out its pauses" "no sqlite3 program"
fi

# ---- HTML ----
"$WHYLINE" brief --format html "$a" >"$tmp/a.html"
check_html() {
	[ "$(head -1 "$tmp/a.html")" = "<!DOCTYPE html>" ] &&
	has "$tmp/a.html" '<html lang="en">' &&
	has "$tmp/a.html" '<meta charset="utf-8">' &&
	has "$tmp/a.html" '<title>Brief test call: ACME</title>' &&
	grep -q '<style>' "$tmp/a.html" && grep -q '@media print' "$tmp/a.html" &&
	has "$tmp/a.html" '<h2>Root goal</h2>' &&

	[ "$(tail -1 "$tmp/a.html")" = "</html>" ] &&
	lacks "$tmp/a.html" '<script' && lacks "$tmp/a.html" '<link'
}
tap_check "--format html is a standalone page with its own style and no script" check_html

tap_check "--lang sets the page's language" \
    sh -c "'$WHYLINE' brief --lang fr --format html '$a' | grep -qxF '<html lang=\"fr\">'"

# ---- JSON ----
"$WHYLINE" brief --format json "$a" >"$tmp/a.json"
"$WHYLINE" export --format json "$a" >"$tmp/a-export.json"
tap_check "--format json is read by jq" \
    sh -c "jq -e '.whyline == 1 and .sessions[0].id == \"$a\" and .sessions[0].answers.budget == \"fixed\"' '$tmp/a.json' >/dev/null"
tap_check "--format json prints the session as export does" same "$tmp/a.json" "$tmp/a-export.json"
tap_check "--format json --share has no notes, flags or history" \
    sh -c "'$WHYLINE' brief --format json --share '$p' | jq -e '.sessions[0] | has(\"notes\") or has(\"flags\") or has(\"history\") | not' >/dev/null"

# On a terminal, JSON escapes every character past ASCII (so that no C1
# control reaches it), whether standard output is the default or -o -.
check_json_tty() {
	c=$("$WHYLINE" run --db "$tmp/tty.db" "$data/call.yaml" \
	    --answers "$data/answers.yaml" --client 'Café') || return 1
	for o in "" "-o -"; do
		script -qec "'$WHYLINE' brief --db '$tmp/tty.db' --format json $o $c" \
		    /dev/null </dev/null >"$tmp/tty.out" 2>&1 &&
		grep -q '"client": "Caf\\u00[Ee]9"' "$tmp/tty.out" &&
		lacks "$tmp/tty.out" 'Café' ||
		{ echo "brief --format json $o on a terminal:"; cat "$tmp/tty.out"; return 1; }
	done
}
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	tap_check "--format json on a terminal is ASCII, with -o - too" check_json_tty
else
	tap_skip "--format json on a terminal is ASCII, with -o - too" "no util-linux script"
fi

# ---- templates ----
"$WHYLINE" brief --template "$data/template.md" "$p" >"$tmp/t.out" 2>"$tmp/t.err"
tap_check "a template renders over the documented context" same "$data/template.out" "$tmp/t.out"

printf '# {{title}}\n\n{{#sections}}\n## {{title}}\n{{/section}}\n' >"$tmp/bad.md"
check_bad_template() {
	status 1 "$WHYLINE" brief --template "$tmp/bad.md" "$a" &&
	grep -qE "^$tmp/bad.md:[0-9]+:[0-9]+: error: " "$tmp/st.err" &&
	[ ! -s "$tmp/st.out" ]
}
tap_check "an invalid template: exit 1 and FILE:LINE:COL: error:" check_bad_template
tap_check "a missing template: exit 1" status 1 "$WHYLINE" brief --template "$tmp/none.md" "$a"

check_template_html() {
	"$WHYLINE" brief --format html --template "$data/template.md" "$h" >"$tmp/th.html" &&
	has "$tmp/th.html" "<!DOCTYPE html>" &&
	lacks "$tmp/th.html" "<script" && lacks "$tmp/th.html" "<img" &&
	lacks "$tmp/th.html" "<a " && lacks "$tmp/th.html" "href=\"" && grep -q '&lt;script&gt;' "$tmp/th.html"
}
tap_check "a template's HTML goes through cmark in safe mode" check_template_html

check_raw_template_html() {
	printf '%s\n' '{{{answers.next_step}}}' '' '{{{answers.deadline}}}' '' \
	    '{{#ladders}}{{#chains}}{{#rungs}}' '{{{text}}}' '' '{{/rungs}}{{/chains}}{{/ladders}}' \
	    '{{{answers.story}}}' >"$tmp/raw.md" &&
	"$WHYLINE" brief --template "$tmp/raw.md" "$h" >"$tmp/raw.out" &&
	grep -q '<script>alert(1)</script>' "$tmp/raw.out" &&
	"$WHYLINE" brief --format html --template "$tmp/raw.md" "$h" >"$tmp/raw.html" &&
	lacks "$tmp/raw.html" "<script" && lacks "$tmp/raw.html" "<img" &&
	lacks "$tmp/raw.html" "href=\"javascript" && lacks "$tmp/raw.html" "<a href='javascript" &&
	grep -q 'raw HTML omitted' "$tmp/raw.html" && grep -q '<a href="">click</a>' "$tmp/raw.html"
}
tap_check "{{{raw}}} answers: Markdown as is, but no HTML or javascript: link in --format html" \
    check_raw_template_html

check_tree_template() {
	mkdir -p "$tmp/tree" &&
	sed 's/^version: "2.1"$/version: "2.1"\nbrief: own.md/' "$data/call.yaml" >"$tmp/tree/call.yaml" &&
	printf 'Own brief for {{client}}: {{answers.budget}}\n' >"$tmp/tree/own.md" &&
	own=$("$WHYLINE" run "$tmp/tree/call.yaml" --answers "$data/answers.yaml" --client Own) &&
	[ "$("$WHYLINE" brief "$own")" = "Own brief for Own: A fixed amount" ] &&
	rm "$tmp/tree/own.md" &&
	"$WHYLINE" brief "$own" >"$tmp/own.md" 2>"$tmp/own.err" &&
	grep -q "own.md" "$tmp/own.err" && has "$tmp/own.md" "# Brief test call: Own"
}
tap_check "the tree's brief: template is used, and the default when it is gone" check_tree_template

# ---- -o ----
mkdir "$tmp/out"
check_output() {
	"$WHYLINE" brief "$a" -o "$tmp/out/brief.md" >"$tmp/o.stdout" &&
	[ ! -s "$tmp/o.stdout" ] && same "$tmp/a.md" "$tmp/out/brief.md" &&
	[ "$(ls -A "$tmp/out")" = "brief.md" ] &&
	[ "$(stat -c %a "$tmp/out/brief.md")" = 644 ]
}
tap_check "-o writes the whole brief, leaves no temporary file, mode 0644 under umask 022" check_output

check_output_mode() {
	chmod 600 "$tmp/out/brief.md" &&
	"$WHYLINE" brief --share "$a" --output "$tmp/out/brief.md" &&
	[ "$(stat -c %a "$tmp/out/brief.md")" = 600 ] &&
	lacks "$tmp/out/brief.md" "## Flags" && [ "$(ls -A "$tmp/out")" = "brief.md" ]
}
tap_check "-o over a file replaces it and keeps its mode" check_output_mode

check_output_kept() {
	cp "$tmp/out/brief.md" "$tmp/kept.md" &&
	status 1 "$WHYLINE" brief --template "$tmp/bad.md" "$a" -o "$tmp/out/brief.md" &&
	same "$tmp/kept.md" "$tmp/out/brief.md" && [ "$(ls -A "$tmp/out")" = "brief.md" ]
}
tap_check "a failed render leaves the file as it was" check_output_kept

check_output_link() {
	printf 'old\n' >"$tmp/out/real.md" && ln -s real.md "$tmp/out/link.md" &&
	"$WHYLINE" brief "$a" -o "$tmp/out/link.md" &&
	[ -L "$tmp/out/link.md" ] && same "$tmp/a.md" "$tmp/out/real.md" &&
	rm "$tmp/out/link.md" "$tmp/out/real.md"
}
tap_check "-o through a symbolic link replaces the file and keeps the link" check_output_link

check_output_fifo() {
	mkfifo "$tmp/fifo" || return 1
	cat "$tmp/fifo" >"$tmp/fifo.out" &
	reader=$!
	"$WHYLINE" brief "$a" -o "$tmp/fifo"
	st=$?
	if [ ! -p "$tmp/fifo" ]; then
		kill "$reader" 2>/dev/null
		wait "$reader"
		echo "the FIFO was replaced"
		return 1
	fi
	wait "$reader"
	[ "$st" -eq 0 ] && same "$tmp/a.md" "$tmp/fifo.out"
}
tap_check "-o to a FIFO writes into it rather than replacing it" check_output_fifo

tap_check "-o into a missing folder fails and creates nothing" \
    sh -c "! '$WHYLINE' brief '$a' -o '$tmp/none/brief.md' 2>/dev/null && [ ! -e '$tmp/none' ]"

check_output_sync() {
	command -v strace >/dev/null || return 0
	# LeakSanitizer cannot run under ptrace.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -e trace=openat,fsync,rename -o "$tmp/strace" \
	    "$WHYLINE" brief "$a" -o "$tmp/out/brief.md" || return 1
	# The temporary file beside the target, fsync, rename, fsync again.
	awk '
		/openat\(.*\/out\/\.brief\.md\..*\.tmp"/ { if (!step) step = 1 }
		/fsync\(/ && step == 1 { step = 2; next }
		/rename\(.*\.tmp", ".*\/out\/brief\.md"\)/ && step == 2 { step = 3 }
		/fsync\(/ && step == 3 { step = 4 }
		END { exit step == 4 ? 0 : 1 }' "$tmp/strace" ||
	{ grep -E 'tmp|fsync|rename' "$tmp/strace"; return 1; }
}
tap_check "-o: temporary file, fsync, rename, fsync of the folder (strace)" check_output_sync

# ---- exit statuses ----
tap_check "an unknown session: exit 1" status 1 "$WHYLINE" brief ffffffff
tap_check "an unknown format: exit 2" status 2 "$WHYLINE" brief --format xml "$a"
tap_check "a template with --format json: exit 2" \
    status 2 "$WHYLINE" brief --format json --template "$data/template.md" "$a"
tap_check "two sessions: exit 2" status 2 "$WHYLINE" brief "$a" "$p"
echo "not a database, not at all, but long enough to be read as one......" >"$tmp/not.db"
tap_check "a file that is not a database: exit 3" status 3 "$WHYLINE" brief --db "$tmp/not.db"
tap_check "--help describes brief's options" \
    sh -c "'$WHYLINE' brief --help | grep -q -- '--template FILE'"

# ---- hostile answers ----
"$WHYLINE" brief "$h" >"$tmp/h.md"
"$WHYLINE" brief --format html "$h" >"$tmp/h.html"
"$WHYLINE" brief --format json "$h" >"$tmp/h.json"
"$WHYLINE" brief --template "$data/template.md" "$h" >"$tmp/h.t.md"

check_hostile_md_blocks() {
	[ "$(grep -c '^# ' "$tmp/h.md")" -eq 1 ] &&
	! grep -nE '^ {0,3}(```|~~~|[0-9]+[.)]( |$)|[|<]|    [^ -])' "$tmp/h.md" &&
	[ "$(grep -c '^>' "$tmp/h.md")" -eq 0 ] &&
	has "$tmp/h.md" '- **Request:** \# Heading'
}
tap_check "hostile Markdown: no heading, fence, ordered list, table, quote or HTML from answers" \
    check_hostile_md_blocks

cat >"$tmp/hladder.exp" <<'EOF'
## Root goal

**\[x\](javascript:alert(1))**

- \# Heading
  - \- item
    - \<script>alert(1)\</script>
      - \[x\](javascript:alert(1)) — *goal*

EOF
section "$tmp/h.md" "## Root goal" >"$tmp/hladder.out"
tap_check "hostile rungs stay single items of the ladder's tree" same "$tmp/hladder.exp" "$tmp/hladder.out"

tap_check "hostile title and client: escaped in the heading" \
    has "$tmp/h.md" '# Brief test call: \<b>Evil\</b> # co\[2J'

check_controls() {
	for f in "$tmp/h.md" "$tmp/h.html" "$tmp/h.json" "$tmp/h.t.md"; do
		if grep -q "[$esc$bel]" "$f"; then
			echo "control character in $f"
			return 1
		fi
	done
	has "$tmp/h.md" "- **By when must \\[x\\](javascript:alert(1)) be reached?** red \\[31mALERT\\[0m bell \\<a href='javascript:alert(1)'>x\\</a>"
}
tap_check "no ESC or BEL from answers reaches any format" check_controls

check_hostile_html() {
	lacks "$tmp/h.html" "<script" && lacks "$tmp/h.html" "<img" &&
	lacks "$tmp/h.html" "<a " && lacks "$tmp/h.html" "href=\"" &&
	lacks "$tmp/h.html" "<table" &&
	lacks "$tmp/h.html" "<pre" && lacks "$tmp/h.html" "<code" &&
	lacks "$tmp/h.html" "<ol" && [ "$(grep -c '<h1>' "$tmp/h.html")" -eq 1 ] &&
	[ "$(grep -o '<h[2-6]>[^<]*</h[2-6]>' "$tmp/h.html" | tr '\n' ' ')" = \
	    "<h2>Summary</h2> <h2>Flags</h2> <h3>Risks</h3> <h2>Root goal</h2> <h2>The request</h2> <h2>Context</h2> <h2>Wrap-up</h2> " ] &&
	[ "$(grep -c '<blockquote>' "$tmp/h.html")" -eq 0 ] &&
	grep -q '&lt;img src=x onerror=alert(1)&gt;' "$tmp/h.html" &&
	grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/h.html" &&
	has "$tmp/h.html" '<title>Brief test call: &lt;b&gt;Evil&lt;/b&gt; # co[2J</title>'
}
tap_check "hostile HTML: no markup, link or javascript: from answers; <img onerror> escaped" \
    check_hostile_html

check_hostile_json() {
	jq -e '.sessions[0].answers.request == "# Heading"' "$tmp/h.json" >/dev/null &&
	jq -r '.sessions[0].answers.deadline' "$tmp/h.json" | grep -q "$esc"
}
tap_check "hostile JSON: valid, answers kept as given (control characters as \\u escapes)" \
    check_hostile_json

check_hostile_template() {
	! grep -nE '^ {0,3}(```|~~~|[0-9]+[.)]( |$)|[|<])' "$tmp/h.t.md" &&
	[ "$(grep -c '^>' "$tmp/h.t.md")" -eq 1 ] &&
	grep -qF -- '- Goal: **\[x\](javascript:alert(1))**' "$tmp/h.t.md" &&
	grep -qF -- '      - \[x\](javascript:alert(1)) (goal)' "$tmp/h.t.md"
}
tap_check "hostile answers through a template's {{name}} are escaped" check_hostile_template

check_hostile_paragraph() {
	sed -n '/^- \*\*What is the story behind it?\*\*  $/,/^- \*\*By when/p' "$tmp/h.md" | sed '$d' >"$tmp/story.out"
	cat >"$tmp/story.exp" <<'EOF'
- **What is the story behind it?**  
  \| a \| b \|  
  \|---\|---\|  
  \`\`\`  
  \> quote  
  1\. one  
  \<img src=x onerror=alert(1)>

  indented code  
  second paragraph !\[i\](javascript:alert(1))
EOF
	same "$tmp/story.exp" "$tmp/story.out"
}
tap_check "a hostile multi-line answer stays one paragraph of text" check_hostile_paragraph

tap_check "an indented line of an answer does not become code" \
    has "$tmp/h.md" '  indented code  '

check_piped_stderr() {
	! grep -qi 'refused\|error' "$tmp/run.err"
}
tap_check "the piped interview took every command" check_piped_stderr

check_bad_tree_template() {
	printf '{{#x}}\n' >"$tmp/tree/own.md" &&
	status 1 "$WHYLINE" brief "$own" &&
	grep -qE "own.md:1:1: error: " "$tmp/st.err"
}
tap_check "an invalid tree template: exit 1 with its place" check_bad_tree_template

tap_check "brief of the piped session: nothing on stderr" sh -c "[ ! -s '$tmp/p.err' ]"

check_share_template() {
	"$WHYLINE" brief --share --template "$data/template.md" "$p" >"$tmp/ts.out" &&
	lacks "$tmp/ts.out" "## Flags" && lacks "$tmp/ts.out" "## Notes" &&
	lacks "$tmp/ts.out" "## Changes" && has "$tmp/ts.out" "No answer changed."
}
tap_check "--share empties notes, flags and changes in a template's context" check_share_template

check_no_session() {
	status 1 "$WHYLINE" brief --db "$tmp/empty.db"
}
tap_check "no session at all: exit 1" check_no_session

# ---- the client's copy leaks nothing ----
# Every private answer, note, flag and skip reason of a call carries a
# marker; no --share format shows one, and the internal brief shows each.
check_leaks() {
	printf '%s\n' 'PUBLIC request' '/note NOTEMARK1 about it' 'PRIVMARK1 sent them' \
	    'n' 'PRIVMARK2 too small' 'Send the plan; Ann; 2027-01-15' \
	    '/skip PRIVMARK5 they would not say' 'PRIVMARK3 evasive' \
	    'PRIVMARK4 line one' 'line two' '' '' |
	    "$WHYLINE" run --db "$tmp/priv.db" "$data/private.yaml" --plain \
	    --client Priv >/dev/null 2>&1 || return 1
	sid=$(sqlite3 "$tmp/priv.db" 'SELECT id FROM sessions' 2>/dev/null) ||
	    sid=$("$WHYLINE" list --db "$tmp/priv.db" --json | jq -r '.[0].id')
	for f in md html text json walk; do
		case $f in
		walk) opts="--template $data/walk.md" ;;
		*) opts="--format $f" ;;
		esac
		"$WHYLINE" brief --db "$tmp/priv.db" $opts --share >"$tmp/leak.$f" || return 1
		"$WHYLINE" brief --db "$tmp/priv.db" $opts >"$tmp/full.$f" || return 1
		for m in PRIVMARK1 PRIVMARK2 PRIVMARK3 PRIVMARK4 PRIVMARK5 NOTEMARK1 \
		    FLAGMARK1 FLAGMARK2 "$sid"; do
			if grep -q "$m" "$tmp/leak.$f"; then
				echo "--share --format $f shows $m"
				return 1
			fi
		done
		grep -q 'PUBLIC request' "$tmp/leak.$f" || { echo "$f: no public answer"; return 1; }
		for m in PRIVMARK1 PRIVMARK2 PRIVMARK3 PRIVMARK4 NOTEMARK1 FLAGMARK1 FLAGMARK2; do
			if ! grep -q "$m" "$tmp/full.$f"; then
				echo "the internal $f brief lacks $m"
				return 1
			fi
		done
	done
	grep -q PRIVMARK5 "$tmp/full.md"
}
tap_check "--share shows no private answer, note, flag, skip reason or session id, in any format" check_leaks

check_actions() {
	has "$tmp/full.md" "### Next steps" &&
	has "$tmp/full.md" "- Send the plan (Ann, by 15 January 2027)" &&
	jq -e '.sessions[0].answers.next == {"action": "Send the plan", "owner": "Ann", "due": "2027-01-15"}' \
	    "$tmp/full.json" >/dev/null &&
	"$WHYLINE" export --db "$tmp/priv.db" --format csv | tr -d '\r' |
	    grep -qF ',Send the plan,Ann,2027-01-15'
}
tap_check "a next step: in the summary, and as fields in JSON and CSV" check_actions

check_action_invalid() {
	printf '%s\n' 'PUBLIC' 'x' 'n' 'y' 'Send it; Ann; 2027-02-29' 'Send it; Ann; 2027-13-02' \
	    'Send it; Ann; 27-02-28' 'Send it; Ann' 'Send it; Ann; 2027-02-28' |
	    "$WHYLINE" run --db "$tmp/act.db" "$data/private.yaml" --plain >/dev/null 2>"$tmp/act.err"
	grep -qF "'2027-02-29' is not a date: February 2027 has 28 days" "$tmp/act.err" &&
	grep -qF "'2027-13-02' is not a date: there is no month 13 (months go from 01 to 12)" "$tmp/act.err" &&
	grep -qF "'27-02-28' is not a date: write it as YYYY-MM-DD" "$tmp/act.err" &&
	! grep -qF "'2027-02-29' is not a date: write it" "$tmp/act.err" &&
	grep -q "separated by semicolons" "$tmp/act.err" &&
	"$WHYLINE" export --db "$tmp/act.db" | jq -e '.sessions[0].answers.next.due == "2027-02-28"' >/dev/null
}
tap_check "a next step is checked as typed: a real date, and three parts" check_action_invalid

check_open_na() {
	printf '%s\n' 'PUBLIC' 'x' 'y' '/skip nobody knows yet' '/skip n/a' '' '' |
	    "$WHYLINE" run --db "$tmp/na.db" "$data/private.yaml" --plain >/dev/null 2>&1
	"$WHYLINE" brief --db "$tmp/na.db" >"$tmp/na.md"
	lacks "$tmp/na.md" "Venue" && lacks "$tmp/na.md" "Gut feeling" &&
	has "$tmp/na.md" "- **Next step:** skipped: nobody knows yet"
}
tap_check "open items: a skip with a reason is one; n/a, or passed over, is not" check_open_na

check_open_required() {
	printf '%s\n' '/note only a note' |
	    "$WHYLINE" run --db "$tmp/req.db" "$data/private.yaml" --plain >/dev/null 2>&1
	"$WHYLINE" brief --db "$tmp/req.db" >"$tmp/req.md" &&
	has "$tmp/req.md" "- **Request:** not answered yet"
}
tap_check "open items: a required question not answered yet (a paused call)" check_open_required

check_text() {
	"$WHYLINE" brief --format text "$p" >"$tmp/p.txt" &&
	has "$tmp/p.txt" "Summary" && has "$tmp/p.txt" "-------" &&
	has "$tmp/p.txt" "- Budget: A fixed amount" && lacks "$tmp/p.txt" "**" &&
	lacks "$tmp/p.txt" '\' && [ "$(awk '{ if (length($0) > 72) n++ } END { print n + 0 }' "$tmp/p.txt")" -eq 0 ]
}
tap_check "--format text: plain text, no Markdown, lines of at most 72 characters" check_text

# A title of wide characters is underlined to its width on a terminal:
# 日 and 本 two columns each, é as e with a combining acute one.
check_text_wide_title() {
	title=$(printf 'Cafe\314\201 \303\234n\303\257code \346\227\245\346\234\254')
	printf 'whyline: 1\nid: wide\ntitle: "%s"\nsections:\n  - id: s\n    title: "%s"\n    questions:\n      - {id: a, label: A, ask: A?}\n' \
	    "$title" "$title" >"$tmp/wide.yaml" &&
	printf 'answers:\n  a: yes\n' >"$tmp/wide-answers.yaml" &&
	w=$("$WHYLINE" run --db "$tmp/wide.db" "$tmp/wide.yaml" --answers "$tmp/wide-answers.yaml") &&
	"$WHYLINE" brief --db "$tmp/wide.db" --format text "$w" >"$tmp/wide.txt" &&
	[ "$(sed -n 1,2p "$tmp/wide.txt")" = "$title
=================" ] &&
	grep -qx -- "-----------------" "$tmp/wide.txt" || { cat "$tmp/wide.txt"; return 1; }
}
tap_check "--format text: a title's underline is as wide as the title on a terminal" check_text_wide_title

check_escapes() {
	"$WHYLINE" brief "$disc" >"$tmp/disc.md" &&
	grep -qF "A freelancer ran their P&L-driven ad campaign in 2025 (~2 posts a week)." "$tmp/disc.md"
}

check_correction() {
	has "$tmp/disc.md" "- **Main contact:** Meg O'Halloran" &&
	has "$tmp/disc.md" "- **Company:** Lumen Photo Studio GmbH" &&
	lacks "$tmp/disc.md" "Name spelled" &&
	has "$tmp/disc.md" "- **Underlying goal:** Enough bookings in winter to keep both photographers busy."
}

# The ladder's section headlines the goal in the client's words too, and
# keeps the rung they did not recognise as what the ladder reached: in
# every format, in a client's copy, and in a template's context.
check_restated_goal() {
	restated="Enough bookings in winter to keep both photographers busy."
	rung="A stable revenue stream all year"
	for f in md text html; do
		for share in "" --share; do
			"$WHYLINE" brief --format $f $share "$disc" >"$tmp/goal.$f" || return 1
			sed -n '/Underlying goal<\/h2>\|^## Underlying goal\|^Underlying goal$/,$p' "$tmp/goal.$f" |
			    sed -n 1,12p >"$tmp/goal-section.$f"
			# the text layout folds at 72 columns: read it joined
			tr '\n' ' ' <"$tmp/goal-section.$f" | tr -s ' ' >"$tmp/goal-joined.$f" &&
			grep -qF "$restated" "$tmp/goal-joined.$f" &&
			grep -qF "In the client's own words; the ladder reached: $rung" "$tmp/goal-joined.$f" &&
			lacks "$tmp/goal-section.$f" "**$rung**" &&
			lacks "$tmp/goal-section.$f" "<strong>$rung" &&
			! grep -qx "$rung" "$tmp/goal-section.$f" ||
			{ echo "$f $share:"; cat "$tmp/goal-section.$f"; return 1; }
		done
	done
	has "$tmp/goal-section.md" "**$restated**" &&
	# every line of the text brief within 72 columns, the aside too
	while IFS= read -r l; do
		[ "$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m)" -le 72 ] || { echo "too wide: $l"; return 1; }
	done <"$tmp/goal.text" &&
	printf '%s\n' '{{#ladders}}[{{goal}}|{{stated_goal}}|{{#goals}}{{.}};{{/goals}}]{{/ladders}}' \
	    >"$tmp/goal.mustache" &&
	"$WHYLINE" brief --template "$tmp/goal.mustache" "$disc" >"$tmp/goal.out" &&
	has "$tmp/goal.out" "[$restated|$rung|$restated;]"
}

check_units() {
	has "$tmp/disc.md" "- **Budget:** 25,000 EUR" &&
	has "$tmp/disc.md" "- **Target date:** 28 February 2027" &&
	has "$tmp/disc.md" "- **Tried before:** Yes" &&
	"$WHYLINE" brief --lang fr --locale-dir "${WHYLINE_LOCALE:-$(dirname "$(dirname "$WHYLINE")")/locale}" \
	    "$disc" >"$tmp/disc-fr.md" &&
	nb=$(printf '\302\240') &&
	has "$tmp/disc-fr.md" "- **Budget${nb}:** 25${nb}000${nb}EUR" &&
	has "$tmp/disc-fr.md" "- **Date cible${nb}:** 28 février 2027"
}

disc=$("$WHYLINE" run "$top_srcdir/interviews/discovery-call.yaml" \
    --answers "$data/discovery.yaml" --client "Lumen Photo Studio")
tap_check "Markdown leaves P&L and ~2 as typed" check_escapes
tap_check "a later answer corrects an earlier one everywhere in the brief" check_correction
tap_check "a restated goal heads the ladder's section, the rung kept as reached" check_restated_goal
tap_check "amounts with separators and unit, dates in words, Yes (and in French)" check_units

check_label_warning() {
	printf '%s\n' 'whyline: 1' 'id: t' 'title: T' 'sections:' '  - title: S' \
	    '    questions:' '      - {id: a, ask: What exactly did the client ask us for today?}' \
	    '      - {id: b, label: B, ask: What exactly did the client ask us for today?}' \
	    '      - {id: c, ask: Short?}' >"$tmp/labels.yaml"
	"$WHYLINE" check "$tmp/labels.yaml" 2>"$tmp/labels.err" &&
	[ "$(grep -c 'warning:' "$tmp/labels.err")" -eq 1 ] &&
	grep -q "labels.yaml:7:.*question 'a' is shown in the brief by its long 'ask'" "$tmp/labels.err"
}
tap_check "check warns about a question shown in a brief with only a long ask" check_label_warning

# The HTML brief printed by a real browser: its first page holds the
# summary and the next steps.
check_pdf() {
	"$WHYLINE" brief --format html "$disc" -o "$tmp/disc.html" &&
	mkdir "$tmp/chromium" &&
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$tmp/chromium" \
	    --no-pdf-header-footer --print-to-pdf="$tmp/disc.pdf" \
	    "file://$tmp/disc.html" >/dev/null 2>&1 &&
	pdftotext -f 1 -l 1 "$tmp/disc.pdf" "$tmp/page1.txt" &&
	grep -qx "Summary" "$tmp/page1.txt" &&
	grep -q "^Budget: 25,000 EUR" "$tmp/page1.txt" &&
	grep -qx "Next steps" "$tmp/page1.txt" &&
	grep -q "^Send the proposal with two options (Ann Consultant, by 20 November 2026)" "$tmp/page1.txt" ||
	{ cat "$tmp/page1.txt" 2>/dev/null | head -20; return 1; }
}
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	tap_check "the HTML brief printed by Chromium: the summary and next steps on page 1" check_pdf
else
	tap_skip "the HTML brief printed by Chromium: the summary and next steps on page 1" \
	    "no chromium or pdftotext (apt-get install chromium poppler-utils)"
fi

# ---- golden files: the brief of a full discovery call ----
# Every format, in English and French, internal and --share, compared with
# tests/data/brief/golden/ once the session's id and times are masked.
# WHYLINE_REGOLD=DIR writes them into DIR instead.
golden_norm() {
	sed -E -e "s/$disc/SESSION-ID/g" -e "s/$(echo "$disc" | cut -c1-8)/SHORT-ID/g" \
	    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
	    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}, [0-9]{2}:[0-9]{2}–[0-9]{2}:[0-9]{2} UTC/DATE/g' \
	    -e 's/"sha256": "[0-9a-f]{64}"/"sha256": "SHA"/' \
	    -e 's/content="whyline [^"]*"/content="whyline"/'
}
check_golden() {
	loc=${WHYLINE_LOCALE:-$(dirname "$(dirname "$WHYLINE")")/locale}
	bad=0
	for lang in en fr; do
		for f in md html json text; do
			for share in "" --share; do
				name=discovery.$lang${share:+.share}.$f
				"$WHYLINE" brief --lang "$lang" --locale-dir "$loc" --format "$f" \
				    $share "$disc" | golden_norm >"$tmp/$name" || return 1
				if [ -n "${WHYLINE_REGOLD:-}" ]; then
					cp "$tmp/$name" "$WHYLINE_REGOLD/$name"
				elif ! cmp -s "$data/golden/$name" "$tmp/$name"; then
					echo "$name differs:"
					diff "$data/golden/$name" "$tmp/$name" | head -10
					bad=1
				fi
			done
		done
	done
	[ "$bad" -eq 0 ]
}
tap_check "golden files: md, html, json, text; English, French; internal, --share" check_golden

# ---- the HTML against cmark ----
# The HTML used to be cmark's (safe, validating UTF-8) of the Markdown
# brief; it is now written straight from the layout. For every session
# here (the test calls, hostile answers, a discovery call, and a call on
# each other shipped tree), in English and French, internal and --share,
# it must be what cmark makes of the Markdown, byte for byte.
check_html_cmark() {
	loc=${WHYLINE_LOCALE:-$(dirname "$(dirname "$WHYLINE")")/locale}
	five=$(printf '%s\n' 'Instagram posts & <b>ads</b>' 'y' 'Ads in 2025' 'no bookings' '' \
	    'More bookings' '/also Less idle staff' 'Stable revenue' '/goal' 'Fewer sick days' \
	    '/stuck' 'n' 'Steady income all year' 'Referrals' '' 'Bookings a month' |
	    "$WHYLINE" run "$top_srcdir/interviews/five-whys.yaml" --plain --client 'Five #' \
	    2>&1 >/dev/null | sed -n 's/.*whyline resume \([0-9a-f]*\).*/\1/p')
	prefs=$(printf '%s\n' 'Meg O"Halloran' 'y' 'Meg O Halloran' 'meg' 'Lumen & Co' |
	    "$WHYLINE" run "$top_srcdir/interviews/client-preferences.yaml" --plain \
	    --client Prefs 2>&1 >/dev/null | sed -n 's/.*whyline resume \([0-9a-f]*\).*/\1/p')
	[ -n "$five" ] && [ -n "$prefs" ] || return 1
	for s in "$a" "$p" "$h" "$disc" "$five" "$prefs"; do
		for lang in en fr; do
			for share in "" --share; do
				"$WHYLINE" brief --lang "$lang" --locale-dir "$loc" $share "$s" |
				    cmark --safe --validate-utf8 >"$tmp/cmark.html" &&
				"$WHYLINE" brief --lang "$lang" --locale-dir "$loc" --format html \
				    $share "$s" >"$tmp/page.html" || return 1
				sed -n '/^<main>$/,/^<\/main>$/p' "$tmp/page.html" | sed '1d;$d' \
				    >"$tmp/direct.html"
				[ -s "$tmp/direct.html" ] && same "$tmp/cmark.html" "$tmp/direct.html" ||
				    { echo "session $s, $lang $share"; return 1; }
			done
		done
	done
}
if command -v cmark >/dev/null 2>&1; then
	tap_check "HTML: what cmark makes of the Markdown brief, for every test session and shipped tree" \
	    check_html_cmark
else
	tap_skip "HTML: what cmark makes of the Markdown brief, for every test session and shipped tree" \
	    "no cmark (apt-get install cmark)"
fi

tap_done
