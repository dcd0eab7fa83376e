#!/bin/sh
# A client's known answers offered again in a real terminal (tmux): with
# --carry, the answer of the client's earlier call (another tree, the same
# question id) is on the readline line to edit, with the day of that
# call; the database holds nothing for it until Enter confirms it; text
# typed over it changes it; /skip typed over it is a command; an answer
# changed with /back after it was confirmed is no longer marked in the
# brief; with --discreet, a private question's offer waits for /show.

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir tmux-carry
. "$top_srcdir/tests/cli/tmux-lib.sh"

data=$top_srcdir/tests/data/carry
db=$tmp/db/carry.db
mkdir "$tmp/home"

# sql SQL: one query on the database.
sql() {
	wl_sql "$db" "$1"
}

# The earlier call, piped.
printf '%s\n' 'Zoë Martin' farming 12 'Bob' '' 'posts' 'bookings' '/goal' no '' | \
    WHYLINE_DB=$db timeout 60 "$WHYLINE" run "$data/first.yaml" --client 'Studio Lumen' \
    >/dev/null 2>&1
s1=$(sql "SELECT id FROM sessions")

{
	echo "trap : INT"
	echo "NO_COLOR=1 WHYLINE_DB='$db' HOME='$tmp/home'"
	echo "export NO_COLOR WHYLINE_DB HOME"
	echo "'$WHYLINE' run '$data/second.yaml' --client 'STUDIO LUMEN' --carry"
	echo 'echo "whyline exited $?"'
	echo 'exec sleep 3600'
} >"$tmp/call.sh"
tm new-session -d -s call -x 100 -y 50 "exec sh '$tmp/call.sh'"
socket=$(tm display-message -p '#{socket_path}' 2>/dev/null)
p=call

step "--carry says how many answers it offers" $p 'whyline: 4 answers from earlier calls with "STUDIO LUMEN" are offered'
step "the offer says which call it comes from" $p \
    '^  (from the call of [0-9-]*: edit it, or press Enter to confirm it)$'
step_last "the earlier answer is on the line to edit" $p '> Zoë Martin'
tap_is "nothing is stored while it is offered" \
    "$(sql "SELECT count(*) FROM sessions")|$(sql "SELECT count(*) FROM answers WHERE session_id <> '$s1'")" "1|0"
tm send-keys -t $p Enter
step "Enter confirms it, and says so" $p '^  Confirmed from the call of [0-9-]*\.$'
s2=$(sql "SELECT id FROM sessions WHERE id <> '$s1'")
tap_is "the confirmed answer is stored, with its carry event" \
    "$(sql "SELECT value FROM answers WHERE session_id = '$s2'")|$(sql "SELECT count(*) FROM events
    WHERE session_id = '$s2' AND kind = 'carry' AND detail LIKE 'contact $s1 %'")" "Zoë Martin|1"

step "the sector comes with nothing offered (farming is not a choice here)" $p 'Which sector are they in now?$'
step_last "an empty line to type on" $p '>'
tm send-keys -t $p -l 'retail'
tm send-keys -t $p Enter
step_last "the size is offered" $p '> 12'
tap_is "the size is not stored before it is answered" \
    "$(sql "SELECT count(*) FROM answers WHERE session_id = '$s2' AND question_id = 'size'")" 0
tm send-keys -t $p C-u
tm send-keys -t $p -l '15'
tm send-keys -t $p Enter
step_last "the team is offered" $p '> Bob'
tap_is "an answer typed over the offer is stored as typed, without a carry event" \
    "$(sql "SELECT value FROM answers WHERE session_id = '$s2' AND question_id = 'size'")|$(sql "SELECT
    count(*) FROM events WHERE session_id = '$s2' AND detail LIKE 'size %'")" "15|0"
tm send-keys -t $p -l '/skip'
tm send-keys -t $p Enter
step "/skip typed over the offer is a command" $p '^  Skipped "Team"\.$'
step_last "the request is offered" $p '> posts'
tm send-keys -t $p Enter
step "the request is confirmed" $p 'Why does "posts" matter?$'
tap_is "two carry events: the contact's and the request's" \
    "$(sql "SELECT count(*) FROM events WHERE session_id = '$s2' AND kind = 'carry'")" 2

# The request changed after it was confirmed: no longer marked.
tm send-keys -t $p -l '/back'
tm send-keys -t $p Enter
step_last "/back offers the confirmed request" $p '> posts'
tm send-keys -t $p C-u
tm send-keys -t $p -l 'ads'
tm send-keys -t $p Enter
step "the ladder asks about the new request" $p 'Why does "ads" matter?$'
tm send-keys -t $p -l 'reach'
tm send-keys -t $p Enter
tm send-keys -t $p -l '/goal'
tm send-keys -t $p Enter
step "every question is answered" $p 'All questions are answered'
tm send-keys -t $p Enter
step "whyline exits 0" $p '^whyline exited 0$'

WHYLINE_DB=$db timeout 60 "$WHYLINE" brief "$s2" >"$tmp/brief" 2>&1
tap_is "the brief marks the contact, not the request changed since" \
    "$(grep -c 'confirmed from the call of' "$tmp/brief")|$(grep -c '^- \*\*Contact:\*\* Zoë Martin \*(confirmed' "$tmp/brief")|$(grep -c 'ads \*(confirmed' "$tmp/brief")" \
    "1|1|0"
WHYLINE_DB=$db timeout 60 "$WHYLINE" export "$s2" >"$tmp/json" 2>&1
tap_is "the export's carried lists the contact only" \
    "$(python3 -c 'import json,sys; print(",".join(c["question"] for c in json.load(open(sys.argv[1]))["sessions"][0]["carried"]))' "$tmp/json")" \
    "contact"

# --discreet: an answer offered at a private question is not on the line
# until /show.
WHYLINE_DB=$db timeout 60 "$WHYLINE" run "$top_srcdir/interviews/discovery-call.yaml" \
    --client 'Lumen Photo Studio' --answers "$top_srcdir/tests/data/brief/discovery.yaml" \
    >/dev/null 2>&1
sed "s|run '$data/second.yaml' --client 'STUDIO LUMEN' --carry|run '$top_srcdir/interviews/discovery-call.yaml' --client 'Lumen Photo Studio' --carry --discreet|" \
    "$tmp/call.sh" >"$tmp/discreet.sh"
tm new-session -d -s discreet -x 100 -y 50 "exec sh '$tmp/discreet.sh'"
p=discreet
step_last "the contact is offered" $p '> Meg Halloran'
for i in 2 3 4 5 6; do
	tm send-keys -t $p Enter
	tm_wait $p "^\\[$i/" || echo "question $i did not come" | tap_diag
done
step "the private question is hidden, its offer named" $p \
    '^  (an answer from an earlier call is offered: /show to read it)$'
step_last "and not on the line" $p '>'
tm send-keys -t $p -l '/show'
tm send-keys -t $p Enter
step_last "/show puts it on the line" $p '> Someone referred them'

tap_done
