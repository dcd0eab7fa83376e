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

# raw FILE: FILE holds a byte that could act on a terminal: a C0 control
# but newline, DEL, a C1 control (in UTF-8 or as a byte), or a
# bidirectional override or isolate.
raw() {
	LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177\200-\237]')" "$1" ||
	    grep -q "$(printf '\342\200[\252-\256]\|\342\201[\246-\251]')" "$1"
}
# clean FILE: FILE holds none of them, and is valid UTF-8.
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

tap_done
