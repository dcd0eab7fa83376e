#!/bin/sh
# A client's known answers, offered again (run --carry, the tree's carry
# key), through plain lines: the latest answer of the same client (folded
# name) to the same question id in another session, of another tree, is
# offered with the day of its call; nothing is stored until an empty line
# confirms it or another answer replaces it; a confirmation is a carry
# event in the answer's transaction, marked in the internal brief (every
# format), listed in the export and in show, and left out of --share; a
# value the question no longer takes (a choice removed, a validate) is not
# offered; another client gets nothing; ladders and replays carry nothing.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir carry

data=$top_srcdir/tests/data/carry
db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS
day='[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}'

# sql SQL: one query on the database.
sql() {
	wl_sql "$db" "$1"
}

# ---- 1. earlier calls with the client, on the first tree ----

# An older call, whose contact a later call replaces.
printf '%s\n' 'Old Name' retail 3 'x' '' 'posts' '/skip' '' '' | \
    wl_run run "$data/first.yaml" --client 'Acme Ltd' >/dev/null 2>&1
# The latest call: the size is changed with /back, so 12 is its answer.
printf '%s\n' 'Ann Lee' farming 11 '/back' 12 'Bob' '' 'posts' 'bookings' '/goal' \
    yes www.acme.test '' | \
    wl_run run "$data/first.yaml" --client 'Acme Ltd' >/dev/null 2>"$tmp/err1"
tap_is "the first calls end" "$?" 0
s1=$(sql "SELECT id FROM sessions ORDER BY rowid DESC LIMIT 1")
tap_is "the first calls are stored" "$(sql "SELECT count(*) FROM sessions")" 2

# ---- 2. a later call on another tree, with --carry, line by line ----

wl_bg_start "$tmp/fifo" "$tmp/out2" "$tmp/err2" run "$data/second.yaml" \
    --client 'ACME LTD' --carry
tap_check "--carry says how many answers it offers" \
    wl_wait_count "$tmp/err2" '^whyline: 4 answers from earlier calls with "ACME LTD" are offered' 1
tap_check "the contact is offered with the day of its call, the latest one's" \
    wl_wait_count "$tmp/err2" "^  \(from the call of [0-9]{4}-[0-9]{2}-[0-9]{2}: Ann Lee; press Enter to confirm it\)$" 1
tap_is "nothing is stored before the offer is confirmed" \
    "$(sql "SELECT count(*) FROM sessions")|$(sql "SELECT count(*) FROM events WHERE kind = 'carry'")" "2|0"
wl_bg_send ''
tap_check "an empty line confirms it, and says so" \
    wl_wait_count "$tmp/err2" "^  Confirmed from the call of [0-9]{4}-[0-9]{2}-[0-9]{2}\.$" 1
s2=$(sql "SELECT id FROM sessions ORDER BY rowid DESC LIMIT 1")
tap_is "the confirmed answer is stored, with a carry event naming its source" \
    "$(sql "SELECT value FROM answers WHERE session_id = '$s2'")|$(sql "SELECT detail FROM events
    WHERE session_id = '$s2' AND kind = 'carry'" | cut -d' ' -f1,2)" "Ann Lee|contact $s1"
tap_is "the event and the answer share their time (one transaction)" \
    "$(sql "SELECT count(*) FROM events e JOIN answers a ON a.session_id = e.session_id
    AND a.answered_at = e.at WHERE e.kind = 'carry' AND a.question_id = 'contact'")" 1

# The sector's latest answer, farming, is not a choice here: no offer.
wl_wait_count "$tmp/err2" 'Which sector are they in now\?' 1
wl_bg_send 'retail'
tap_check "the size is offered next: its latest answer" \
    wl_wait_count "$tmp/err2" "^  \(from the call of [0-9-]*: 12; press Enter to confirm it\)$" 1
tap_is "a choice the tree no longer has is not offered" \
    "$(sed -n '/Which sector are they in now/,/How many people/p' "$tmp/err2" | grep -c '(from the call of')" 0
tap_is "the size is not stored before it is answered" \
    "$(sql "SELECT count(*) FROM answers WHERE session_id = '$s2' AND question_id = 'size'")" 0
wl_bg_send '15'
wl_wait_count "$tmp/err2" "^  \(from the call of [0-9-]*: Bob; press Enter to confirm it\)$" 1
tap_is "an answer typed over the offer replaces it: stored, no carry event" \
    "$(sql "SELECT value FROM answers WHERE session_id = '$s2' AND question_id = 'size'")|$(sql "SELECT
    count(*) FROM events WHERE session_id = '$s2' AND detail LIKE 'size %'")" "15|0"
tap_check "a paragraph's answer is offered at a text question of its id" \
    grep -q 'Bob; press Enter' "$tmp/err2"
wl_bg_send '/skip'
wl_wait_count "$tmp/err2" '^  Skipped "Team"\.$' 1
tap_is "/skip leaves the offered question unanswered" \
    "$(sql "SELECT coalesce(value, 'NULL') FROM answers WHERE session_id = '$s2' AND question_id = 'team'")|$(sql "SELECT
    count(*) FROM events WHERE session_id = '$s2' AND detail LIKE 'team %'")" "NULL|0"
wl_wait_count "$tmp/err2" "^  \(from the call of [0-9-]*: posts; press Enter" 1
wl_bg_send 'ads'
wl_wait_count "$tmp/err2" 'Why does "ads" matter\?' 1
wl_bg_send 'reach'
wl_bg_send '/goal'
wl_bg_send ''
wl_bg_close
wl_bg_wait
tap_is "the second call ends" "$wl_status" 0
tap_is "a ladder is not offered" \
    "$(sed -n '/Why does "ads" matter/,$p' "$tmp/err2" | grep -c '(from the call of')" 0
tap_is "one carry event: the contact's" \
    "$(sql "SELECT count(*) FROM events WHERE session_id = '$s2' AND kind = 'carry'")" 1

# ---- 3. the brief, the export and show say which answer was confirmed ----

wl_run brief "$s2" >"$tmp/md" 2>&1
tap_check "the brief marks the confirmed answer" \
    grep -q "^- \*\*Contact:\*\* Ann Lee \*(confirmed from the call of [0-9]* [A-Z][a-z]* [0-9]*)\*$" "$tmp/md"
tap_is "and only it" "$(grep -c 'confirmed from' "$tmp/md")|$(grep -c '^- \*\*People:\*\* 15$' "$tmp/md")" "1|1"
wl_run brief "$s2" --format text >"$tmp/txt" 2>&1
tap_check "the text brief too" grep -q "^- Contact: Ann Lee (confirmed from the call of" "$tmp/txt"
wl_run brief "$s2" --format html >"$tmp/html" 2>&1
tap_check "the HTML brief too" grep -q "Ann Lee <em>(confirmed from the call of" "$tmp/html"
wl_run --lang fr --locale-dir "$(dirname "$(dirname "$WHYLINE")")/locale" brief "$s2" >"$tmp/fr" 2>&1
tap_check "in French" grep -q "Ann Lee \*(confirmé d'après l'appel du" "$tmp/fr"
printf '%s\n' '{{#sections}}{{#answers}}{{id}}={{confirmed_from}};{{/answers}}{{/sections}}' >"$tmp/t.md"
wl_run brief "$s2" --template "$tmp/t.md" >"$tmp/tpl" 2>&1
tap_check "a template has the call's date on the answer" \
    grep -q "^contact=$day;sector=;size=;request=;$" "$tmp/tpl"
wl_run brief "$s2" --format json >"$tmp/json" 2>&1
tap_is "the JSON brief lists it under carried, with its source" \
    "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["sessions"][0]
print(";".join(c["question"] + " " + c["from_session"] + " " + str(c["from_at"] < c["at"]) for c in s["carried"]))' "$tmp/json")" \
    "contact $s1 True"
wl_run export "$s2" >"$tmp/export" 2>&1
tap_check "the export has the carry event" grep -q "\"kind\": \"carry\"" "$tmp/export"
for f in md text html json; do
	wl_run brief "$s2" --share --format $f >"$tmp/share.$f" 2>&1
done
tap_is "the client's copy has no marker, in any format" \
    "$(cat "$tmp"/share.* | grep -ci 'confirmed\|"carried"')|$(grep -c 'Ann Lee' "$tmp/share.md")" "0|1"
wl_run show "$s2" >"$tmp/show" 2>&1
tap_check "show says which answer was confirmed, and from which call" \
    grep -q "  contact confirmed from the call of $day (session $(echo "$s1" | cut -c1-8))$" "$tmp/show"

# ---- 4. another client, and a pause at the offer ----

printf '%s\n' '' | wl_run run "$data/second.yaml" --client 'Acme' --carry >/dev/null 2>"$tmp/err4"
tap_check "another client's name finds nothing, and says so" \
    grep -q '^whyline: no earlier answer of the client "Acme" to offer' "$tmp/err4"
tap_is "and nothing is offered" "$(grep -c '(from the call of' "$tmp/err4")" 0
n=$(sql "SELECT count(*) FROM answers")
: | wl_run run "$data/second.yaml" --client 'acme ltd' --carry >/dev/null 2>"$tmp/err5"
tap_is "a call paused at the offer stores no answer, and no carry" \
    "$(grep -c 'Ann Lee; press Enter' "$tmp/err5")|$(sql "SELECT count(*) FROM answers")|$(sql "SELECT
    count(*) FROM events WHERE kind = 'carry'")" "1|$n|1"

# ---- 5. the tree's carry key, --no-carry, a validate, resume ----

printf '%s\n' '' retail '' '' '' '' '' | \
    wl_run run "$data/second.yaml" --client 'Acme Ltd' >/dev/null 2>"$tmp/err6"
tap_is "without --carry, only the question the tree marks is offered" \
    "$(grep -c '(from the call of' "$tmp/err6")|$(grep -c 'Ann Lee; press Enter' "$tmp/err6")" "1|1"
printf '%s\n' 'Ann' retail '' '' '' '' '' | \
    wl_run run "$data/second.yaml" --client 'Acme Ltd' --no-carry >/dev/null 2>"$tmp/err7"
tap_is "--no-carry offers none" "$(grep -c '(from the call of' "$tmp/err7")" 0

# small.yaml carries its section but the contact and the website (with
# its follow-up); its size must be under 10.
printf '%s\n' 'Ann' '' '' yes '' '' | wl_run run "$data/small.yaml" --client 'Acme Ltd' >/dev/null 2>"$tmp/err8"
tap_is "a section's carry: its questions, not those that say no, nor their follow-ups" \
    "$(grep -c '(from the call of' "$tmp/err8")|$(grep -c 'retail; press Enter' "$tmp/err8")" "1|1"
tap_is "an answer the question's validate refuses (15) is not offered, nor an older one" \
    "$(grep -c ': 15; press\|: 12; press' "$tmp/err8")" 0

printf '%s\n' '' '/pause' | wl_run run "$data/second.yaml" --client 'Acme Ltd' --carry >/dev/null 2>&1
s9=$(sql "SELECT id FROM sessions ORDER BY rowid DESC LIMIT 1")
printf '%s\n' retail '' '/pause' | wl_run resume "$s9" --carry >/dev/null 2>"$tmp/err9"
tap_is "resume --carry offers from where the call stands" \
    "$(grep -c '15; press Enter' "$tmp/err9")|$(sql "SELECT value FROM answers WHERE session_id = '$s9'
    AND question_id = 'size'")" "1|15"

# The shipped trees: a discovery call, then a preferences call with the
# same client offers the facts it marks, with no option.
wl_run run "$top_srcdir/interviews/discovery-call.yaml" --client 'Lumen Photo Studio' \
    --answers "$top_srcdir/tests/data/brief/discovery.yaml" >/dev/null 2>&1
printf '%s\n' '' '' '' | wl_run run "$top_srcdir/interviews/client-preferences.yaml" \
    --client 'lumen photo studio' >/dev/null 2>"$tmp/err12"
tap_is "the shipped trees offer the contact, the company and the spelling" \
    "$(grep -c "^  (from the call of [0-9-]*: \(Meg Halloran\|Lumen Photo Studio\|Meg O'Halloran\);" "$tmp/err12")" 3

# --discreet: an answer offered at a private question stays off the
# screen until /show.
printf '%s\n' '' '' '' '' '' '/show' | wl_run run "$top_srcdir/interviews/discovery-call.yaml" \
    --client 'Lumen Photo Studio' --carry --discreet >/dev/null 2>"$tmp/err13"
sed -n '/(a private question: \/show to read it)/,/^> \/show$/p' "$tmp/err13" >"$tmp/hidden"
tap_is "--discreet keeps a private question's offer off the screen until /show" \
    "$(grep -c '^  (an answer from an earlier call is offered: /show to read it)$' "$tmp/hidden")|$(grep -c \
    'referred' "$tmp/hidden")|$(sed -n '/^> \/show$/,$p' "$tmp/err13" | grep -c 'Someone referred them; press Enter')" \
    "1|0|1"

# ---- 6. what --carry refuses, and a replay ----

wl_run run "$data/second.yaml" --carry </dev/null >/dev/null 2>"$tmp/err10"
tap_is "--carry without --client: a usage error" "$?|$(grep -c 'needs --client' "$tmp/err10")" "2|1"
wl_run run "$data/second.yaml" --client A --carry --no-carry </dev/null >/dev/null 2>&1
tap_is "--carry and --no-carry together: a usage error" "$?" 2
printf 'contact: Zed\nsector: health\n' >"$tmp/answers.yaml"
wl_run run "$data/second.yaml" --client 'Acme Ltd' --carry --answers "$tmp/answers.yaml" >/dev/null 2>&1
tap_is "--carry with --answers: a usage error" "$?" 2
s11=$(wl_run run "$data/second.yaml" --client 'Acme Ltd' --answers "$tmp/answers.yaml" 2>/dev/null)
tap_is "a replay stores what its file says, and carries nothing" \
    "$(sql "SELECT group_concat(question_id || '=' || value, ',') FROM answers
    WHERE session_id = '$s11' AND value IS NOT NULL")|$(sql "SELECT count(*) FROM events WHERE session_id = '$s11' AND kind = 'carry'")" \
    "contact=Zed,sector=health|0"

tap_done
