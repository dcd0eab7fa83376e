#!/bin/sh
# Tab on a multi-choice question in a real terminal (tmux): it completes
# the item after the last comma, keeping what is typed before it; it
# matches in any case, and a label and a value that differ only in case
# ("Time", "time") are one completion, not two that cancel out; a label
# that holds a comma is completed by its value, which the answer's commas
# cannot cut.

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir tmux-complete
. "$top_srcdir/tests/cli/tmux-lib.sh"

# The question of the shipped five-whys, with its choices.
cat >"$tmp/limits.yaml" <<'EOF'
whyline: 1
id: limits
title: Limits
sections:
  - id: constraints
    title: What constrains it
    questions:
      - id: constraints
        type: multi
        ask: Which of these limit what can be done?
        choices:
          - {value: budget, label: Budget}
          - {value: time, label: Time}
          - {value: people, label: People}
          - {value: systems, label: Tools and systems}
          - {value: rules, label: "Rules, contracts or approvals"}
      - id: next
        ask: Anything else?
EOF
db=$tmp/db/complete.db
tm_start call "$db" 100 run "$tmp/limits.yaml" --client ACME
p=call
step "the multi question is asked" $p 'Which of these limit what can be done?$'

# tab PIECE...: types each piece, then Tab after it.
tab() {
	for _t; do
		tm send-keys -t $p -l "$_t"
		tm send-keys -t $p Tab
	done
}
# retype PIECE...: clears the line, then tab.
retype() {
	tm send-keys -t $p C-a C-k
	tab "$@"
}

tab 'budget, ti'
step_last "Tab completes the item after the last comma, the typed part kept" $p '> budget, Time'
retype 'Peo'
step_last "Tab completes in any case: label and value that differ in case are one" $p '> People'
retype 'ti'
step_last "Tab: a lower-case start takes the label" $p '> Time'
retype 'budget,ru'
step_last "Tab: a label with a comma is completed by its value" $p '> budget,rules'
retype 'budget, ti' ', PEO' ', sys'
step_last "Tab after each comma" $p '> budget, Time, People, systems'
tm send-keys -t $p Enter
step "the completed answer is taken" $p 'Anything else?$'
tap_is "the answer stored: the four values" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'constraints' AND superseded_at IS NULL")" \
    '["budget","time","people","systems"]'
tap_done
