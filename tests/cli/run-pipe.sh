#!/bin/sh
# Whole interviews piped into `whyline run`: nothing reaches stdout, the
# prompts (section, question, choices, "3/6", "why 2/3") go to stderr, the
# commands work (/back, /skip, /note, /goal, /stuck, /also, //text, /help,
# /progress, /pause), a refused answer is asked again, a paragraph runs to
# an empty line, and the database then holds exactly the rows the answers
# make. The prompts are in colour only when stderr is a terminal.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir run-pipe

tree=$top_srcdir/tests/data/trees/interview.yaml
db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS

# Prints the session's rows: answers, chains, notes, events, the session.
rows() {
	wl_sql "$db" "SELECT question_id, chain, rung, value, skip_reason,
	    superseded_at IS NOT NULL FROM answers ORDER BY id"
}
chains() {
	wl_sql "$db" "SELECT question_id, chain, parent_chain, parent_rung, stop,
	    dropped_at IS NOT NULL FROM chains ORDER BY id"
}
events() {
	wl_sql "$db" "SELECT kind FROM events ORDER BY id" | tr '\n' ' '
}

# ---- 1. a whole call, every command, refused answers asked again ----

printf '%s\n' '/skip' '//slash posts' '/note wants it by summer' \
    'more bookings' '/also lower costs' 'stable revenue' '/back' '' \
    'survival' '/stuck' '7' 'a fixed' '-5' 'lots' '1200' 'maybe' \
    '/skip not asked yet' '1,radio' '/bogus' '/progress' '/help' \
    '2027-01-01' >"$tmp/in1"
wl_run run "$tree" --client ACME <"$tmp/in1" >"$tmp/out1" 2>"$tmp/err1"
tap_is "a piped call that reaches the end exits 0" "$?" 0
tap_check "nothing is written to stdout" test ! -s "$tmp/out1"

# The session's short id in the last line varies; whyline is not on PATH
# here, so the command named is the program's own path.
self=$(realpath "$WHYLINE")
sed "s|: $self brief [0-9a-f]\{8\}\$|: PROGRAM brief SESSION|" "$tmp/err1" >"$tmp/got1"
cat >"$tmp/exp1" <<'EOF'
Interview test call
A short tree for the tests.
Type /help for the commands; every answer is saved as you go.

== The request ==
[1/6] What did the client ask for?
> /skip
  this question is required: it cannot be skipped
> //slash posts
[2/6, why 1/3] Why does the client want /slash posts?
> /note wants it by summer
  Note added to "Why does the client want /slash posts?".
> more bookings
[2/6, why 2/3] Why does the client want more bookings?
> /also lower costs
  Second reason noted: "lower costs"; it is drilled after this chain.
> stable revenue
[2/6, why 3/3] Why does the client want stable revenue?
  Last why of this chain: an answer here ends it at its depth. Instead, read "stable revenue" back as the goal (/goal), add another reason (/also TEXT), or note that the client cannot go deeper (/stuck).
> /back
[2/6, why 2/3] Why does the client want more bookings?
  (earlier answer: stable revenue; press Enter to keep it)
> 
[2/6, why 3/3] Why does the client want stable revenue?
  Last why of this chain: an answer here ends it at its depth. Instead, read "stable revenue" back as the goal (/goal), add another reason (/also TEXT), or note that the client cannot go deeper (/stuck).
> survival
[2/6, why 3/3] Why does the client want lower costs?
  Last why of this chain: an answer here ends it at its depth. Instead, read "lower costs" back as the goal (/goal), add another reason (/also TEXT), or note that the client cannot go deeper (/stuck).
> /stuck
  Chain stopped at "lower costs": the client cannot go deeper.

== Context ==
[3/6] How is the budget set?
  1) A fixed amount
  2) Tied to results
  3) Not known yet
> 7
  there is no choice 7: pick 1 to 3
> a fixed
[3/6] How much?
  (a number)
> -5
  at least 0, please
> lots
  'lots' is not a number: write digits, with a point for decimals (1200 or 12.5)
> 1200
[4/6] Is it urgent?
  (yes/no)
> maybe
  answer yes or no
> /skip not asked yet
  Skipped "Is it urgent?": not asked yet.
[5/6] Which channels?
  1) web
  2) print
  3) radio
  (numbers or values, separated by commas)
> 1,radio
[6/6] By when?
> /bogus
  unknown command /bogus; /help lists them
> /progress
  ok The request 2/2
  .. Context 3/4, 1 left
> /help
  /back          return to the previous question; its answer is offered to edit
  /skip [REASON] leave the question unanswered (not when it is required)
  /note TEXT     attach a note to this question
  /goal [TEXT]   in a ladder: the reason asked about is the underlying goal;
                 TEXT: the goal as the client restates it
  /stuck         in a ladder: the client cannot go deeper
  /also TEXT     in a ladder: a second reason, drilled next
  /drop          after /back in a ladder: remove that reason and those under it
  /progress      what is answered and what is left
  /flags         the flags raised so far
  /show          with --discreet: the private question kept off the screen
  /lang LL       go on in another language
  /pause         save and leave; 'whyline resume' goes on (Ctrl-D too)
  //text         an answer that begins with a slash
> 2027-01-01

All questions are answered. Press Enter to finish, or /back to change an answer.
> 

The interview is complete. Write the brief with: PROGRAM brief SESSION
EOF
if cmp -s "$tmp/exp1" "$tmp/got1"; then
	tap_ok "stderr shows each prompt with its section, choices and place, and each refusal"
else
	tap_fail "stderr shows each prompt with its section, choices and place, and each refusal"
	diff -u "$tmp/exp1" "$tmp/got1" | tap_diag
fi

tap_is "answers: //text, rungs of two chains, a choice by label, a skip with its reason" "$(rows)" \
"request|||/slash posts||0
why|0|1|more bookings||0
why|1|2|lower costs||0
why|0|2|stable revenue||0
why|0|3|survival||0
budget|||fixed||0
amount|||1200||0
urgent||||not asked yet|0
channels|||[\"web\",\"radio\"]||0
deadline|||2027-01-01||0"
tap_is "chains: the first stops at the depth, the /also chain hangs from rung 1 and is stuck" \
    "$(chains)" "why|0|||depth|0
why|1|0|1|stuck|0"
tap_is "the note is kept on its question" \
    "$(wl_sql "$db" "SELECT question_id, text FROM notes")" "why|wants it by summer"
tap_is "the session is done, with its client, and its start and end are events" \
    "$(wl_sql "$db" "SELECT tree_id, client, status, finished_at IS NOT NULL FROM sessions")
$(events)" "interview-test|ACME|done|1
start done "

# ---- 2. /goal, an empty rung, a flag, a changed answer, /pause ----

rm -rf "$tmp/db"
printf '%s\n' '/back' '/goal' 'Instagram posts' '' 'more bookings' '' 'no' \
    'stable revenue' '/goal' '/also x' 'not known' '/back' 'fixed' '/pause' \
    'never read' >"$tmp/in2"
wl_run run --plain "$tree" <"$tmp/in2" >"$tmp/out2" 2>"$tmp/err2"
tap_is "/pause exits 0" "$?" 0
tap_check "nothing is written to stdout with --plain either" test ! -s "$tmp/out2"
tap_check "/back on the first question is refused" \
    grep -q '^  this is the first question$' "$tmp/err2"
tap_check "ladder commands outside a ladder are refused" \
    grep -q '^  /also is for a why ladder$' "$tmp/err2"
tap_check "an empty rung asks whether the last one is the goal" \
    grep -q '^Is "more bookings" the underlying goal? (yes/no, or the goal in the client.s words)$' "$tmp/err2"
tap_check "a flag is shown as soon as its condition is true" \
    grep -q '^  \[Risk\] Nobody knows the budget\.$' "$tmp/err2"
tap_check "/back offers the earlier answer" \
    grep -q '^  (earlier answer: Not known yet; press Enter to keep it)$' "$tmp/err2"
tap_check "/pause says how to resume" grep -q "^Paused; every answer is saved. Go on with: $self resume [0-9a-f]\{8\}\$" "$tmp/err2"
tap_check "nothing after /pause is read" sh -c '! grep -q "never read" "$1"' sh "$tmp/err2"
tap_is "answers: the changed budget is kept in the history, superseded" "$(rows)" \
"request|||Instagram posts||0
why|0|1|more bookings||0
why|0|2|stable revenue||0
budget|||unknown||1
budget|||fixed||0"
tap_is "chains: /goal stops the chain" "$(chains)" "why|0|||goal|0"
tap_is "the session stays open and the pause is an event" \
    "$(wl_sql "$db" "SELECT status FROM sessions") $(events)" "open start pause "

# ---- a paragraph: lines up to an empty one; cut short, it is kept ----

ptree=$top_srcdir/tests/data/trees/paragraph.yaml
rm -rf "$tmp/db"
printf '%s\n' 'line one' '//line two' '' 'no' | wl_run run "$ptree" >/dev/null 2>"$tmp/err3"
tap_is "a paragraph ends at an empty line; its lines are kept as typed" \
    "$(wl_sql "$db" "SELECT question_id, value FROM answers ORDER BY id")" "story|line one
//line two
after|no"
rm -rf "$tmp/db"
printf 'line one\nline two\n' | wl_run run "$ptree" >/dev/null 2>"$tmp/err4"
tap_is "the end of input in a paragraph pauses (exit 0)" "$?" 0
tap_is "a paragraph cut short by the end of input is stored, then the session pauses" \
    "$(wl_sql "$db" "SELECT value FROM answers") $(events)" "line one
line two start pause "
tap_check "the next question is not asked after a paragraph cut short" \
    sh -c '! grep -q "Anything else" "$1"' sh "$tmp/err4"

# ---- a ladder's help is shown with its first why, and again on /help ----

printf '%s\n' posts 'more bookings' 'stable revenue' /help /goal \
    | wl_run run "$top_srcdir/tests/data/trees/ladder-help.yaml" >/dev/null 2>"$tmp/err5"
tap_is "the ladder's help is shown once, then again for /help" \
    "$(grep -c 'Ask about the last answer' "$tmp/err5")" 2

# ---- colour is decided for the stream the plain lines go to: stderr ----

# wl_script FILE COMMAND: runs the shell COMMAND with its standard streams
# on a terminal of script(1) (unless COMMAND redirects them) and colour
# allowed; what reaches the terminal goes to FILE.
wl_script() {
	(unset NO_COLOR; timeout "${WL_TIMEOUT:-60}" script -qec "$2" /dev/null \
	    </dev/null >"$1" 2>&1)
}
if script -qec true /dev/null </dev/null >/dev/null 2>&1; then
	esc=$(printf '\033')
	printf '%s\n' 'Instagram posts' >"$tmp/in6"
	rm -rf "$tmp/db"
	wl_script "$tmp/tty6" "'$WHYLINE' run '$tree' <'$tmp/in6' 2>'$tmp/err6'"
	tap_check "stdout on a terminal, the plain lines to a file: the file has them" \
	    grep -q '^\[1/6\] What did the client ask for?$' "$tmp/err6"
	tap_check "stdout on a terminal, the plain lines to a file: no colour in the file" \
	    sh -c '! grep -q "$1" "$2"' sh "$esc" "$tmp/err6"
	rm -rf "$tmp/db"
	wl_script "$tmp/tty7" "'$WHYLINE' run '$tree' <'$tmp/in6'"
	tap_check "the plain lines on a terminal: in colour" grep -q "$esc" "$tmp/tty7"
	rm -rf "$tmp/db"
	wl_script "$tmp/tty8" "'$WHYLINE' run --plain '$tree' <'$tmp/in6'"
	tap_check "the plain lines on a terminal with --plain: no colour" \
	    sh -c '! grep -q "$1" "$2"' sh "$esc" "$tmp/tty8"
else
	tap_skip "colour of the plain lines" "script(1) cannot give a terminal"
fi

tap_done
