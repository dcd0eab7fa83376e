#!/bin/sh
# Fault injection under SQLite: store-fault.c's VFS (WHYLINE_VFS_FAULT) fails
# the Nth write (as a full disk) or sync, once or from then on, at every
# point of a live interview and of a replay. Whatever fails: an answer
# reported saved (the next prompt shown) is in the database, what is stored
# is a prefix of what was typed, integrity_check says ok, an earlier
# session is intact, and once the fault is gone the same call (resume, or
# the replay again) finishes with every answer.
#
# A heavy test: with WHYLINE_SKIP_HEAVY set (the sanitizer build, distcheck)
# only every 10th point is tried.

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir vfs-fault
wl_need_sqlite3
step=1
[ -z "${WHYLINE_SKIP_HEAVY:-}" ] || step=10

data=$top_srcdir/tests/data/hardening
tree=$data/six.yaml
answers=$data/six-answers.yaml
db=$tmp/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS

printf '%s\n' one two three four five six '' >"$tmp/lines"
all="one;two;three;four;five;six"

# The base: a database holding one earlier session.
first=$(wl_run run "$tree" --answers "$answers" 2>"$tmp/err")
tap_check "an earlier session is stored" test -n "$first"
cp "$db" "$tmp/base.db"
earlier() {
	wl_sql "$db" "SELECT group_concat(value, ';') FROM (SELECT value FROM answers
	    WHERE session_id = '$first' AND superseded_at IS NULL ORDER BY id)"
}
# The answers of the newest session other than the first, in order.
newest() {
	wl_sql "$db" "SELECT group_concat(value, ';') FROM (SELECT value FROM answers
	    WHERE session_id = (SELECT id FROM sessions WHERE id <> '$first'
	    ORDER BY started_at DESC LIMIT 1) AND superseded_at IS NULL ORDER BY id)"
}
fresh() {
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$tmp/base.db" "$db"
}

# counts WHAT: the writes and syncs of one faultless run of WHAT.
counts() {
	fresh
	if [ "$1" = interview ]; then
		WHYLINE_VFS_FAULT=count wl_run run "$tree" <"$tmp/lines" >/dev/null 2>"$tmp/err"
	else
		WHYLINE_VFS_FAULT=count wl_run run "$tree" --answers "$answers" >/dev/null 2>"$tmp/err"
	fi
	sed -n 's/^whyline: \([0-9]*\) writes, \([0-9]*\) syncs$/\1 \2/p' "$tmp/err"
}

# interview FAULT: a piped interview under FAULT, then the checks, then a
# resume without it.
interview() {
	fresh
	WHYLINE_VFS_FAULT=$1 wl_run run "$tree" <"$tmp/lines" >/dev/null 2>"$tmp/err"
	rc=$?
	got=$(newest)
	shown=$(grep -c '^> ' "$tmp/err")
	if [ -z "$got" ]; then
		nstored=0
	else
		nstored=$(printf '%s\n' "$got" | awk -F';' '{ print NF }')
	fi
	why=""
	[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || why="$why exit $rc;"
	# Prompt k + 1 is shown once answer k is saved (the 7th asks to finish).
	[ "$nstored" -ge $((shown - 1 < 6 ? shown - 1 : 6)) ] || why="$why $shown prompts but $nstored stored;"
	case "$all;" in
	"$got;"*) ;;
	*) [ -z "$got" ] || why="$why stored '$got' is not what was typed;" ;;
	esac
	[ "$(wl_sql "$db" "PRAGMA integrity_check")" = ok ] || why="$why integrity_check;"
	[ "$(earlier)" = "$all" ] || why="$why the earlier session changed;"
	if [ "$rc" -ne 0 ]; then
		if [ "$nstored" -eq 0 ]; then
			wl_run run "$tree" <"$tmp/lines" >/dev/null 2>"$tmp/rerr"
		else
			tail -n "+$((nstored + 1))" "$tmp/lines" | wl_run resume >/dev/null 2>"$tmp/rerr"
		fi
		[ "$?" -eq 0 ] || why="$why the call without the fault failed;"
	fi
	[ "$(newest)" = "$all" ] || why="$why after the fault, '$(newest)' is stored;"
	[ -z "$why" ] || echo "interview, $1:$why" >>"$tmp/failures"
	points=$((points + 1))
}

# replay FAULT: a replay under FAULT, the checks, then the replay again.
replay() {
	fresh
	WHYLINE_VFS_FAULT=$1 wl_run run "$tree" --answers "$answers" >/dev/null 2>"$tmp/err"
	rc=$?
	why=""
	n=$(wl_sql "$db" "SELECT count(*) FROM sessions")
	case "$rc:$n" in
	0:2|3:1) ;;
	*) why="$why exit $rc with $n sessions;" ;;
	esac
	[ "$(wl_sql "$db" "PRAGMA integrity_check")" = ok ] || why="$why integrity_check;"
	[ "$(earlier)" = "$all" ] || why="$why the earlier session changed;"
	wl_run run "$tree" --answers "$answers" >/dev/null 2>"$tmp/rerr" ||
	    why="$why the replay without the fault failed;"
	[ "$(newest)" = "$all" ] || why="$why after the fault, '$(newest)' is stored;"
	[ -z "$why" ] || echo "replay, $1:$why" >>"$tmp/failures"
	points=$((points + 1))
}

: >"$tmp/failures"
points=0
for what in interview replay; do
	set -- $(counts "$what")
	writes=${1:-0} syncs=${2:-0}
	if [ "$writes" -lt 5 ] || [ "$syncs" -lt 1 ]; then
		tap_fail "$what: writes and syncs are counted (got '$writes' and '$syncs')"
		continue
	fi
	before=$points
	i=1
	while [ "$i" -le "$writes" ]; do
		"$what" "write:$i"
		"$what" "write:$i+"
		i=$((i + step))
	done
	i=1
	while [ "$i" -le "$syncs" ]; do
		"$what" "sync:$i"
		"$what" "sync:$i+"
		i=$((i + step))
	done
	tap_is "$what: $((points - before)) faults ($writes writes, $syncs syncs; once and from then on): nothing reported saved is lost, nothing else is stored, the database is sound, and the call works once the fault is gone" \
	    "$(grep -c "^$what," "$tmp/failures")" 0 || grep "^$what," "$tmp/failures" | head -n 20 | sed 's/^/#   /'
done
echo "# $points faults injected"

tap_done
