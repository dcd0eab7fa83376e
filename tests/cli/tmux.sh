#!/bin/sh
# The interview in a real terminal, driven through a private tmux server:
# typing, Tab completing choices and /commands but never file names, /back
# with the earlier answer on the line to edit, /also, Ctrl-C discarding a
# half-typed line, Ctrl-D pausing (in a paragraph too, which is kept), then
# `whyline resume` in the same pane finishing the call; colour on a
# terminal and none with NO_COLOR; a resize
# redraws the line for the new width; SIGTERM and SIGHUP pause; no answer
# is written to a history file. Every wait is a bounded poll of capture-pane.

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir tmux

tree=$top_srcdir/tests/data/trees/interview.yaml
. "$top_srcdir/tests/cli/tmux-lib.sh"

# make_pane NAME DB COLOUR: a script that runs `whyline run`, then `whyline
# resume`, in the pane, saying how each exited. Each program writes its pid
# to $tmp/NAME.run.pid and $tmp/NAME.resume.pid first (it execs in place),
# for the signal tests. The script ignores Ctrl-C's SIGINT, which the
# terminal sends to its whole process group (a shell without job control
# would die of it and close the pane). Nothing outlives the test: killing
# the server hangs up the pane, and SIGHUP pauses whyline.
make_pane() {
	if [ "$3" = colour ]; then nc='unset NO_COLOR'; else nc='NO_COLOR=1; export NO_COLOR'; fi
	cat >"$tmp/$1.sh" <<EOF
trap : INT
$nc
WHYLINE_DB='$2'
HOME='$tmp/home'
export WHYLINE_DB HOME
unset WHYLINE_BUSY_TIMEOUT_MS
cd '$tmp/cwd' || exit 1
sh -c 'echo \$\$ >"\$0"; exec "\$1" run "\$2" --client ACME' '$tmp/$1.run.pid' '$WHYLINE' '$tree'
echo "run exited \$?"
sh -c 'echo \$\$ >"\$0"; exec "\$1" resume' '$tmp/$1.resume.pid' '$WHYLINE'
echo "resume exited \$?"
exec sleep 3600
EOF
}

mkdir "$tmp/home" "$tmp/cwd"
# File names Tab would offer if it completed them.
: >"$tmp/cwd/Instagram-decoy.txt"
: >"$tmp/cwd/Tied-decoy.txt"
db=$tmp/db/colour.db
make_pane colour "$db" colour

tm new-session -d -s colour -x 120 -y 40 "exec sh '$tmp/colour.sh'"
socket=$(tm display-message -p '#{socket_path}' 2>/dev/null)
p=colour

# ---- typing, Tab, colour ----

step "the first prompt shows the section, the place and the question" $p \
    '^\[1/6, [0-9]* min\] What did the client ask for?$'
tap_check "the prompt is in colour on a terminal" \
    sh -c 'tmux -L "$1" -f /dev/null capture-pane -p -e -t colour | grep -q "$2"' sh "$sock" "$esc"
tap_check "the section heading is shown" tm_wait $p '^== The request ==$'

tm send-keys -t $p 'Insta' Tab 'X'
step_last "Tab never completes a file name (a text question has nothing to complete)" $p '> InstaX'
tm send-keys -t $p C-u 'Instagram posts' Enter
step "typing an answer and Enter goes on to the ladder, with 'why 1/3'" $p \
    '^\[2/6, why 1/3, [0-9]* min\] Why does the client want Instagram posts?$'

tm send-keys -t $p '/al' Tab
step_last "Tab completes a /command" $p '> /also'
tm send-keys -t $p ' word of mouth' Enter
tm send-keys -t $p '/s' Tab Tab
step "Tab Tab lists the /commands that begin with what is typed" $p '/skip.*/stuck'
tm send-keys -t $p C-u 'more bookings' Enter
step "after /also, the ladder goes on" $p \
    '^\[2/6, why 2/3, [0-9]* min\] Why does the client want more bookings?$'

# ---- /back offers the earlier answer on the line ----

tm send-keys -t $p '/back' Enter
step "/back returns to the previous rung and says the answer is offered" $p \
    'the earlier answer is offered: edit it, or press Enter to keep it'
step_last "/back puts the earlier answer on the line, to edit" $p '> more bookings'
tm send-keys -t $p C-u 'more weddings' Enter
step "the edited answer is taken" $p \
    '^\[2/6, why 2/3, [0-9]* min\] Why does the client want more weddings?$'

# ---- Ctrl-C discards the line ----

tm send-keys -t $p 'half typed'
tm_wait_last $p '> half typed'
tm send-keys -t $p C-c
step "Ctrl-C shows ^C after the discarded line" $p '^> half typed^C$'
step_last "Ctrl-C leaves an empty line at the same prompt" $p '>'
tm send-keys -t $p 'stable revenue' Enter
step "the question asked again takes the next answer" $p \
    '^\[2/6, why 3/3, [0-9]* min\] Why does the client want stable revenue?$'
tap_is "the discarded line is not stored, and did not leak into the next answer" \
    "$(wl_sql "$db" "SELECT count(*) FROM answers WHERE value LIKE '%half%'")|$(wl_sql "$db" \
    "SELECT value FROM answers WHERE question_id = 'why' AND chain = 0 AND rung = 2
    AND superseded_at IS NULL")" "0|stable revenue"
tap_is "the answer changed by /back is kept in the history" \
    "$(wl_sql "$db" "SELECT value, superseded_at IS NOT NULL FROM answers
    WHERE question_id = 'why' AND chain = 0 AND rung = 1 ORDER BY id")" \
    "more bookings|1
more weddings|0"

tm send-keys -t $p '/goal' Enter
step "/goal stops the chain; the /also reason is drilled next" $p \
    'Why does the client want word of mouth?$'
tm send-keys -t $p '/stuck' Enter
step "/stuck stops it; the next section begins with its choices" $p '^  3) Not known yet$'

tm send-keys -t $p 'Ti' Tab
step_last "Tab completes a choice's label, not a file name" $p '> Tied to results'
tm send-keys -t $p Enter
step "the completed label is taken" $p '^\[4/6, [0-9]* min\] Is it urgent?$'

# ---- Ctrl-D pauses; whyline resume finishes the call ----

tm send-keys -t $p C-d
step "Ctrl-D pauses, and run exits 0" $p '^run exited 0$'
# (resume may have begun already: only the first two events are run's.)
tap_is "the pause is stored; the answers so far are there" \
    "$(wl_sql "$db" "SELECT status FROM sessions") $(wl_sql "$db" "SELECT group_concat(kind, ' ')
    FROM (SELECT kind FROM events ORDER BY id LIMIT 2)") $(wl_sql "$db" "SELECT value FROM answers
    WHERE question_id = 'budget'")" "open start pause results"
step "whyline resume in the pane goes on" $p '^Resuming "Interview test call" (ACME), session'
tm send-keys -t $p 'y' Enter
step "resume asked the first unanswered question" $p '^\[5/6, [0-9]* min\] Which channels?$'
tm send-keys -t $p '1,2' Enter
step "the multi answer is taken" $p '^\[6/6, [0-9]* min\] By when?$'
tm send-keys -t $p '2027-01-01' Enter
step "at the end, whyline asks to finish or go back" $p '^All questions are answered'
tm send-keys -t $p '/back' Enter
step_last "from the end, /back offers the last answer on the line" $p '> 2027-01-01'
tm send-keys -t $p C-a C-k '2027-02-01' Enter
step "the changed answer brings back the end" $p '^All questions are answered'
tm send-keys -t $p Enter
step "Enter at the end completes the call" $p '^The interview is complete'
step "resume exits 0" $p '^resume exited 0$'
tap_is "the database holds the whole call" \
    "$(wl_sql "$db" "SELECT question_id, chain, rung, value FROM answers
    WHERE superseded_at IS NULL ORDER BY id")
$(wl_sql "$db" "SELECT question_id, chain, stop FROM chains ORDER BY id")
$(wl_sql "$db" "SELECT status FROM sessions") $(wl_sql "$db" "SELECT group_concat(kind, ' ')
    FROM (SELECT kind FROM events ORDER BY id)")" \
"request|||Instagram posts
why|1|1|word of mouth
why|0|1|more weddings
why|0|2|stable revenue
budget|||results
urgent|||yes
channels|||[\"web\",\"print\"]
deadline|||2027-02-01
why|0|goal
why|1|stuck
done start pause resume done"
tap_is "no answer is written to a history file, and no file is added" \
    "$(grep -rl -e 'weddings' -e 'half typed' "$tmp/home" "$tmp/cwd" 2>/dev/null)$(ls -A "$tmp/home")|$(ls "$tmp/cwd" | tr '\n' ' ')" \
    "|Instagram-decoy.txt Tied-decoy.txt "

# ---- NO_COLOR, a resize, SIGTERM and SIGHUP ----

db2=$tmp/db/plain.db
make_pane nocolour "$db2" none
tm new-session -d -s nocolour -x 120 -y 40 "exec sh '$tmp/nocolour.sh'"
p=nocolour
step "with NO_COLOR, the prompt is shown" $p '^\[1/6, [0-9]* min\] What did the client ask for?$'
tap_check "with NO_COLOR, the pane has no escape sequence at all" \
    sh -c '! tmux -L "$1" -f /dev/null capture-pane -p -e -t nocolour | grep -q "$2"' sh "$sock" "$esc"

# A line longer than the narrower window: after the resize, readline must
# know the new width to put the cursor back at its start.
long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
tm send-keys -t $p "$long"
tm_wait_last $p "> $long"
if tm resize-window -t $p -x 60 -y 30 2>/dev/null; then
	tm send-keys -t $p C-a X
	step "after a resize, the line is redrawn for the new width" $p '^> Xaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
else
	tap_skip "after a resize, the line is redrawn for the new width" "this tmux cannot resize a window"
fi
tm send-keys -t $p C-e C-u 'abcdef' Enter
step "the line typed after it is taken" $p '^\[2/6, why 1/3, [0-9]* min\] Why does the client want abcdef?$'

tm send-keys -t $p 'half'
tm_wait_last $p '> half'
kill -TERM "$(cat "$tmp/nocolour.run.pid")"
step "SIGTERM at the prompt pauses, and run exits 0" $p '^run exited 0$'
step "whyline resume goes on after SIGTERM" $p '^\[2/6, why 1/3, [0-9]* min\] Why does the client want abcdef?$'
tm_wait $p '^Resuming'
kill -HUP "$(cat "$tmp/nocolour.resume.pid")"
step "SIGHUP at the prompt pauses, and resume exits 0" $p '^resume exited 0$'
tap_is "both pauses are events; the answer before them is kept, the half line is not" \
    "$(wl_sql "$db2" "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM events ORDER BY id)")|$(wl_sql "$db2" \
    "SELECT group_concat(value, ' ') FROM answers")" "start pause resume pause|abcdef"

# ---- Ctrl-D in a paragraph keeps it and pauses ----

db3=$tmp/db/paragraph.db
tree=$top_srcdir/tests/data/trees/paragraph.yaml
make_pane paragraph "$db3" none
tm new-session -d -s paragraph -x 120 -y 40 "exec sh '$tmp/paragraph.sh'"
p=paragraph
step "a paragraph question is asked" $p '^\[1/2, [0-9]* min\] What happened last time?$'
tm send-keys -t $p 'line one' Enter 'line two' Enter
tm_wait_last $p '  line two'
tm send-keys -t $p C-d
step "Ctrl-D in a paragraph pauses, and run exits 0" $p '^run exited 0$'
tap_is "the paragraph typed so far is stored" \
    "$(wl_sql "$db3" "SELECT value FROM answers")" "line one
line two"
step "resume asks the question after the paragraph" $p '^\[2/2, [0-9]* min\] Anything else?$'
tm send-keys -t $p C-d
step "Ctrl-D at resume's prompt pauses, and resume exits 0" $p '^resume exited 0$'

# ---- on a narrow terminal, what the call says is folded at spaces ----

db4=$tmp/db/narrow.db
tree=$top_srcdir/interviews/five-whys.yaml
make_pane narrow "$db4" none
tm new-session -d -s narrow -x 50 -y 40 "exec sh '$tmp/narrow.sh'"
p=narrow
step "a 50-column terminal: the first question is asked" $p '^\[1/13, [0-9]* min\] What did the client ask for, in$'
tm send-keys -t $p '/help' Enter
step "/help: a row too long goes on under its description" $p '^                 its answer is offered to edit$'
step "/help: a row whose command fills its column too" $p '^                 (not when it is required)$'
step "/help: its last row" $p '^  //text         an answer that begins with a$'
# narrow_ok: every line of the pane within 49 characters (the terminal's
# width less one), and "unanswered" whole.
narrow_ok() {
	tm capture-pane -p -t narrow >"$tmp/narrow.txt" || return 1
	while IFS= read -r l; do
		[ "$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -m)" -le 49 ] || { echo "too wide: $l"; return 1; }
	done <"$tmp/narrow.txt"
	! grep -q 'unanswere$' "$tmp/narrow.txt"
}
tap_check "no line is wider than the terminal, and none breaks a word" narrow_ok

tap_done
