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

rm -f "$db" "$db-wal" "$db-shm"
printf 'abc\000def\nabc\n\n\n' | wl_run run "$optional" >"$tmp/out" 2>"$tmp/err"
tap_is "a NUL byte in piped input: the call goes on (exit 0)" "$?" 0
tap_check "a NUL byte in piped input: the line is refused, saying why" \
    grep -q "a line holding a NUL byte is not an answer" "$tmp/err"
tap_is "a NUL byte in piped input: never stored cut short; the next line is the answer" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'a'")" abc
tap_is "a NUL byte in piped input: refused at its question, which is asked again" \
    "$(sed -n '/A?$/,/B?$/p' "$tmp/err" | grep -c 'NUL byte\|^> ')" 3

# ---- 4: an answer's length is bounded, and a long one is never NULL ----

long=$(head -c 100000 /dev/zero | tr '\0' x)
printf 'a: %s\n' "$long" >"$tmp/long.yaml"
replay "$optional" "$tmp/long.yaml"
tap_is "an answer of 100,000 bytes: exit 0" "$rc" 0
tap_is "an answer of 100,000 bytes: stored whole" \
    "$(wl_sql "$db" "SELECT length(value) FROM answers WHERE question_id = 'a'")" 100000
"$WHYLINE" brief >"$tmp/brief.md" 2>"$tmp/brief.err"
tap_check "an answer of 100,000 bytes: the flag \$a IS NULL is not raised" \
    sh -c "! grep -q 'Nobody answered A' '$tmp/brief.md'"
printf 'a: %sxx\n' "$long" >"$tmp/longer.yaml"
replay "$optional" "$tmp/longer.yaml"
tap_is "an answer of 100,002 bytes: exit 1" "$rc" 1
tap_check "an answer of 100,002 bytes: refused, naming the question and the limit" \
    grep -q "question 'a': the answer is 100002 bytes long; an answer is at most 100000 bytes" "$tmp/err"
tap_is "an answer of 100,002 bytes: nothing stored" "$(sessions)" 0
rm -f "$db" "$db-wal" "$db-shm"
printf '%sxx\nshort\n\n\n' "$long" | wl_run run "$optional" >"$tmp/out" 2>"$tmp/err"
tap_is "typed, an answer too long is refused and asked again: exit 0" "$?" 0
tap_check "typed, an answer too long: the message says the limit" \
    grep -q "an answer is at most 100000 bytes" "$tmp/err"
tap_is "typed, an answer too long: the answer given after it is stored" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'a'")" short

# ---- 5: names and answers never put structure into the brief ----

rm -f "$db" "$db-wal" "$db-shm"
nl='
'
esc=$(printf '\033')
c1=$(printf '\302\302\223\223')
printf 'a: "%s- injected list item"\n' '\xC2\xC2\x93\x93' >"$tmp/c1.yaml"
wl_run run "$optional" --answers "$tmp/c1.yaml" --client "c$nl=$esc==" \
    --consultant "x$nl=$esc==" </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "a hostile consultant, client and answer: the run succeeds" "$?" 0
"$WHYLINE" brief --format html >"$tmp/brief.html" 2>"$tmp/brief.err"
tap_is "a setext underline after a name: no heading but the title" \
    "$(grep -c '<h1' "$tmp/brief.html")" 1
tap_check "joined C1 controls: no list item from the answer" \
    sh -c "! grep -q '<li>injected' '$tmp/brief.html' && grep -q 'injected list item' '$tmp/brief.html'"
printf '{{consultant}}\n\n{{client}}\n' >"$tmp/names.md"
"$WHYLINE" brief --format html --template "$tmp/names.md" >"$tmp/names.html" 2>"$tmp/names.err"
tap_check "{{consultant}} in a template: no heading" sh -c "! grep -q '<h[1-6]' '$tmp/names.html'"

# ---- 6: no escape from a file or an answer reaches the terminal ----

# no_controls FILE: FILE holds no ESC, BEL or other C0 control but newlines.
no_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1"
}
wl_run check "$data/escapes-unknown.yaml" >"$tmp/out" 2>"$tmp/err"
tap_check "an unknown key's name: reported" grep -q "unknown key" "$tmp/err"
tap_check "an unknown key's name: no escape reaches the terminal" no_controls "$tmp/err"
replay "$data/escapes.yaml" "$data/escapes-answer.yaml"
tap_check "an invalid answer quoted in an error: reported" grep -q "is not one of the choices" "$tmp/err"
tap_check "an invalid answer quoted in an error: no escape" no_controls "$tmp/err"
printf 'pick: a\n' >"$tmp/pick.yaml"
replay "$data/escapes.yaml" "$tmp/pick.yaml"
"$WHYLINE" brief >"$tmp/out" 2>"$tmp/err"
tap_check "a missing brief: path: reported" grep -q "the brief uses the default layout" "$tmp/err"
tap_check "a missing brief: path: no escape" no_controls "$tmp/err"

# ---- 7: /lang at the first prompt, before any answer ----

rm -f "$db" "$db-wal" "$db-shm"
printf '/lang fr\nhello\n\n\n' | wl_run run --locale-dir "$WHYLINE_LOCALE" "$optional" >"$tmp/out" 2>"$tmp/err"
tap_is "/lang before any answer: the call goes on (exit 0)" "$?" 0
tap_check "/lang before any answer: no 'no session' error" sh -c "! grep -q 'no session' '$tmp/err'"
tap_is "/lang before any answer: the session is stored in that language, with its answer" \
    "$(wl_sql "$db" "SELECT language FROM sessions")|$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'a'")" "fr|hello"

# ---- /lang and --lang name a language, never a path: a language is a
# folder of catalogs, and a catalog's formats are printf's ----

rm -f "$db" "$db-wal" "$db-shm"
printf '/lang ../../../tmp\nhello\n\n\n' | wl_run run --locale-dir "$WHYLINE_LOCALE" "$optional" >"$tmp/out" 2>"$tmp/err"
tap_check "/lang with a path: refused" grep -qF "'../../../tmp' is not a language, as in: /lang fr" "$tmp/err"
tap_is "/lang with a path: the session keeps its language, and its answer" \
    "$(wl_sql "$db" "SELECT coalesce(language, 'none') FROM sessions")|$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'a'")" "en|hello"
for ll in de german; do
	rm -f "$db" "$db-wal" "$db-shm"
	printf '/lang %s\nhello\n\n\n' "$ll" | wl_run run --locale-dir "$WHYLINE_LOCALE" "$optional" >"$tmp/out" 2>"$tmp/err"
	tap_check "/lang $ll (no catalog of whyline's or the tree's): refused as run --lang is, naming those there are" \
	    grep -qx "  no catalog for language '$ll' (neither whyline's nor the tree's); available: en, fr" "$tmp/err"
	tap_is "/lang $ll: the session keeps its language, and its answer" \
	    "$(wl_sql "$db" "SELECT coalesce(language, 'none') FROM sessions")|$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'a'")" "en|hello"
done
wl_run --lang ../x list >"$tmp/out" 2>"$tmp/err"
tap_is "--lang with a path: a usage error (exit 2)" "$?" 2
tap_check "--lang with a path: says why" grep -qF "whyline: --lang: '../x' is not a language, as in fr or pt_BR" "$tmp/err"
wl_run list --lang 'fr/../..' >"$tmp/out" 2>"$tmp/err"
tap_is "a command's --lang with a path: a usage error (exit 2)" "$?" 2

# ---- rows a tree no longer has, one of them with an empty question id
# (written by hand, or in a file from elsewhere): resume counts them and
# goes on, it does not loop ----

rm -f "$db" "$db-wal" "$db-shm"
printf 'first\n/pause\n' | wl_run run --plain "$optional" >/dev/null 2>&1
sid=$(wl_sql "$db" "SELECT id FROM sessions")
sed 's/^version: "1"$/version: "2"/' "$optional" >"$tmp/opt2.yaml"
wl_sql "$db" "UPDATE sessions SET tree_path = '$tmp/opt2.yaml';
    INSERT INTO answers (session_id, question_id, value, answered_at) VALUES
    ('$sid', 'zzz', 'x', '2026-11-30T11:35:36.000Z'),
    ('$sid', '', 'y', '2026-11-30T11:35:37.000Z')" >/dev/null
printf '/pause\n' | timeout 20 "$WHYLINE" resume --plain >"$tmp/out" 2>"$tmp/err"
tap_is "rows of no question, one with an empty id: resume pauses (exit 0), no loop" "$?" 0
tap_check "and it names the one it can, counting both" \
    grep -q "2 stored answers no longer fit it and are set aside (kept, not used): zzz$" "$tmp/err"

# ---- resume --lang with no catalog is refused before anything is
# written: the changed tree is not taken on ----

sha=$(wl_sql "$db" "SELECT tree_sha256 || ' ' || (SELECT count(*) FROM events) FROM sessions")
sed 's/^version: "1"$/version: "3"/' "$optional" >"$tmp/opt2.yaml"
printf '/pause\n' | wl_run resume --plain --lang xx >"$tmp/out" 2>"$tmp/err"
tap_is "resume --lang with no catalog: a usage error (exit 2)" "$?" 2
tap_is "and the session is as it was: its tree, its events" \
    "$(wl_sql "$db" "SELECT tree_sha256 || ' ' || (SELECT count(*) FROM events) FROM sessions")" "$sha"

# ---- --discreet: a finished call's refusal names a private question
# that has no answer without its text ----

cat >"$tmp/private.yaml" <<'TREE'
whyline: 1
id: private-done
title: Private
sections:
  - id: s
    title: S
    questions:
      - id: q1
        ask: The request?
      - id: q2
        ask: Secret salary of the client?
        private: true
TREE
printf 'q1: posts\nq2: a lot\n' >"$tmp/private-answers.yaml"
rm -f "$db" "$db-wal" "$db-shm"
wl_run run "$tmp/private.yaml" --answers "$tmp/private-answers.yaml" >/dev/null 2>&1
wl_sql "$db" "DELETE FROM answers WHERE question_id = 'q2'" >/dev/null
wl_run resume --plain --discreet </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "--discreet, a finished call with a private question open: refused (exit 1)" "$?" 1
tap_check "and the question is named without its text" sh -c \
    "grep -q 'a private question' '$tmp/err' && ! grep -q 'Secret salary' '$tmp/err'"

# ---- a call paused with --discreet says how to go on discreetly: the
# command it prints keeps a shared screen shared ----

rm -f "$db" "$db-wal" "$db-shm"
printf 'posts\n/pause\n' | wl_run run --plain --discreet "$tmp/private.yaml" >"$tmp/out" 2>"$tmp/err"
tap_check "--discreet: the pause's command resumes with --discreet" \
    grep -q "Go on with: .* resume --discreet [0-9a-f]\{8\}$" "$tmp/err"
printf 'posts\n/pause\n' | wl_run run --plain "$tmp/private.yaml" >"$tmp/out" 2>"$tmp/err"
tap_check "without --discreet: the command is plain resume" \
    grep -q "Go on with: .* resume [0-9a-f]\{8\}$" "$tmp/err"

# ---- 11: a read-only folder, a full disk, a brief: outside the tree ----

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	as_user() { "$@"; }
fi
mkdir "$tmp/ro"
chmod 711 "$tmp"
chmod 777 "$tmp/ro"
printf 'a: x\n' >"$tmp/a.yaml"
as_user env WHYLINE_DB="$tmp/ro/whyline.db" "$WHYLINE" run "$optional" --answers "$tmp/a.yaml" \
    >/dev/null 2>"$tmp/err"
chmod 555 "$tmp/ro"
as_user env WHYLINE_DB="$tmp/ro/whyline.db" "$WHYLINE" list >/dev/null 2>"$tmp/err"
tap_is "a read-only database folder: exit 3" "$?" 3
tap_check "a read-only database folder: the message says the folder cannot be written" \
    grep -q "ro/whyline.db: its folder cannot be written" "$tmp/err"
chmod 755 "$tmp/ro"

mkdir "$tmp/full"
# A file size limit of 0: every write fails, as on a full disk.
(
	trap '' XFSZ
	ulimit -f 0
	WHYLINE_DB=$tmp/full/whyline.db "$WHYLINE" run "$optional" --answers "$tmp/a.yaml" 2>&1
) 2>/dev/null | cat >"$tmp/full.err"
tap_check "a first run on a full disk: refused" grep -q "whyline: .*full/whyline.db" "$tmp/full.err"
tap_is "a first run on a full disk: no empty database is left behind" "$(ls "$tmp/full")" ""

mkdir "$tmp/tree"
sed 's/^version: "1"$/version: "1"\nbrief: ..\/secret.md/' "$optional" >"$tmp/tree/t.yaml"
printf 'SECRET {{client}}\n' >"$tmp/secret.md"
replay "$tmp/tree/t.yaml" "$tmp/a.yaml"
"$WHYLINE" brief --share >"$tmp/brief.md" 2>"$tmp/brief.err"
tap_check "a brief: outside the tree's folder is not read" sh -c "! grep -q SECRET '$tmp/brief.md'"
tap_check "a brief: outside the tree's folder: the warning says so" \
    grep -q "outside the tree's folder" "$tmp/brief.err"
sed 's/^version: "1"$/version: "1"\nbrief: \/etc\/hostname/' "$optional" >"$tmp/tree/t.yaml"
replay "$tmp/tree/t.yaml" "$tmp/a.yaml"
"$WHYLINE" brief --share >"$tmp/brief.md" 2>"$tmp/brief.err"
tap_check "a brief: naming /etc/hostname is not read" \
    sh -c "! grep -qF '$(cat /etc/hostname)' '$tmp/brief.md'"
printf 'OWN\n' >"$tmp/tree/own.md"
sed 's/^version: "1"$/version: "1"\nbrief: own.md/' "$optional" >"$tmp/tree/t.yaml"
replay "$tmp/tree/t.yaml" "$tmp/a.yaml"
tap_is "a brief: beside the tree is used" "$("$WHYLINE" brief)" "OWN"

# check reads the tree's brief: as brief would: one that is not there is a
# warning (brief uses the default layout), one that does not parse an
# error at its place in the template.
wl_run check "$tmp/tree/t.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "check: a brief: that parses: exit 0, nothing said" "$?|$(cat "$tmp/err")" "0|"
printf '# {{title}}\n{{#answers}}\n' >"$tmp/tree/own.md"
wl_run check "$tmp/tree/t.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "check: a brief: that does not parse: exit 1" "$?" 1
tap_check "check: it names the template's line and column" \
    grep -q "own.md:2:1: error: section \"answers\" is never closed" "$tmp/err"
rm "$tmp/tree/own.md"
wl_run check "$tmp/tree/t.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "check: a brief: that is not there: exit 0" "$?" 0
tap_check "check: a warning at the brief: key" \
    grep -q "t.yaml:[0-9]*:[0-9]*: warning: .*own.md: No such file or directory; the brief would use the default layout" "$tmp/err"

tap_done
