#!/bin/sh
# What the call says between questions is folded at spaces to the
# terminal's width, never cut mid-word by the terminal: /help (each
# description under its column, readable at 40 columns), refusals and
# "(the earlier answer is offered...)". Lines the terminal itself wrapped
# are joined back (capture-pane -J), so a line longer than the pane is one
# the program did not fold. whyline folds to one column less than the
# pane's (the last column would make some terminals wrap).

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir tmux-fold
. "$top_srcdir/tests/cli/tmux-lib.sh"

db=$tmp/db/fold.db
tm_start call "$db" 40 run "$top_srcdir/interviews/five-whys.yaml" --client ACME
p=call
step "the first question" $p 'their own words?$'

# long_lines: the lines of plain ASCII wider than the pane, joined as the
# program wrote them.
long_lines() {
	tm capture-pane -p -J -t $p | LC_ALL=C grep -v '[^ -~]' | awk 'length($0) > 40'
}

keys $p /help
step "/help ends with its last command" $p '^  //text'
tap_is "/help: no line wider than the terminal" "$(long_lines)" ""
tm capture-pane -p -J -t $p >"$tmp/help"
tap_check "/help: a description goes on under its column" sh -c '
    grep -qx "  /back          return to the previous" "$1" &&
    grep -qx "                 question; its answer" "$1" &&
    grep -qx "                 is offered to edit" "$1"' sh "$tmp/help"
tap_check "/help: every word whole" sh -c '
    grep -qx "  /pause         save and leave;" "$1" &&
    grep -qx "                 .whyline resume. goes" "$1"' sh "$tmp/help"

keys $p /skip
step "a refusal, folded" $p '^  this question is required: it cannot$'
step "... its last words on the next line" $p '^  be skipped$'
keys $p 'Instagram posts'
step "the next question" $p 'Have they tried this'
keys $p /back
step "the earlier answer is offered, folded" $p '^  (the earlier answer is offered: edit$'
step "... the rest under it" $p '^  it, or press Enter to keep it)$'
tap_is "no line of the call wider than the terminal" "$(long_lines)" ""
tap_done
