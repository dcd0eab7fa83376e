#!/bin/sh
# A database that is not whyline's, is newer than the program or is
# damaged is refused with exit 3 and one line, and left byte for byte as it
# was, with no file added beside it. Damage no open reads is found by the
# whole check after an unclean shutdown (a WAL file no live call holds). A new database is created with mode
# 0600, and the folders whyline creates for it with mode 0700.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir db-refuse

tree=$top_srcdir/tests/data/trees/interview.yaml
unset WHYLINE_DB WHYLINE_BUSY_TIMEOUT_MS

# The listing of a folder: names, sizes and modes.
listing() {
	(cd "$1" && ls -l | awk 'NR > 1 { print $1, $5, $NF }')
}

# Runs run and resume on the file FILE in the folder DIR and checks that
# both are refused with MESSAGE and leave the folder as it was.
refused() {
	name=$1 dir=$2 file=$3 message=$4
	mkdir "$tmp/keep"
	cp -p "$dir"/* "$tmp/keep/"
	before=$(listing "$dir")
	printf '%s\n' 'Instagram posts' |
	    WHYLINE_DB=$dir/$file wl_run run "$tree" >"$tmp/out" 2>"$tmp/err"
	tap_is "$name: run exits 3" "$?" 3
	tap_is "$name: run says why in one line" "$(cat "$tmp/err")" "whyline: $dir/$file: $message"
	tap_check "$name: run writes nothing to stdout" test ! -s "$tmp/out"
	wl_run resume --db "$dir/$file" </dev/null >"$tmp/out" 2>"$tmp/err"
	tap_is "$name: resume exits 3" "$?" 3
	tap_is "$name: resume says why in one line" "$(cat "$tmp/err")" "whyline: $dir/$file: $message"
	same=true
	for f in "$tmp/keep"/*; do
		case $f in *-shm) continue ;; esac
		cmp -s "$f" "$dir/${f##*/}" || same=false
	done
	tap_check "$name: the file is left byte for byte as it was" $same
	tap_is "$name: no file is added or removed beside it" "$(listing "$dir")" "$before"
	rm -rf "$tmp/keep"
}

# A whyline database with one session, made by whyline.
mkdir "$tmp/good"
printf '%s\n' 'Instagram posts' | WHYLINE_DB=$tmp/good/whyline.db wl_run run "$tree" >/dev/null 2>&1

# ---- files that are refused ----

mkdir "$tmp/text"
printf 'my notes\nnot a database\n' >"$tmp/text/notes.db"
refused "a text file" "$tmp/text" notes.db "not a whyline database"

mkdir "$tmp/foreign"
sqlite3 "$tmp/foreign/other.db" "CREATE TABLE sessions (id TEXT); INSERT INTO sessions VALUES ('x');"
refused "another program's SQLite database" "$tmp/foreign" other.db "not a whyline database"

# Its last writes are still in the WAL file: checkpointing them would
# change the database.
mkdir "$tmp/foreign-wal"
sqlite3 "$tmp/foreign-wal/other.db" "PRAGMA journal_mode = WAL;" ".dbconfig no_ckpt_on_close on" \
    "CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);" >/dev/null
if [ -s "$tmp/foreign-wal/other.db-wal" ]; then
	refused "another program's SQLite database with a WAL" "$tmp/foreign-wal" other.db \
	    "not a whyline database"
fi

mkdir "$tmp/newer"
cp "$tmp/good/whyline.db" "$tmp/newer/whyline.db"
sqlite3 "$tmp/newer/whyline.db" "PRAGMA user_version = 9999;"
refused "a database from a newer whyline" "$tmp/newer" whyline.db \
    "made by a newer whyline (schema version 9999, this one knows $(sqlite3 "$tmp/good/whyline.db" "PRAGMA user_version"))"

# A page of the answers table overwritten with garbage.
mkdir "$tmp/damaged"
cp "$tmp/good/whyline.db" "$tmp/damaged/whyline.db"
page=$(sqlite3 "$tmp/damaged/whyline.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'sessions'")
size=$(sqlite3 "$tmp/damaged/whyline.db" "PRAGMA page_size")
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
    dd of="$tmp/damaged/whyline.db" bs=1 seek=$(( (page - 1) * size )) conv=notrunc 2>/dev/null
cp -p "$tmp/damaged/whyline.db" "$tmp/damaged.copy"
printf '%s\n' 'Instagram posts' |
    WHYLINE_DB=$tmp/damaged/whyline.db wl_run run "$tree" >"$tmp/out" 2>"$tmp/err"
tap_is "a damaged database: run exits 3" "$?" 3
tap_check "a damaged database: run says it is damaged, in one line" sh -c \
    '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "^whyline: $2: the database is damaged: " "$1"' \
    sh "$tmp/err" "$tmp/damaged/whyline.db"
tap_check "a damaged database is left byte for byte as it was" \
    cmp -s "$tmp/damaged/whyline.db" "$tmp/damaged.copy"
tap_is "a damaged database: no file is added beside it" "$(ls "$tmp/damaged")" whyline.db

# ---- damage deep in the file: checked after an unclean shutdown ----

# A database of many events, with a leaf of the events table in the middle
# of the file overwritten: no page an open reads.
mkdir "$tmp/deep"
cp "$tmp/good/whyline.db" "$tmp/deep/whyline.db"
wl_sql "$tmp/deep/whyline.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 2000) INSERT INTO events (session_id, kind, detail, at)
    SELECT (SELECT id FROM sessions), 'note', printf('%0400d', i), '2024-01-01T00:00:00.000Z' FROM n;"
size=$(wl_sql "$tmp/deep/whyline.db" "PRAGMA page_size")
pages=$(wl_sql "$tmp/deep/whyline.db" "PRAGMA page_count")
leaf=$(wl_sql "$tmp/deep/whyline.db" "SELECT pageno FROM dbstat WHERE name = 'events'
    AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 100" 2>/dev/null)
[ -n "$leaf" ] || leaf=$((pages / 2))
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' |
    dd of="$tmp/deep/whyline.db" bs=1 seek=$(( (leaf - 1) * size )) conv=notrunc 2>/dev/null

cp "$tmp/deep/whyline.db" "$tmp/deep-live.db"
mkdir "$tmp/deep-merge"
cp "$tmp/deep/whyline.db" "$tmp/deep-merge/whyline.db"

# Closed cleanly: opening reads a few pages, not the whole file.
printf '%s\n' 'Instagram posts' | WHYLINE_DB=$tmp/deep/whyline.db wl_run run "$tree" >/dev/null 2>"$tmp/err"
tap_is "damage no open reads, file closed cleanly: a call starts and saves its answer" "$?" 0

# A process died with it open: its WAL file is still there. The next open
# checks the whole file, refuses it and leaves it as it was.
sqlite3 "$tmp/deep/whyline.db" ".dbconfig no_ckpt_on_close on" "UPDATE sessions SET client = 'x'" >/dev/null
if [ -s "$tmp/deep/whyline.db-wal" ]; then
	cp -p "$tmp/deep/whyline.db" "$tmp/deep.copy"
	cp -p "$tmp/deep/whyline.db-wal" "$tmp/deep.wal"
	printf '%s\n' 'Instagram posts' |
	    WHYLINE_DB=$tmp/deep/whyline.db wl_run run "$tree" >"$tmp/out" 2>"$tmp/err"
	tap_is "after an unclean shutdown: run exits 3" "$?" 3
	tap_check "after an unclean shutdown: run says the database is damaged, in one line" sh -c \
	    '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "^whyline: $2: the database is damaged: " "$1"' \
	    sh "$tmp/err" "$tmp/deep/whyline.db"
	wl_run list --db "$tmp/deep/whyline.db" >"$tmp/out" 2>"$tmp/err"
	tap_is "after an unclean shutdown: list exits 3 too" "$?" 3
	tap_check "after an unclean shutdown: the file and its WAL are left as they were" sh -c \
	    'cmp -s "$1" "$2" && cmp -s "$3" "$4"' sh "$tmp/deep/whyline.db" "$tmp/deep.copy" \
	    "$tmp/deep/whyline.db-wal" "$tmp/deep.wal"
else
	tap_skip "after an unclean shutdown" "this sqlite3 left no WAL file"
fi

# merge, which may write anywhere in its database, checks it all first.
cp -p "$tmp/deep-merge/whyline.db" "$tmp/deep-merge.copy"
wl_run merge --db "$tmp/deep-merge/whyline.db" "$tmp/good/whyline.db" >"$tmp/out" 2>"$tmp/err"
tap_is "merge into a file damaged where no open reads: exit 3" "$?" 3
tap_check "merge says the database is damaged, in one line" sh -c \
    '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "^whyline: $2: the database is damaged: " "$1"' \
    sh "$tmp/err" "$tmp/deep-merge/whyline.db"
tap_check "merge leaves the damaged file as it was, with nothing beside it" sh -c \
    'cmp -s "$1" "$2" && [ "$(ls "$3")" = whyline.db ]' sh "$tmp/deep-merge/whyline.db" \
    "$tmp/deep-merge.copy" "$tmp/deep-merge"

# The WAL file of a call still going on is no leftover: another command
# opening the file meanwhile does not check all of it either.
wl_bg_start "$tmp/fifo" "$tmp/live.out" "$tmp/live.err" run --db "$tmp/deep-live.db" "$tree"
wl_wait_count "$tmp/live.err" '^> ' 1
wl_bg_send 'Instagram posts'
wl_wait_count "$tmp/live.err" '^> ' 2
tap_check "during a call, its database has a WAL file" test -e "$tmp/deep-live.db-wal"
wl_run list --db "$tmp/deep-live.db" >"$tmp/out" 2>"$tmp/err"
tap_is "during a call, list beside it exits 0" "$?" 0
wl_bg_close
wl_bg_wait
tap_is "the call pauses with exit 0" "$wl_status" 0

# ---- paths that cannot be a database ----

mkdir "$tmp/adir.db"
printf 'x\n' | WHYLINE_DB=$tmp/adir.db wl_run run "$tree" >/dev/null 2>"$tmp/err"
tap_is "a folder given as the database: exit 3" "$?" 3
printf 'x\n' | WHYLINE_DB=$tmp/text/notes.db/whyline.db wl_run run "$tree" >/dev/null 2>"$tmp/err"
tap_is "a database under a file: exit 3" "$?" 3
tap_check "a database under a file: one line names it" sh -c \
    '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "^whyline: $2: " "$1"' \
    sh "$tmp/err" "$tmp/text/notes.db/whyline.db"

# ---- a new database: 0600, its new folders 0700 ----

mkdir "$tmp/existing"
chmod 755 "$tmp/existing"
(
	umask 000
	printf '%s\n' 'Instagram posts' |
	    WHYLINE_DB=$tmp/existing/new/deeper/whyline.db wl_run run "$tree" >/dev/null 2>&1
)
tap_is "a new database is made even with umask 000" "$?" 0
tap_is "the new database file has mode 0600" \
    "$(ls -l "$tmp/existing/new/deeper/whyline.db" | cut -c1-10)" "-rw-------"
tap_is "the folders whyline made have mode 0700" \
    "$(ls -ld "$tmp/existing/new" | cut -c1-10) $(ls -ld "$tmp/existing/new/deeper" | cut -c1-10)" \
    "drwx------ drwx------"
tap_is "a folder that was there keeps its mode" "$(ls -ld "$tmp/existing" | cut -c1-10)" "drwxr-xr-x"
tap_is "the new database is whyline's and sound" \
    "$(wl_sql "$tmp/existing/new/deeper/whyline.db" "PRAGMA integrity_check; PRAGMA journal_mode;
    SELECT count(*) FROM sessions")" "ok
wal
1"

# While a call is open, the WAL and shared-memory files are private too.
(
	umask 000
	WHYLINE_DB=$tmp/existing/live.db
	export WHYLINE_DB
	wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
	wl_wait_count "$tmp/err" '^> ' 1
	wl_bg_send 'Instagram posts'
	wl_wait_count "$tmp/err" '^> ' 2
	modes=
	for f in live.db live.db-wal live.db-shm; do
		[ -e "$tmp/existing/$f" ] && modes="$modes $(ls -l "$tmp/existing/$f" | cut -c1-10)"
	done
	wl_bg_close
	wl_bg_wait
	echo "$modes" >"$tmp/modes"
)
tap_is "during a call, the database, its WAL and its shared memory are 0600" \
    "$(cat "$tmp/modes")" " -rw------- -rw------- -rw-------"

tap_done
