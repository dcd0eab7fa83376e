#!/bin/sh
# Hostile files and answers: each defect the hardening review found (SPEC
# and README "Reliability") is refused with a clear message and a non-zero
# exit, and changes nothing that was stored.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir hardening

data=$top_srcdir/tests/data/hardening
optional=$data/optional.yaml
db=$tmp/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB

# replay TREE FILE: `run --answers` on a new database; exit status in $rc.
replay() {
	rm -f "$db" "$db-wal" "$db-shm"
	wl_run run "$1" --answers "$2" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
# sessions: the number of stored sessions (0 when there is no database).
sessions() {
	if [ -f "$db" ]; then wl_sql "$db" "SELECT count(*) FROM sessions"; else echo 0; fi
}

# ---- 1: an answers file whose shape is not a mapping ----

for f in sessions-list.json sessions-list2.json; do
	replay "$optional" "$data/$f"
	tap_is "$f: exit 1" "$rc" 1
	tap_check "$f: says an answers file is a mapping" \
	    grep -q "an answers file is a mapping" "$tmp/err"
	tap_is "$f: nothing stored" "$(sessions)" 0
done

# ---- 8: a duplicate key is an error, and an error fails the run ----

replay "$optional" "$data/duplicate.yaml"
tap_is "duplicate key: exit 1" "$rc" 1
tap_check "duplicate key: named at its line" grep -q "duplicate.yaml:2:1: error: duplicate key 'a'" "$tmp/err"
tap_is "duplicate key: nothing stored" "$(sessions)" 0

# ---- 9: an answer is stored as given or refused ----

replay "$optional" "$data/multi-nested.yaml"
tap_is "multi with a list inside: exit 1" "$rc" 1
tap_check "multi with a list inside: the question is named" grep -q "question 'c'" "$tmp/err"
tap_is "multi with a list inside: nothing stored" "$(sessions)" 0

replay "$optional" "$data/nul.yaml"
tap_is "an answer with a NUL byte: exit 1" "$rc" 1
tap_check "an answer with a NUL byte: the question is named" grep -q "question 'a': the answer holds a NUL byte" "$tmp/err"
tap_is "an answer with a NUL byte: nothing stored" "$(sessions)" 0

tap_done
