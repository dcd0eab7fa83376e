#!/bin/sh
# A pseudo-locale: catalogs built here for language "xx" with every msgstr
# marked ([...]) from whyline's own sources and from a shipped tree, then an
# interview (with /help and /progress), list, show, a brief and graph, all
# in xx: no visible word may be left outside the marks, but data (answers,
# ids, dates, keys of the tree format).

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir pseudo

for tool in xgettext msgen msgfilter msgfmt; do
	command -v "$tool" >/dev/null 2>&1 || tap_skip_all "$tool is missing (gettext)"
done

loc=$tmp/loc
mkdir -p "$loc/xx/LC_MESSAGES"
# mark PO: each non-empty line of each msgstr of PO becomes [line].
mark() {
	msgen -o "$tmp/en.po" "$1" 2>/dev/null &&
	    msgfilter --keep-header -i "$tmp/en.po" -o "$tmp/xx.po" sed -e 's/^\(..*\)$/[\1]/' 2>/dev/null &&
	    msgfmt -o "$2" "$tmp/xx.po"
}
grep -v '^#' "$top_srcdir/po/POTFILES.in" >"$tmp/potfiles"
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
    --from-code=UTF-8 -f "$tmp/potfiles" -o "$tmp/whyline.pot") 2>/dev/null
tap_check "whyline's own catalog, marked" mark "$tmp/whyline.pot" "$loc/xx/LC_MESSAGES/whyline.mo"
tree=$top_srcdir/interviews/five-whys.yaml
wl_run pot "$tree" >"$tmp/tree.pot" 2>/dev/null
tap_check "the tree's catalog, marked" mark "$tmp/tree.pot" "$loc/xx/LC_MESSAGES/whyline-five-whys.mo"

WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
xx() {
	wl_run --lang xx --locale-dir "$loc" "$@"
}

# The interview: answers are made of words that cannot be mistaken for
# messages (zq...).
printf '%s\n' zqrequest /help /progress y zqtried '' zqwhy1 /goal /note zqnote \
    /progress >"$tmp/in"
xx run --plain --client Zqclient --consultant Zqconsultant "$tree" <"$tmp/in" \
    >"$tmp/run.out" 2>"$tmp/run.err"
tap_is "the interview in xx: exit 0" "$?" 0
# --lang after the command too, with LANGUAGE unset.
unset LANGUAGE
wl_run list --lang xx --locale-dir "$loc" >"$tmp/list.out" 2>&1
wl_run show --lang xx --locale-dir "$loc" >"$tmp/show.out" 2>&1
xx brief >"$tmp/brief.out" 2>&1
wl_run graph --lang xx --locale-dir "$loc" "$tree" >"$tmp/graph.dot" 2>&1
# DOT: only the labels are visible.
sed -n 's/.*label="\([^"]*\)".*/\1/p' "$tmp/graph.dot" >"$tmp/graph.out"

# What is left of a text once the marked parts and the data are gone:
# answers (zq...), ids, dates and times, the commands of the interview,
# conditions and their literals, the keys and values of the tree format.
unmarked() {
	sed -e 's/\\n/ /g' -e ':a' -e 's/\[[^][]*\]//g' -e 'ta' "$1" |
	    sed -E -e "s/'[^']*'//g; s/= [a-z0-9_-]+//g" -e 's/zq[a-z0-9]*|Zq[a-z]*//g' \
		-e 's/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|sha256 [0-9a-f]+|\b[0-9a-f]{8}\b//g' \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}(:[0-9]{2})?|\b[A-Z]{3,4}\b//g' \
		-e 's#/[a-z]+##g; s/\$[a-z_]+|\{\{[a-z_]+\}\}|\bhas\(//g' \
		-e 's/\b[a-z0-9]+([_-][a-z0-9]+)+\b|\bwhyline\b|\bxx\b//g' \
		-e 's/\b(text|paragraph|choice|multi|yesno|number|scale|ladder|note|risk|preference|info)\b//g' \
		-e 's/\b(request|why|success|constraints|budget|deadline|tradeoff|yes|no|IS|NOT|NULL|AND|OR)\b//g' |
	    grep -oE "[A-Za-z][A-Za-z'-]+" | sort -u | tr '\n' ' '
}
for f in run.err list.out show.out brief.out graph.out; do
	tap_check "$f is not empty" test -s "$tmp/$f"
	left=$(unmarked "$tmp/$f")
	tap_is "$f: every visible string is translated" "$left" ""
	[ -z "$left" ] || grep -nE "$(echo "$left" | sed 's/ *$//; s/ /|/g')" "$tmp/$f" | head -n 10 | tap_diag /dev/stdin
done

tap_done
