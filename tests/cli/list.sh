#!/bin/sh
# `whyline list`: one aligned line per session under a header, newest
# first; --client as a case-insensitive substring (accented capitals
# included) in which '%', '_' and '\' are plain characters; --tree;
# --open and --done (together a usage error); --json read back with jq;
# control characters of a client's name stripped; the header alone when
# nothing matches.

. "$top_srcdir/tests/cli/lib.sh"
command -v jq >/dev/null 2>&1 || tap_skip_all "jq is missing"
wl_need_sqlite3
wl_tmpdir list

data=$top_srcdir/tests/data/export
WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
TZ=UTC
export TZ

# new CLIENT [TREE ANSWERS]: a finished session.
new() {
	wl_run run "${2:-$data/tree.yaml}" --answers "${3:-$data/full.yaml}" --client "$1" >/dev/null 2>"$tmp/err" ||
	    tap_diag "$tmp/err"
}
# ids_of FILE: the first column of a list's lines, header left out.
ids_of() {
	sed 1d "$1" | cut -d' ' -f1 | tr '\n' ' '
}
# short CLIENT: the 8 first characters of that client's session id.
short() {
	wl_sql "$WHYLINE_DB" "SELECT substr(id, 1, 8) FROM sessions WHERE client = '$1'"
}

# ---- nothing yet ----

wl_run list >"$tmp/out" 2>"$tmp/err"
tap_is "an empty database lists with exit 0" "$?" 0
tap_is "an empty database lists the header alone" "$(cat "$tmp/out")" \
    "ID        CLIENT  TREE  STATUS  STARTED  ANSWERS"
tap_is "an empty database lists [] with --json" "$(wl_run list --json | jq -c .)" "[]"

# ---- the sessions, oldest first ----

new 'Acme Corp'
new 'ACME labs' "$data/other.yaml" "$data/other-answers.yaml"
new 'Émile Zola'
new '100% Natural'
new 'under_score'
new 'back\slash'
new "$(printf 'Evil\033[2J\033]0;x\007corp')"
new 'A client whose name is far too long to be shown whole'
# U+212A KELVIN SIGN: not ASCII, yet it folds to an ASCII 'k'.
new "$(printf '\342\204\252elvin Labs')"
printf '%s\n' 'Flyers' | wl_run run "$data/tree.yaml" --plain --client Plain >/dev/null 2>&1
all=$(wl_sql "$WHYLINE_DB" "SELECT substr(id, 1, 8) FROM sessions ORDER BY rowid DESC" | tr '\n' ' ')

wl_run list >"$tmp/out" 2>"$tmp/err"
tap_is "list exits 0" "$?" 0
tap_check "list writes nothing on stderr" test ! -s "$tmp/err"
tap_is "every session, newest first" "$(ids_of "$tmp/out")" "$all"
tap_check "no control character reaches the terminal" sh -c "! grep -q \"\$(printf '[\\033\\007]')\" '$tmp/out'"
tap_check "a client's name without its control characters" grep -q ' Evil\[2J\]0;xcorp ' "$tmp/out"
tap_check "a long client is cut to 32 characters" \
    grep -q " A client whose name is far too …  export-test " "$tmp/out"

if [ -w /dev/full ]; then
	wl_run list >/dev/full 2>"$tmp/err"
	tap_is "a write error fails, said once" "$? $(cat "$tmp/err")" \
	    "1 whyline: write error: No space left on device"
fi

# ---- one line, exactly ----

started=$(wl_sql "$WHYLINE_DB" "SELECT substr(started_at, 1, 10) || ' ' || substr(started_at, 12, 5) FROM sessions WHERE client = 'Acme Corp'")
wl_run list --client 'acme corp' >"$tmp/out" 2>"$tmp/err"
tap_is "a line: short id, client, tree, status, start, answers, aligned" "$(cat "$tmp/out")" \
"ID        CLIENT     TREE         STATUS  STARTED           ANSWERS
$(short 'Acme Corp')  Acme Corp  export-test  done    $started  10"

# ---- --client ----

tap_is "--client is a case-insensitive substring" \
    "$(wl_run list --client aCmE | ids_of /dev/stdin)" "$(short 'ACME labs') $(short 'Acme Corp') "
tap_is "--client folds accented capitals" \
    "$(wl_run list --client 'éMILE' | ids_of /dev/stdin)" "$(short 'Émile Zola') "
tap_is "--client of ASCII letters matches a name that has others before them" \
    "$(wl_run list --client 'ZOLA' | ids_of /dev/stdin)" "$(short 'Émile Zola') "
tap_is "--client of ASCII letters matches a character that folds to one" \
    "$(wl_run list --client 'kelvin' | ids_of /dev/stdin)" "$(short "$(printf '\342\204\252elvin Labs')") "
tap_is "--client takes '%' literally" \
    "$(wl_run list --client '%' | ids_of /dev/stdin)" "$(short '100% Natural') "
tap_is "--client takes '_' literally" \
    "$(wl_run list --client '_' | ids_of /dev/stdin)" "$(short 'under_score') "
tap_is "--client takes '\\' literally" \
    "$(wl_run list --client '\' | ids_of /dev/stdin)" "$(short 'back\slash') "
wl_run list --client 'no such client' >"$tmp/out"
tap_is "nothing matches: the header alone, exit 0" "$? $(wc -l <"$tmp/out")" "0 1"

# ---- --tree, --open, --done ----

tap_is "--tree" "$(wl_run list --tree other-tree | ids_of /dev/stdin)" "$(short 'ACME labs') "
tap_is "--tree with --client" "$(wl_run list --tree export-test --client acme | ids_of /dev/stdin)" \
    "$(short 'Acme Corp') "
tap_is "--open" "$(wl_run list --open | ids_of /dev/stdin)" "$(short Plain) "
tap_is "--done" "$(wl_run list --done | ids_of /dev/stdin)" "$(echo "$all" | cut -d' ' -f2-)"
wl_run list --open --done >"$tmp/out" 2>"$tmp/err"
tap_is "--open with --done is a usage error" "$?" 2
tap_check "the usage error leaves stdout empty" test ! -s "$tmp/out"
tap_is "the usage error says why" "$(head -n 1 "$tmp/err")" \
    "whyline: list: give --open or --done, not both"
wl_run list extra >"$tmp/out" 2>"$tmp/err"
tap_is "an argument is a usage error" "$?" 2

# ---- --json ----

wl_run list --json >"$tmp/out.json" 2>"$tmp/err"
tap_is "--json exits 0" "$?" 0
tap_is "--json: every session, newest first, full ids" \
    "$(jq -r '.[].id | .[0:8]' "$tmp/out.json" | tr '\n' ' ')" "$all"
tap_is "--json: full ids" "$(jq '[.[].id | length] | unique' -c "$tmp/out.json")" "[36]"
tap_is "--json: the fields" "$(jq -c '[.[] | keys_unsorted] | unique' "$tmp/out.json")" \
    '[["id","tree","client","consultant","language","status","started_at","finished_at","updated_at","answer_count"]]'
tap_is "--json: values and types" \
    "$(jq -c '.[] | select(.client == "Acme Corp") | [.tree.id, .tree.version, .status, .answer_count, (.finished_at | type)]' "$tmp/out.json")" \
    '["export-test","2.1","done",10,"string"]'
tap_is "--json: an open session" \
    "$(jq -c '.[] | select(.client == "Plain") | [.status, .finished_at, .answer_count]' "$tmp/out.json")" \
    '["open",null,1]'
tap_is "--json keeps a client's name as stored" \
    "$(jq -r '.[] | select(.client | startswith("Evil")) | .client' "$tmp/out.json")" \
    "$(printf 'Evil\033[2J\033]0;x\007corp')"
tap_is "--json with filters" "$(wl_run list --json --client acme --done | jq -c 'map(.client)')" \
    '["ACME labs","Acme Corp"]'

# ---- wide characters: columns, not bytes or characters ----
# 日 and 本 take two columns each, é one (and as e with a combining acute,
# one too): every column starts where the header's does; a long name is
# cut to whole characters within 32 columns, the ellipsis included.
(
	WHYLINE_DB=$tmp/wide.db
	new "$(printf 'Cafe\314\201 \303\234n\303\257code \346\227\245\346\234\254')"
	new 'ACME'
	new "$(printf '\346\227\245\346\234\254%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17)"
)
WHYLINE_DB=$tmp/wide.db wl_run list >"$tmp/out" 2>"$tmp/err"
wide() {
	wl_sql "$tmp/wide.db" "SELECT substr(id, 1, 8) FROM sessions WHERE rowid = $1"
}
tap_is "wide characters: TREE starts in the same column on every line" "$(cat "$tmp/out")" \
"ID        CLIENT                           TREE         STATUS  STARTED           ANSWERS
$(wide 3)  $(printf '\346\227\245\346\234\254%.0s' 1 2 3 4 5 6 7)$(printf '\346\227\245\342\200\246')  export-test  done    $started  10
$(wide 2)  ACME                             export-test  done    $started  10
$(wide 1)  $(printf 'Cafe\314\201 \303\234n\303\257code \346\227\245\346\234\254')                export-test  done    $started  10"

tap_done
