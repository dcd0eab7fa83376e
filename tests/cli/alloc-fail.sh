#!/bin/sh
# Allocation failure at every allocation whyline's own code makes (util.c's
# xmalloc family; WHYLINE_ALLOC_FAIL=N fails the Nth) during a check, a
# replay and a brief: each run ends with "whyline: out of memory" and a
# non-zero exit (an abort right after the message), and the database stays
# sound, with every earlier answer in it. Libraries that allocate on their
# own (SQLite, libyaml, cmark, readline) are outside this test.
#
# A heavy test: with WHYLINE_SKIP_HEAVY set (scripts/test sets it for the
# sanitizer build and distcheck; the normal build runs every point) only
# every 25th allocation fails, and no sanitizer report may appear.

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir alloc-fail
wl_need_sqlite3
step=1
[ -z "${WHYLINE_SKIP_HEAVY:-}" ] || step=25

data=$top_srcdir/tests/data/brief
tree=$top_srcdir/interviews/discovery-call.yaml
db=$tmp/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB

# An earlier session, whose answers must survive every failure.
first=$(wl_run run "$data/call.yaml" --answers "$data/answers.yaml" 2>"$tmp/err")
tap_check "an earlier session is stored" test -n "$first"
earlier() {
	wl_sql "$db" "SELECT count(*), group_concat(question_id || '=' || coalesce(value, ''), ';')
	    FROM (SELECT * FROM answers WHERE session_id = '$first' ORDER BY id)"
}
before=$(earlier)

# count ARG...: the allocations one run makes.
count() {
	WHYLINE_ALLOC_COUNT=1 "$WHYLINE" "$@" 2>&1 >/dev/null |
	    sed -n 's/^whyline: \([0-9]*\) allocations$/\1/p'
}

# sweep WHAT DBCHECK ARG...: fails each allocation of `whyline ARG...` in
# turn; DBCHECK (yes or no) checks the database after each.
sweep() {
	what=$1 dbcheck=$2
	shift 2
	n=$(count "$@")
	if [ -z "$n" ] || [ "$n" -lt 10 ]; then
		tap_fail "$what: the allocations are counted (got '${n:-none}')"
		return
	fi
	bad=0 badsaid=0 baddb=0 i=1 tried=0
	: >"$tmp/failures"
	while [ "$i" -le "$n" ]; do
		WHYLINE_ALLOC_FAIL=$i timeout 60 "$WHYLINE" "$@" >/dev/null 2>"$tmp/err" </dev/null
		rc=$?
		if [ "$rc" -eq 0 ] || [ "$rc" -eq 124 ]; then
			bad=$((bad + 1))
			echo "allocation $i: exit $rc" >>"$tmp/failures"
		fi
		if ! grep -q '^whyline: out of memory$' "$tmp/err" ||
		    grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
			badsaid=$((badsaid + 1))
			echo "allocation $i: $(head -c 200 "$tmp/err")" >>"$tmp/failures"
		fi
		if [ "$dbcheck" = yes ] &&
		    [ "$(wl_sql "$db" "PRAGMA integrity_check")|$(earlier)" != "ok|$before" ]; then
			baddb=$((baddb + 1))
			echo "allocation $i: the database changed" >>"$tmp/failures"
		fi
		i=$((i + step))
		tried=$((tried + 1))
		sweeps_total=$((${sweeps_total:-0} + 1))
	done
	tap_is "$what: $tried of its $n allocations failing, each ends the run with a non-zero exit" "$bad" 0 ||
	    tap_diag "$tmp/failures"
	tap_is "$what: each says 'whyline: out of memory'" "$badsaid" 0 || tap_diag "$tmp/failures"
	if [ "$dbcheck" = yes ]; then
		tap_is "$what: after each, integrity_check is ok and every earlier answer is there" \
		    "$baddb" 0 || tap_diag "$tmp/failures"
	fi
}

sweep "check of discovery-call.yaml" no check "$tree"
sweep "a replay of an answers file" yes run "$data/call.yaml" --answers "$data/answers.yaml"
sweep "a brief in Markdown" yes brief "$first"
sweep "a brief in HTML" yes brief --format html "$first"
sweep "a brief from a template" yes brief --template "$data/template.md" "$first"
tap_is "after the sweeps, the earlier session is whole" "$(earlier)" "$before"
echo "# $sweeps_total allocation failures injected" 

tap_done
