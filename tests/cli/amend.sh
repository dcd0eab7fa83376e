#!/bin/sh
# Amending a finished call: `whyline amend SESSION QUESTION` changes an
# answer after the fact, checked as in the call, with a required reason;
# the new answer, the old one superseded and an amend event naming the
# question and the reason are stored in one transaction. show, the brief
# (Markdown, its template context; never the client's copy) and the
# export list it; flags and conditions follow, a question the change
# reaches is open, not invented; the call's times do not move. Refusals
# name the question and change nothing. Amendments travel through merge.
# On a terminal (tmux) the answer is offered for editing, and a refused
# answer or an empty reason is asked again.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir amend

db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS NO_COLOR
self=$(realpath "$WHYLINE")
tree=$tmp/amend.yaml
cat >"$tree" <<'EOF'
whyline: 1
id: amend-test
title: Amend test call
version: "1"
sections:
  - id: main
    title: The call
    questions:
      - id: hello
        type: note
        ask: Say hello.
      - id: request
        ask: What did the client ask for?
        required: true
      - id: why
        type: ladder
        from: request
        ask: Why does the client want {{rung}}?
        depth: 2
      - id: budget
        type: choice
        ask: How is the budget set?
        choices:
          - {value: fixed, label: A fixed amount}
          - {value: results, label: Tied to results}
          - {value: unknown, label: Not known yet}
        follow_up:
          fixed:
            - id: amount
              type: number
              ask: How much?
              min: 0
              unit: EUR
      - id: code
        ask: Which project code?
        label: Project code
        validate: "length($value) = 4"
        invalid: Four characters, please.
      - id: step
        type: action
        ask: What is the next step?
      - id: deadline
        ask: By when?
flags:
  - when: "$budget = 'unknown'"
    level: risk
    say: Nobody knows the budget.
EOF
cat >"$tmp/a.yaml" <<'EOF'
request: Flyers
why: [more visits, stable revenue]
budget: fixed
amount: 1200
code: AB12
step: "Send the quote; Ann; 2027-01-15"
deadline: March
EOF
cat >"$tmp/b.yaml" <<'EOF'
request: Posters
why: [more visits]
budget: results
code: CD34
step: "Call back; Bob; 2027-02-01"
EOF

# new_session FILE: a finished session from an answers file, its times set
# to a call held on 2026-01-05 from 10:00 to 10:20 UTC; prints its id.
new_session() {
	_id=$(wl_run run "$tree" --client ACME --answers "$1") || return 1
	wl_sql "$db" "UPDATE answers SET answered_at = '2026-01-05T10:00:00.000Z' WHERE session_id = '$_id';
	    UPDATE answers SET answered_at = '2026-01-05T10:20:00.000Z' WHERE session_id = '$_id'
	      AND question_id = 'deadline';
	    UPDATE events SET at = '2026-01-05T10:00:00.000Z' WHERE session_id = '$_id' AND kind = 'start';
	    UPDATE events SET at = '2026-01-05T10:20:00.000Z' WHERE session_id = '$_id' AND kind = 'done';
	    UPDATE sessions SET started_at = '2026-01-05T10:00:00.000Z', finished_at = '2026-01-05T10:20:00.000Z',
	      updated_at = '2026-01-05T10:20:00.000Z' WHERE id = '$_id'"
	echo "$_id"
}
# The times of the call as the brief's template context gives them.
printf '%s\n' '{{session.date}} {{session.start_time}} {{session.end_time}} {{session.duration}}' \
    '{{session.first_answer_at}} {{session.last_answer_at}} {{session.started_at}} {{session.finished_at}}' \
    >"$tmp/times.md"
times() {
	wl_run brief "$1" --template "$tmp/times.md"
}
# The rows of a question, in order: value|superseded (0 or 1).
rows() {
	wl_sql "$db" "SELECT coalesce(value, '-') || '|' || (superseded_at IS NOT NULL) FROM answers
	    WHERE session_id = '$1' AND question_id = '$2' ORDER BY id" | paste -sd ' ' -
}
# The number of rows of each table the session has, on one line.
counts() {
	wl_sql "$db" "SELECT (SELECT count(*) FROM answers WHERE session_id = '$1') || ' ' ||
	    (SELECT count(*) FROM events WHERE session_id = '$1') || ' ' ||
	    (SELECT updated_at FROM sessions WHERE id = '$1')"
}

a=$(new_session "$tmp/a.yaml")
as=$(echo "$a" | cut -c1-8)
times_before=$(times "$a")
tap_check "the brief's times before the amendment are the call's" \
    sh -c 'echo "$1" | grep -q "^2026-01-05 .* 20 minutes$"' sh "$times_before"

# ---- an amendment in plain mode: the answer, then the reason ----

printf '%s\n' 1500 "The client's e-mail of 2 March | gives the *real* budget" |
    wl_run amend "$as" amount >"$tmp/out" 2>"$tmp/err"
tap_is "amend exits 0" "$?" 0
tap_is "nothing on stdout" "$(cat "$tmp/out")" ""
tap_is "plain mode shows the question and the answer, asks the reason, says what changed" \
    "$(cat "$tmp/err")" \
    "
== The call ==
[3/6] How much?
  (a number)
  Current answer: 1200 (an empty line keeps it)
> 1500
Why is it changed? (required: the reason is kept with the change)
> The client's e-mail of 2 March | gives the *real* budget
Amended \"How much?\": 1200 → 1500.
Write the brief again with: $self brief $as"
tap_is "the old answer is kept, superseded; the new one is current" "$(rows "$a" amount)" "1200|1 1500|0"
tap_is "one amend event names the question and the reason" \
    "$(wl_sql "$db" "SELECT kind || '|' || detail FROM events WHERE session_id = '$a' AND kind = 'amend'")" \
    "amend|amount: The client's e-mail of 2 March | gives the *real* budget"
tap_is "the new answer, the old one's supersession and the event have one time" \
    "$(wl_sql "$db" "SELECT count(DISTINCT t) FROM (
	SELECT answered_at AS t FROM answers WHERE session_id = '$a' AND question_id = 'amount' AND superseded_at IS NULL
	UNION ALL SELECT superseded_at FROM answers WHERE session_id = '$a' AND question_id = 'amount' AND superseded_at IS NOT NULL
	UNION ALL SELECT at FROM events WHERE session_id = '$a' AND kind = 'amend')")" 1
tap_is "the session stays done; its start and end are unchanged" \
    "$(wl_sql "$db" "SELECT status || ' ' || started_at || ' ' || finished_at FROM sessions WHERE id = '$a'")" \
    "done 2026-01-05T10:00:00.000Z 2026-01-05T10:20:00.000Z"
tap_check "updated_at moves" test "$(wl_sql "$db" "SELECT updated_at > '2026-01-06' FROM sessions WHERE id = '$a'")" = 1
tap_is "the brief's date, start, end and length stay the call's" "$(times "$a")" "$times_before"

# show
wl_run show "$a" >"$tmp/show"
tap_check "show: the old answer is marked superseded" grep -q '  amount: 1200 \[superseded ' "$tmp/show"
tap_check "show: the amendment follows the new answer, with its reason" sh -c '
	grep -A1 "  amount: 1500\$" "$1" | tail -n 1 |
	    grep -q "  amended amount after the call: The client.s e-mail of 2 March | gives the \*real\* budget\$"' \
    sh "$tmp/show"

# the brief
wl_run brief "$a" >"$tmp/brief.md"
tap_check "brief: the section shows the new answer" grep -qx -- '- \*\*How much?\*\* 1,500 EUR' "$tmp/brief.md"
tap_is "brief: Changes after the call, with the date, time and reason (escaped)" \
    "$(sed -n '/^## Changes after the call$/,$p' "$tmp/brief.md")" \
    "## Changes after the call

- **How much?, amended $(date '+%Y-%m-%d %H:%M' -d "$(wl_sql "$db" "SELECT replace(substr(at, 1, 19), 'T', ' ') || ' UTC'
    FROM events WHERE session_id = '$a' AND kind = 'amend'")"):** 1,200 EUR → 1,500 EUR. Reason: The client's e-mail of 2 March \\| gives the \\*real\\* budget"
tap_check "brief: no change during the call is listed" sh -c '! grep -q "Changes during the call" "$1"' sh "$tmp/brief.md"
for f in md html text json; do
	wl_run brief "$a" --share --format $f >"$tmp/share.$f"
	tap_check "brief --share ($f): the new answer, nothing of the change" sh -c '
	    grep -q "1,500\|1500" "$1" && ! grep -q -i "e-mail of 2 March\|amended\|Changes\|1,200\|1200" "$1"' \
	    sh "$tmp/share.$f"
done
printf '%s\n' '{{#changes}}{{id}}|{{before}}|{{after}}|{{amended}}|{{reason}}|{{date}}{{/changes}}' >"$tmp/changes.md"
tap_is "the template context: the change, amended, with its reason and date" \
    "$(wl_run brief "$a" --template "$tmp/changes.md")" \
    "amount|1,200 EUR|1,500 EUR|true|The client's e-mail of 2 March \\| gives the \\*real\\* budget|$(date +%Y-%m-%d)"
tap_is "the client's copy of the context has no change" \
    "$(wl_run brief "$a" --share --template "$tmp/changes.md")" ""

# the export
wl_run export "$a" >"$tmp/export.json"
tap_is "export: the amend event, with its detail" \
    "$(jq -r '.sessions[0].events[] | select(.kind == "amend") | .detail' "$tmp/export.json")" \
    "amount: The client's e-mail of 2 March | gives the *real* budget"
tap_is "export: the history holds the old answer, superseded, and the new one" \
    "$(jq -c '[.sessions[0].history[] | select(.question == "amount") | [.value, (.superseded_at != null)]]' "$tmp/export.json")" \
    '[[1200,true],[1500,false]]'
tap_is "export: the current answer is the new one" \
    "$(jq -c '.sessions[0].answers.amount' "$tmp/export.json")" 1500

# ---- flags and conditions follow ----

printf '%s\n' 3 'They have no budget yet' | wl_run amend "$as" budget >"$tmp/out" 2>"$tmp/err"
tap_is "amending the budget exits 0" "$?" 0
tap_check "the follow-up no longer reached is said" \
    grep -qx '  No longer asked (its answer is set aside, kept): "How much?" (amount).' "$tmp/err"
tap_check "the flag it raises is said" grep -qx '  \[Risk\] Nobody knows the budget.' "$tmp/err"
wl_run brief "$a" >"$tmp/brief.md"
tap_check "the brief holds the flag now" grep -q 'Nobody knows the budget' "$tmp/brief.md"
tap_check "the brief leaves the follow-up out" sh -c '! grep -q "How much?\*\* 1,500" "$1"' sh "$tmp/brief.md"
wl_run amend "$as" budget --answer fixed --reason 'Budget confirmed after all' >"$tmp/out" 2>"$tmp/err"
tap_is "--answer and --reason amend without asking (exit 0)" "$?" 0
tap_check "the flag that no longer holds is said" \
    grep -qx '  No longer holds: Nobody knows the budget.' "$tmp/err"
tap_check "the follow-up comes back with its answer" \
    grep -qx '  Asked again, with its earlier answer: "How much?" (amount).' "$tmp/err"
wl_run brief "$a" >"$tmp/brief.md"
tap_check "the brief shows the follow-up's answer again, and no flag" sh -c '
	grep -qx -- "- \*\*How much?\*\* 1,500 EUR" "$1" && ! grep -q "Nobody knows" "$1"' sh "$tmp/brief.md"
tap_is "the brief lists the three amendments in order" \
    "$(sed -n '/^## Changes after the call$/,$p' "$tmp/brief.md" | grep -c '^- ')" 3
tap_is "the brief's times still are the call's" "$(times "$a")" "$times_before"

# A question the amendment reaches has no answer: open, not invented.
b=$(new_session "$tmp/b.yaml")
bs=$(echo "$b" | cut -c1-8)
wl_run amend "$bs" budget --answer 1 --reason 'They chose a fixed budget' >"$tmp/out" 2>"$tmp/err"
tap_is "an amendment that reaches a new question exits 0" "$?" 0
tap_check "it says the question is asked now, not answered, and how to answer it" \
    grep -qx "  Now asked, not answered (an open item in the brief): \"How much?\"; to answer it: $self amend $bs amount" "$tmp/err"
tap_is "no answer is invented for it" "$(rows "$b" amount)" ""
# A finished call is not resumed, even with a question open: its time
# never changes after it ends, and amend answers that question.
before=$(wl_sql "$db" "SELECT count(*) FROM events; SELECT count(*) FROM answers;
    SELECT finished_at FROM sessions WHERE id = '$b'")
printf '/back\nyes\n\n\n' | wl_run resume "$bs" >"$tmp/out" 2>"$tmp/err"
tap_is "resume refuses a finished session with a question open (exit 1)" "$?" 1
tap_check "it names the open question and the amend command that answers it" \
    grep -qx "whyline: resume: session $bs is finished and is not resumed: a call's time never changes after it ends. \"How much?\" (amount) has no answer; to answer it: $self amend $bs amount" "$tmp/err"
tap_is "and records nothing: no answer, no event, the same end" \
    "$(wl_sql "$db" "SELECT count(*) FROM events; SELECT count(*) FROM answers;
    SELECT finished_at FROM sessions WHERE id = '$b'")" "$before"
wl_run brief "$b" >"$tmp/brief.md"
tap_check "the brief lists it as an open item, not answered yet" \
    grep -qx -- '- \*\*How much?\*\* not answered yet' "$tmp/brief.md"
tap_check "the brief's facts say the finished call was amended since" \
    grep -qx -- "- \*\*Session:\*\* $bs, finished; amended since: 1 question not answered" "$tmp/brief.md"
wl_run amend "$bs" amount --answer 900 --reason 'From the signed quote' 2>/dev/null
tap_is "amending the new question answers it" "$(rows "$b" amount)" "900|0"
wl_run brief "$b" >"$tmp/brief.md"
tap_check "then the brief has it, and says finished" sh -c '
	grep -qx -- "- \*\*How much?\*\* 900 EUR" "$1" && grep -qx -- "- \*\*Session:\*\* $2, finished" "$1"' \
    sh "$tmp/brief.md" "$bs"
tap_check "a first answer after the call is listed as a change from not answered, with its reason" \
    grep -q '^- \*\*How much?, amended .*:\*\* (not answered) → 900 EUR\. Reason: From the signed quote$' "$tmp/brief.md"

# A session a colleague pushed (pulled here): without a team store to ask
# who you are, the amendment warns that it would stay in this file.
wl_sql "$db" "UPDATE sessions SET owner = 'alice' WHERE id = '$b'" >/dev/null
(unset WHYLINE_TEAM; wl_run amend "$bs" code --answer EF56 --reason 'Typo' >"$tmp/out" 2>"$tmp/err")
tap_check "amending a session owned by a team role warns that a change would not travel" \
    grep -qx "whyline: session $bs belongs to the team role alice: if you are not alice, this change stays in this file, push never sends it and the next pull puts their copy back (give --team to check)" "$tmp/err"
wl_sql "$db" "UPDATE sessions SET owner = NULL WHERE id = '$b'" >/dev/null

# /skip with a reason, and answers checked as in the call
wl_run amend "$as" deadline --answer '/skip not discussed yet' --reason 'Was a guess' 2>/dev/null
tap_is "/skip REASON as the new answer skips it, with its reason" \
    "$(wl_sql "$db" "SELECT coalesce(value, '-') || '|' || skip_reason FROM answers WHERE session_id = '$a'
    AND question_id = 'deadline' AND superseded_at IS NULL")" "-|not discussed yet"
wl_run amend "$as" step --answer 'Send the new quote; Ann; 2027-01-20' --reason 'New date' 2>/dev/null
tap_is "a next step is read as in the call" \
    "$(jq -c '.sessions[0].answers.step' <<EOF
$(wl_run export "$a")
EOF
)" '{"action":"Send the new quote","owner":"Ann","due":"2027-01-20"}'
wl_run amend "$as" code --answer '//x12' --reason 'Typed with a slash' >"$tmp/code.out" 2>&1
tap_check "the amendment is said under the question's label" \
    grep -q '^Amended "Project code": AB12 → /x12\.$' "$tmp/code.out"
tap_check "and the brief lists it under that label" \
    sh -c '"$@" | grep -q "^- \*\*Project code, amended .*:\*\* AB12 → /x12\. Reason: Typed with a slash$"' \
    sh "$WHYLINE" --db "$db" brief "$as"
tap_is "//text is an answer that begins with a slash (and the validate passes)" "$(rows "$a" code | tr ' ' '\n' | tail -n 1)" "/x12|0"

# ---- refusals: exit 1, naming the question, nothing changed ----

before=$(counts "$a")
# refuse WHAT MESSAGE ARG...: whyline ARG... fails with exit 1, its last
# line on stderr is MESSAGE (or, when MESSAGE ends with "*", begins with
# it), and nothing is stored.
refuse() {
	_what=$1 _msg=$2
	shift 2
	wl_run "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	tap_is "refused ($_what): exit 1" "$?" 1
	_got=$(tail -n 1 "$tmp/err")
	case $_msg in
	*"*") case $_got in "${_msg%\*}"?*) _got=$_msg ;; esac ;;
	esac
	tap_is "refused ($_what): says why" "$_got" "$_msg"
	tap_is "refused ($_what): nothing stored" "$(counts "$a")" "$before"
}
refuse "an unknown question" \
    "whyline: amend: the tree of session $as (amend-test) has no question \"nope\"" amend "$as" nope
refuse "a note" "whyline: amend: \"hello\" is a note: it has no answer to change" amend "$as" hello
refuse "a ladder" "whyline: amend: \"why\" is a why ladder: its rungs cannot be amended" amend "$as" why
wl_run amend "$as" budget --answer results --reason 'Tied to sales now' 2>/dev/null
before=$(counts "$a")
refuse "a question the call does not reach" \
    "whyline: amend: question \"amount\" was not asked in session $as: its answers do not reach it" \
    amend "$as" amount --answer 5 --reason x
wl_run amend "$as" budget --answer fixed --reason 'Fixed again' 2>/dev/null
before=$(counts "$a")
refuse "a number below the minimum" \
    "whyline: the new answer to \"amount\" is refused: at least 0, please" amend "$as" amount --answer -5 --reason x
refuse "not a number" \
    'whyline: the new answer to "amount" is refused: *' amend "$as" amount --answer 1,200 --reason x
refuse "a choice that is not one" \
    'whyline: the new answer to "budget" is refused: *' amend "$as" budget --answer bogus --reason x
refuse "a next step without its date" \
    'whyline: the new answer to "step" is refused: *' amend "$as" step --answer 'Call; Ann' --reason x
refuse "the tree's validate" \
    "whyline: the new answer to \"code\" is refused: Four characters, please." amend "$as" code --answer ABCDE --reason x
refuse "an empty reason" \
    "whyline: the amendment of \"amount\" is refused: a reason is required" amend "$as" amount --answer 7 --reason '  '
refuse "another command than /skip" \
    "whyline: the new answer to \"amount\" is refused: type the new answer, /skip [REASON] to leave it unanswered, or Ctrl-D to change nothing" \
    amend "$as" amount --answer /goal --reason x
refuse "the end of input before the reason" \
    "whyline: amend: the input ended before the new answer and its reason; nothing was changed" \
    amend "$as" amount
printf '%s\n' 7 | wl_run amend "$as" amount >/dev/null 2>"$tmp/err"
tap_is "plain mode: an answer without its reason line fails (exit 1)" "$?" 1
tap_is "plain mode: an answer without its reason changes nothing" "$(counts "$a")" "$before"
wl_run amend "$as" amount --answer 1500 --reason 'same' >/dev/null 2>"$tmp/err"
tap_is "the same answer again: exit 0" "$?" 0
tap_check "the same answer again: says nothing changed" grep -qx 'The answer is the same: nothing was changed.' "$tmp/err"
tap_is "the same answer again: nothing stored" "$(counts "$a")" "$before"
printf '\n' | wl_run amend "$as" amount >/dev/null 2>"$tmp/err"
tap_is "an empty line keeps the answer (exit 0, nothing stored)" "$? $(counts "$a")" "0 $before"
refuse "a session not found" "whyline: no session matches \"zzzz\"" amend zzzz amount
printf '%s\n' 'Leaflets' | wl_run run "$tree" --client Open >/dev/null 2>&1
o=$(wl_sql "$db" "SELECT substr(id, 1, 8) FROM sessions WHERE client = 'Open'")
refuse "a session that is not finished" \
    "whyline: amend: session $o is not finished: go on with it (and change an answer with /back) with: $self resume $o" \
    amend "$o" request --answer x --reason y
wl_run amend "$as" >/dev/null 2>"$tmp/err"
tap_is "a question is required (usage error, exit 2)" "$?" 2

# ---- amendments travel through merge ----

c=$(new_session "$tmp/a.yaml")
cs=$(echo "$c" | cut -c1-8)
cp "$db" "$tmp/other.db"
wl_run amend "$cs" amount --answer 1300 --reason 'Corrected on the phone' 2>/dev/null
wl_run --db "$tmp/other.db" merge "$db" >/dev/null 2>&1
tap_is "merged into a copy made before it, the amendment is there: old superseded, new current" \
    "$(wl_sql "$tmp/other.db" "SELECT group_concat(value || '|' || (superseded_at IS NOT NULL), ' ') FROM (SELECT value, superseded_at
    FROM answers WHERE session_id = '$c' AND question_id = 'amount' ORDER BY answered_at)")" "1200|1 1300|0"
tap_check "the merged brief lists the amendment with its reason" sh -c '
	"$1" --db "$2" brief "$3" | grep -q "How much?, amended .*1,200 EUR → 1,300 EUR. Reason: Corrected on the phone"' \
    sh "$WHYLINE" "$tmp/other.db" "$c"
tap_is "the merged brief keeps the call's times" "$(WHYLINE_DB=$tmp/other.db times "$c")" "$times_before"

# ---- on a terminal ----

if ! command -v tmux >/dev/null 2>&1; then
	tap_skip "amend on a terminal" "tmux is missing"
	tap_done
fi
. "$top_srcdir/tests/cli/tmux-lib.sh"
tm_start tty "$db" 120 amend "$as" amount
step "the question is shown, without the call's clock" tty '^\[3/6\] How much?$'
step "the current answer is said" tty '^  Current answer: 1500 (on the line to edit; Enter keeps it)$'
step_last "the answer is offered on the line to edit" tty '> 1500'
tm send-keys -t tty BSpace BSpace BSpace BSpace
tm send-keys -t tty -l -- '-3'
tm send-keys -t tty Enter
step "a refused answer is said" tty '^  at least 0, please$'
step_last "and asked again, the answer offered again" tty '> 1500'
tm send-keys -t tty C-u
tm send-keys -t tty -l 1600
tm send-keys -t tty Enter
step "the reason is asked" tty '^Why is it changed? (required: the reason is kept with the change)$'
tm send-keys -t tty Enter
step "an empty reason is refused" tty '^  a reason is required$'
tm send-keys -t tty -l 'Raised in the follow-up call'
tm send-keys -t tty Enter
step "the amendment is said, by the question's text (it has no label)" tty '^Amended "How much?": 1500 → 1600\.$'
step "amend exits 0" tty '^whyline exited 0$'
tap_is "stored with its reason" \
    "$(wl_sql "$db" "SELECT detail FROM events WHERE session_id = '$a' AND kind = 'amend' ORDER BY id DESC LIMIT 1")" \
    "amount: Raised in the follow-up call"

# Ctrl-D changes nothing.
before=$(counts "$a")
tm_start tty2 "$db" 120 amend "$as" amount
step_last "the answer is offered again" tty2 '> 1600'
tm send-keys -t tty2 C-u C-d
step "Ctrl-D says nothing was changed" tty2 '^Nothing was changed\.$'
step "and exits 0" tty2 '^whyline exited 0$'
tap_is "Ctrl-D stores nothing" "$(counts "$a")" "$before"

tap_done
