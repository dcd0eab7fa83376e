#!/bin/sh
# The manual pages whyline(1) and whyline-tree(5), as built: groff -ww
# finds nothing to warn about, man -l renders them without a warning, and
# they describe everything there is: each command and each option of its
# --help, each command of the interview, each environment variable the
# program reads, each key of the tree format.

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir man

command -v groff >/dev/null 2>&1 || tap_skip_all "groff is missing"
mandir=${WHYLINE%/src/whyline}/man
page1=$mandir/whyline.1
page5=$mandir/whyline-tree.5
tap_check "whyline.1 is built" test -s "$page1"
tap_check "whyline-tree.5 is built" test -s "$page5"

for page in "$page1" "$page5"; do
	name=${page##*/}
	groff -ww -z -man "$page" >"$tmp/out" 2>&1
	tap_is "$name: groff -ww -z: exit 0" "$?" 0
	tap_is "$name: groff -ww -z: no warning" "$(cat "$tmp/out")" ""
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man -l "$page" >"$tmp/out" 2>"$tmp/err"
		tap_is "$name: man -l: exit 0" "$?" 0
		tap_is "$name: man -l: nothing on standard error" "$(cat "$tmp/err")" ""
		tap_check "$name: man -l: the page has text" test "$(wc -l <"$tmp/out")" -gt 50
	else
		tap_skip "man is missing"
	fi
	tap_is "$name: every %VARIABLE% is filled" "$(grep -c '%[a-zA-Z]*%' "$page")" 0
done

# The page as text, one word per line, to look for names in.
groff -man -Tutf8 -P-cbou "$page1" 2>/dev/null | sed 's/‐/-/g' >"$tmp/page1.txt"
groff -man -Tutf8 -P-cbou "$page5" 2>/dev/null | sed 's/‐/-/g' >"$tmp/page5.txt"

missing=""
for cmd in $("$WHYLINE" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }'); do
	grep -qE "^ +whyline $cmd( |$)" "$tmp/page1.txt" || missing="$missing synopsis:$cmd"
	grep -qE "^       $cmd( |$)" "$tmp/page1.txt" || missing="$missing command:$cmd"
	for o in $("$WHYLINE" "$cmd" --help | grep -oE -- '^ +(-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+'); do
		grep -qE -- "^ +(-{1,2}[a-zA-Z-]+, )*$o( |,|$)" "$tmp/page1.txt" || missing="$missing $cmd:$o"
	done
done
tap_is "whyline.1: each command, in the synopsis and described, and each option" "$missing" ""

missing=""
for c in $(sed -n '/^static const char \*const commands\[\]/,/};/p' "$top_srcdir/src/term.c" | grep -oE '"/[a-z]+"' | tr -d '"'); do
	grep -qE "^ +$c( |$)" "$tmp/page1.txt" || missing="$missing $c"
done
tap_is "whyline.1: each command of the interview" "$missing" ""

missing=""
for v in $(cat "$top_srcdir"/src/*.c | grep -oE 'getenv\("[A-Z_]+"\)' | grep -oE '[A-Z_]{2,}' | sort -u); do
	[ "$v" = HOME ] && continue
	grep -qE "^ +([A-Z_]+, )*$v(,|$)" "$tmp/page1.txt" || missing="$missing $v"
done
tap_is "whyline.1: each environment variable the program reads" "$missing" ""

missing=""
for k in $(sed -n '/^static const struct key [a-z_]*keys\[\] = {/,/^};/p' "$top_srcdir/src/tree-load.c" |
    grep -oE '\{ "[a-z_]+"' | grep -oE '[a-z_]+' | sort -u); do
	grep -qE "^ +([a-z_]+, )*$k( |,|$)" "$tmp/page5.txt" || missing="$missing $k"
done
tap_is "whyline-tree.5: each key of the tree format" "$missing" ""

tap_done
