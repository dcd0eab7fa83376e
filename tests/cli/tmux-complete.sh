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

tm send-keys -t $p -l 'budget, ti'
tm send-keys -t $p Tab
step_last "Tab completes the item after the last comma, the typed part kept" $p '> budget, Time'
tm send-keys -t $p C-a C-k
tm send-keys -t $p -l 'Peo'
tm send-keys -t $p Tab
step_last "Tab completes in any case: label and value that differ in case are one" $p '> People'
tm send-keys -t $p C-a C-k
tm send-keys -t $p -l 'ti'
tm send-keys -t $p Tab
step_last "Tab: a lower-case start takes the label" $p '> Time'
tm send-keys -t $p C-a C-k
tm send-keys -t $p -l 'budget,ru'
tm send-keys -t $p Tab
step_last "Tab: a label with a comma is completed by its value" $p '> budget,rules'
tm send-keys -t $p C-a C-k
tm send-keys -t $p -l 'budget, ti'
tm send-keys -t $p Tab
tm send-keys -t $p -l ', PEO'
tm send-keys -t $p Tab
tm send-keys -t $p -l ', sys'
tm send-keys -t $p Tab
step_last "Tab after each comma" $p '> budget, Time, People, systems'
tm send-keys -t $p Enter
step "the completed answer is taken" $p 'Anything else?$'
tap_is "the answer stored: the three values" \
    "$(wl_sql "$db" "SELECT value FROM answers WHERE question_id = 'constraints' AND superseded_at IS NULL")" \
    '["budget","time","people","systems"]'
tap_done
