#!/bin/sh
# A live call in a real terminal (tmux), as a consultant types it while
# talking: /goal and /stuck after /back act on the rung the screen asks
# about; a command typed over an offered answer is a command; /drop removes
# the rung gone back to; the goal restated in the client's words is stored
# beside the rungs, exported and headlined in the brief; every command says
# what it did in one line; a one-line paragraph takes one Enter. At 60
# columns the intro, notes and flags are folded at spaces, a section's note
# comes under its heading, and the header shows the call's time with a
# section over its budget (times set in the database, not waited for).

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir tmux-call
. "$top_srcdir/tests/cli/tmux-lib.sh"

tree=$top_srcdir/tests/data/trees/call.yaml
mkdir "$tmp/home"

# start NAME DB COLUMNS [ARGS...]: tm_start, running the call tree by
# default.
start() {
	_n=$1 _db=$2 _cols=$3
	shift 3
	[ $# -gt 0 ] || set -- run "$tree" --client ACME
	tm_start "$_n" "$_db" "$_cols" "$@"
}

db=$tmp/db/call.db
start call "$db" 100 --locale-dir "$WHYLINE_LOCALE" run "$tree" --client ACME
p=call
step "the call begins" $p 'What did the client ask for?$'
keys $p 'Instagram posts' '/note ask about the budget'
step "/note says where the note went, by the question's text" $p '^  Note added to "Why is Instagram posts important to you?"\.$'
keys $p 'Younger audience' '/also word of mouth'
step "/also says the reason is noted and drilled later" $p \
    '^  Second reason noted: "word of mouth"; it is drilled after this chain\.$'
keys $p 'More customers' 'Stable revenue' 'Fear of losing motivation' '/back'
step "/back asks about the rung before the one offered" $p 'Why is Stable revenue important to you?$'
step_last "/back offers the answer on the line" $p '> Fear of losing motivation'

# A command typed over the offer is a command.
keys $p '/back'
step_last "/back typed over the offer goes back again" $p '> Stable revenue'
keys $p '/skip'
step "/skip typed over the offer is refused as a command" $p '^  the ladder has begun'
step_last "the offer is back on the line" $p '> Stable revenue'
keys $p '/help'
step "/help typed over the offer shows the help, with /drop" $p '^  /drop .*remove that reason'
tm send-keys -t $p Enter
step "Enter keeps the offer and goes on where the chain stands" $p \
    'Why is Fear of losing motivation important to you?$'
keys $p '/back'
step_last "/back offers the last rung again" $p '> Fear of losing motivation'
keys $p '/goal'
step "/goal after /back says the goal the screen asked about" $p '^  Goal: "Stable revenue"\.$'
tap_is "the goal is the rung asked about; the rung under it is set aside, kept" \
    "$(wl_sql "$db" "SELECT group_concat(value || ':' || (superseded_at IS NULL), ',')
    FROM (SELECT value, superseded_at FROM answers WHERE question_id = 'why' AND chain = 0 ORDER BY id)")|$(wl_sql "$db" \
    "SELECT stop FROM chains WHERE chain = 0 AND dropped_at IS NULL")" \
    "Younger audience:1,More customers:1,Stable revenue:1,Fear of losing motivation:0|goal"
tap_is "no answer holds a command typed over an offer" \
    "$(wl_sql "$db" "SELECT count(*) FROM answers WHERE value LIKE '%/%'")" 0

# /drop removes the rung gone back to.
step "the /also reason is drilled next" $p 'Why is word of mouth important to you?$'
keys $p 'cheaper than ads' '/back' '/drop'
step "/drop says what it removed" $p '^  Removed "cheaper than ads"\.$'
step "the reason is asked again" $p 'Why is word of mouth important to you?$'
tap_is "the removed rung is set aside, kept in the history" \
    "$(wl_sql "$db" "SELECT superseded_at IS NOT NULL FROM answers WHERE value = 'cheaper than ads'")" 1

# The goal restated in the client's words, at the confirmation.
tm send-keys -t $p Enter
step "an empty answer asks whether the rung is the goal, or the client's words" $p \
    'Is "word of mouth" the underlying goal? (yes/no, or the goal in the client.s words)$'
keys $p 'a bigger and steadier income'
step "the client's words are the goal" $p '^  Goal: "a bigger and steadier income"\.$'
tap_is "the restated goal is stored beside the rungs, which stay as asked" \
    "$(wl_sql "$db" "SELECT chain, stop, goal FROM chains WHERE dropped_at IS NULL ORDER BY chain")|$(wl_sql "$db" \
    "SELECT count(*) FROM answers WHERE question_id = 'why' AND superseded_at IS NULL")" \
    "0|goal|
1|goal|a bigger and steadier income|4"

# One Enter ends a one-line paragraph; Alt-Enter starts a new line.
step "the paragraph says how to type it on a terminal" $p 'Enter ends the answer; Alt-Enter starts a new line'
keys $p 'It went fine'
step "one Enter ends a one-line paragraph" $p 'What fee would you expect?$'
keys $p '/back'
tm send-keys -t $p C-a C-k 'first line' M-Enter
tm send-keys -t $p 'second line' Enter
# The question after it was on the screen already: the answer stored is
# what says the paragraph ended (a bounded poll).
story() {
	wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'story' AND superseded_at IS NULL"
}
_i=0
while [ "$(story)" = "It went fine" ] && [ "$_i" -lt 400 ]; do
	_i=$((_i + 1))
	wl_sleep_tick
done
tap_is "after Alt-Enter, Enter ends the answer: the paragraph holds both lines" "$(story)" "first line
second line"
keys $p '/skip not discussed'
step "/skip says what it skipped, by the question's text" $p '^  Skipped "What fee would you expect?": not discussed\.$'
keys $p '/stuck'
step "a ladder command elsewhere is refused" $p '^  /stuck is for a why ladder$'
keys $p '/lang fr'
step "/lang says the language" $p '^  Langue.*: français\.$'
keys $p '/pause'
step "the call pauses" $p '^whyline exited 0$'

"$WHYLINE" --db "$db" brief >"$tmp/brief.md" 2>"$tmp/brief.err"
tap_check "the brief headlines the goals, the restated one in the client's words" \
    sh -c 'grep -q "^\*\*Stable revenue\*\*" "$1" && grep -q "^\*\*a bigger and steadier income\*\*" "$1"' sh "$tmp/brief.md"
"$WHYLINE" --db "$db" export >"$tmp/export.json"
tap_check "the export holds the restated goal beside the rungs" \
    grep -q '"goal": "a bigger and steadier income"' "$tmp/export.json"

# ---- a narrow terminal: folding, notes under their heading ----

db2=$tmp/db/narrow.db
start narrow "$db2" 60
p=narrow
intro="We start from what the client asked for, then ask why until we reach the goal underneath it, a stable revenue stream or whatever it turns out to be."
step "the call begins at 60 columns" $p 'What did the client ask for?$'
tm capture-pane -p -t $p >"$tmp/narrow1"
tap_is "the intro is folded at spaces: no word is cut" \
    "$(sed -n '2,/^Type \/help/p' "$tmp/narrow1" | sed '$d' | tr '\n' ' ' | sed 's/ $//')" "$intro"
tap_is "no line of the screen is wider than the terminal" \
    "$(awk 'length($0) > 59' "$tmp/narrow1")" ""
keys $p 'Instagram posts' '/stuck'
step "the next section begins" $p '^== Context ==$'
tap_is "the section's note comes under its heading, folded and indented" \
    "$(tm capture-pane -p -t $p | sed -n '/^== Context ==$/,/What happened/p')" "== Context ==
Note: Listen for who decides, and ask about the budget
  last, once the goal is clear to everyone in the room.
[3/5, 0 min] What happened last time?"
tm send-keys -t $p 'We posted daily and nobody came' M-Enter
tm send-keys -t $p 'then we stopped' Enter
step "the flag quoting a two-line answer is shown" $p '^  \[Info\] Last time: We posted daily and nobody came$'
step "its second line keeps the flag's indent" $p '^    then we stopped$'
keys $p '/pause'
step "the narrow call pauses" $p '^whyline exited 0$'

# ---- the clock: the call's time, a section over its budget ----

# The call began at 10:00, the paragraph took until 10:07, the pause came at
# 10:08: eight minutes of call, seven of them in Context (budget 5).
wl_sql "$db2" "UPDATE events SET at = '2026-01-01T10:00:00.000Z' WHERE kind = 'start';
UPDATE events SET at = '2026-01-01T10:08:00.000Z' WHERE kind = 'pause';
UPDATE answers SET answered_at = '2026-01-01T10:00:00.000Z' WHERE question_id = 'request';
UPDATE answers SET answered_at = '2026-01-01T10:07:00.000Z' WHERE question_id = 'story';" >/dev/null
start clock "$db2" 100 resume
p=clock
step "resume shows the call's time and by how much the section is over its budget" $p \
    '^\[4/5, 8 min, Context: over by 2 min (budget 5 min)\] What fee would you expect?$'
keys $p '/progress'
step "/progress says what is left and the section's time" $p \
    '^  \.\. Context 1/3, 2 left (budget 5 min: over by 2 min)$'
keys $p '/pause'
step "the resumed call pauses" $p '^whyline exited 0$'
# Seconds over the budget are said as over, never as "5 of 5 min".
wl_sql "$db2" "UPDATE answers SET answered_at = '2026-01-01T10:05:15.000Z' WHERE question_id = 'story'" >/dev/null
start clock2 "$db2" 100 resume
p=clock2
step "a section a few seconds over its budget is over by 1 min" $p \
    '^\[4/5, [0-9]* min, Context: over by 1 min (budget 5 min)\] What fee would you expect?$'
keys $p '/pause'
step "that call pauses" $p '^whyline exited 0$'

# ---- a French session resumes in French, with the command it printed ----

: "${WHYLINE_LOCALE:=$(dirname "$(dirname "$WHYLINE")")/locale}"
five=$top_srcdir/interviews/five-whys.yaml
db3=$tmp/db/fr.db
start fr "$db3" 250 --db "$db3" --locale-dir "$WHYLINE_LOCALE" --lang fr run "$five"
p=fr
step "the call is in French" $p "Qu'a demandé le client, avec ses propres mots"
keys $p 'des publications' '/pause'
step "the pause names the command to go on, in French" $p '^En pause.*chaque réponse est enregistrée.*Reprenez avec'
cmd=$(tm capture-pane -p -J -t $p | sed -n 's/^En pause.*Reprenez avec[^/]*//p')
tap_is "the command is the program's own path (whyline is not on PATH), with the database and the catalogs" \
    "$cmd" "$(realpath "$WHYLINE") --db $(realpath "$db3") --locale-dir $(realpath "$WHYLINE_LOCALE") resume $(wl_sql "$db3" "SELECT substr(id, 1, 8) FROM sessions")"
{
	echo "HOME='$tmp/home' NO_COLOR=1; export HOME NO_COLOR; unset WHYLINE_DB WHYLINE_LOCALEDIR"
	echo "cd /"
	echo "$cmd"
	echo 'echo "whyline exited $?"'
	echo 'exec sleep 3600'
} >"$tmp/fr2.sh"
tm new-session -d -s fr2 -x 250 -y 50 "exec sh '$tmp/fr2.sh'"
p=fr2
step "the command as printed resumes the session" $p '^Reprise de .*Les cinq pourquoi'
step "in French: the tree's strings and whyline's own" $p 'Le client a-t-il déjà essayé'
keys $p '/pause'
step "it pauses" $p '^whyline exited 0$'
tap_is "the session is still French" "$(wl_sql "$db3" "SELECT language FROM sessions")" fr

# Without the catalogs, whyline says so once, on stderr, and goes on.
printf '/pause\n' | env -u WHYLINE_LOCALEDIR "$WHYLINE" --db "$db3" resume >"$tmp/fr.out" 2>"$tmp/fr.err"
tap_is "without its catalogs, the session goes on and says so once on stderr" \
    "$?|$(grep -c 'no catalog for the session.s language (fr) was found' "$tmp/fr.err")|$(grep -c 'no catalog' "$tmp/fr.out")" "0|1|0"

# --lang is refused at run only for a language nothing speaks.
"$WHYLINE" --db "$db3" --lang xx run "$five" </dev/null >"$tmp/xx.out" 2>"$tmp/xx.err"
tap_is "--lang xx is refused at run, listing the languages there are" \
    "$?|$(head -n 1 "$tmp/xx.err")" "2|whyline: no catalog for language 'xx' (neither whyline's nor the tree's); available: en"
"$WHYLINE" --db "$db3" --locale-dir "$WHYLINE_LOCALE" --lang xx run "$five" </dev/null 2>"$tmp/xx.err" >/dev/null
tap_check "with --locale-dir, the list names French" grep -q 'available: en, fr$' "$tmp/xx.err"
printf 'whyline: 1\nid: de\ntitle: Auf Deutsch\nlanguage: de\nsections:\n  - title: Eins\n    questions:\n      - {id: a, ask: Was?}\n' >"$tmp/de.yaml"
printf '/pause\n' | "$WHYLINE" --db "$db3" --lang de run "$tmp/de.yaml" >/dev/null 2>"$tmp/de.err"
tap_is "a tree written in a language is run in it without a catalog" "$?" 0
mkdir "$tmp/bin"
ln -s "$(realpath "$WHYLINE")" "$tmp/bin/whyline"
printf 'x\n/pause\n' | WHYLINE_DB="$tmp/path.db" PATH="$tmp/bin:$PATH" "$WHYLINE" --lang en run "$tree" >/dev/null 2>"$tmp/path.err"
tap_check "when whyline on PATH is this program, the pause names it so" \
    grep -q 'Go on with: whyline resume [0-9a-f]\{8\}$' "$tmp/path.err"

# ---- discreet mode: a shared screen ----

db4=$tmp/db/discreet.db
start discreet "$db4" 100 run "$tree" --client ACME --discreet
p=discreet
step "a discreet call begins" $p 'What did the client ask for?$'
keys $p 'Instagram posts' '/stuck' 'It went fine'
step "a raised flag is a one-line count" $p '^  1 new flag: /flags to read it$'
step "a private question's text stays off the screen" $p '^\[4/5, 0 min\] (a private question: /show to read it)$'
tap_check "neither the flag's text nor the private question is on the screen" \
    sh -c '! tmux -L "$1" -f /dev/null capture-pane -p -t discreet | grep -e "Last time" -e "What fee"' sh "$sock"
keys $p '/show'
step "/show shows the private question" $p '^\[4/5, 0 min\] What fee would you expect?$'
keys $p '/flags'
step "/flags lists the flags raised so far" $p '^  \[Info\] Last time: It went fine$'
keys $p '5000 a day' '/pause'
step "the discreet call pauses" $p '^whyline exited 0$'
"$WHYLINE" --db "$db4" brief --share >"$tmp/share.md" 2>&1
"$WHYLINE" --db "$db4" brief >"$tmp/team.md" 2>&1
tap_is "the client's copy leaves the private question out; the team's has it" \
    "$(grep -c '5000 a day' "$tmp/share.md")|$(grep -c '5000 a day' "$tmp/team.md")" "0|1"
"$WHYLINE" --db "$db4" brief --share --format json >"$tmp/share.json" 2>&1
tap_is "so does its JSON" "$(grep -c '5000 a day' "$tmp/share.json")|$(grep -c '"story"' "$tmp/share.json")" "0|1"
printf 'whyline: 1\nid: priv\ntitle: Private\nsections:\n  - title: Open\n    questions:\n      - {id: a, ask: Shared?}\n  - title: Red flags, for you only\n    private: true\n    questions:\n      - {id: b, ask: Hidden?}\n' >"$tmp/priv.yaml"
printf 'x\n/pause\n' | "$WHYLINE" --db "$tmp/db/priv.db" run --discreet --plain "$tmp/priv.yaml" >/dev/null 2>"$tmp/priv.err"
tap_is "in discreet mode a private section's heading and questions stay off the screen" \
    "$(grep -c -e 'for you only' -e 'Hidden' "$tmp/priv.err")|$(grep -c '^== (a private section) ==$' "$tmp/priv.err")" "0|1"
printf '/progress\nx\n/progress\n/pause\n' |
    "$WHYLINE" --db "$tmp/db/priv2.db" run --discreet --plain "$tmp/priv.yaml" >/dev/null 2>"$tmp/priv.err"
tap_is "in discreet mode /progress names a private section as its heading does, before it and in it" \
    "$(grep -c 'for you only' "$tmp/priv.err")|$(grep -c '^  \.\. (a private section) 0/1, 1 left$' "$tmp/priv.err")" "0|2"
printf '/progress\n' | "$WHYLINE" --db "$tmp/db/priv3.db" run --plain "$tmp/priv.yaml" >/dev/null 2>"$tmp/priv.err"
tap_check "without --discreet /progress names it" grep -q '^  \.\. Red flags, for you only 0/1, 1 left$' "$tmp/priv.err"

# ---- varied probes: a ladder's ask as a list, used in turn ----

printf '%s\n' posts no a b c /pause | "$WHYLINE" --db "$tmp/db/probe.db" run "$five" 2>"$tmp/probe.err" >/dev/null
tap_is "a ladder asks with each phrasing of its list in turn" \
    "$(sed -n 's/^\[3\/13, why [0-9]\/5\] //p' "$tmp/probe.err")" "Why is “posts” important to you?
What would “a” give you?
Why does “b” matter?
Why is “c” important to you?"
printf '%s\n' posts non a b /pause | "$WHYLINE" --db "$tmp/db/probe.db" --locale-dir "$WHYLINE_LOCALE" \
    --lang fr run "$five" 2>"$tmp/probe.err" >/dev/null
tap_check "each phrasing is translated" grep -q "pourquoi 2/5\] Qu'est-ce que" "$tmp/probe.err"
"$WHYLINE" pot "$five" >"$tmp/five.pot"
tap_check "the pot lists each phrasing" grep -q '^msgid "What would “{{rung}}” give you?"$' "$tmp/five.pot"

# ---- Ctrl-D pauses on the offered answer; elsewhere it deletes ----

printf 'whyline: 1\nid: keys\ntitle: Keys\nsections:\n  - title: Main\n    questions:\n      - {id: a, ask: First?}\n      - {id: b, ask: Second?}\n' >"$tmp/keys.yaml"
db5=$tmp/db/keys.db
start keys "$db5" 100 run "$tmp/keys.yaml"
p=keys
step "a call to try Ctrl-D on" $p 'First?$'
keys $p 'one' '/back'
tm_wait $p 'the earlier answer is offered'
step_last "/back offers the answer" $p '> one'
tm send-keys -t $p C-a C-d
step "Ctrl-D on the offered answer, at the start of the line, pauses" $p '^whyline exited 0$'
tap_is "and changes nothing: the answer stays, a pause is recorded" \
    "$(wl_sql "$db5" "SELECT group_concat(value) FROM answers")|$(wl_sql "$db5" "SELECT group_concat(kind, ' ') FROM events")" \
    "one|start pause"
start keys2 "$db5" 100 resume
p=keys2
step "resume goes on" $p 'Second?$'
keys $p '/back'
tm_wait $p 'the earlier answer is offered'
step_last "/back offers the answer again" $p '> one'
tm send-keys -t $p -l 'x'
tm send-keys -t $p C-a C-d
step_last "on an edited line Ctrl-D deletes the character under the cursor" $p '> nex'
tm send-keys -t $p Enter
step_last "the edited answer is taken: Second? is asked again, on an empty line" $p '>'
tm send-keys -t $p C-d
step "Ctrl-D on an empty line pauses" $p '^whyline exited 0$'
tap_is "the edited answer is the one stored" \
    "$(wl_sql "$db5" "SELECT value FROM answers WHERE superseded_at IS NULL")" "nex"

# ---- a paste of several lines: one line where one is asked ----

printf 'whyline: 1\nid: paste\ntitle: Paste\nsections:\n  - title: Main\n    questions:\n      - {id: a, ask: First?}\n      - {id: p, type: paragraph, ask: Story?}\n      - {id: b, ask: Second?}\n' >"$tmp/paste.yaml"
db6=$tmp/db/paste.db
start paste "$db6" 100 run "$tmp/paste.yaml"
p=paste
step "a call to paste into" $p 'First?$'
tm set-buffer -b lines "$(printf 'pasted one\npasted two')"
tm paste-buffer -p -b lines -t $p
tm send-keys -t $p Enter
step "the paste is taken as one answer" $p 'Story?$'
tm paste-buffer -p -b lines -t $p
tm send-keys -t $p Enter
step "a paste into a paragraph is one answer too" $p 'Second?$'
keys $p '/pause'
step "the paste call pauses" $p '^whyline exited 0$'
tap_is "a one-line answer has the pasted lines folded to spaces; a paragraph keeps them" \
    "$(wl_sql "$db6" "SELECT question_id || ':' || value FROM answers ORDER BY id")" "a:pasted one pasted two
p:pasted one
pasted two"

tap_done
