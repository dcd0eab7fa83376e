#!/bin/sh
# kill -9 at every point of an interview, through a fifo and then, over 100
# points, in a real terminal (tmux). Answers are typed one line at a
# time through a fifo; once the NEXT prompt is on stderr, whyline is killed
# with SIGKILL. Then every answer that was followed by a prompt is in the
# database (and nothing else), PRAGMA integrity_check says ok, and
# `whyline resume` asks the first unanswered question and finishes the call
# with every answer in place. Kills that land while an answer is being
# written must leave either the state before it or the state after it.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir kill9

tree=$top_srcdir/tests/data/trees/interview.yaml
db=$tmp/db/whyline.db
WHYLINE_DB=$db
export WHYLINE_DB
unset WHYLINE_BUSY_TIMEOUT_MS

# The lines typed, one per step.
cat >"$tmp/lines" <<'EOF'
Instagram posts
more bookings
/also lower costs
stable revenue
/goal
cheaper ads
a fixed
1200
y
1,2
2027-01-01
EOF
# What each step adds to the database: a:QUESTION:CHAIN:RUNG:VALUE for a
# current answer, s:QUESTION:CHAIN:STOP for a stopped chain.
cat >"$tmp/adds" <<'EOF'
a:request:::Instagram posts
a:why:0:1:more bookings
a:why:1:2:lower costs
a:why:0:2:stable revenue
s:why:0:goal
a:why:1:3:cheaper ads;s:why:1:depth
a:budget:::fixed
a:amount:::1200
a:urgent:::yes
a:channels:::["web","print"]
a:deadline:::2027-01-01
EOF
# The question asked after step k (line k + 1 of this list; line 1: none
# answered yet).
cat >"$tmp/next" <<'EOF'
[1/6] What did the client ask for?
[2/6, why 1/3] Why does the client want Instagram posts?
[2/6, why 2/3] Why does the client want more bookings?
[2/6, why 2/3] Why does the client want more bookings?
[2/6, why 3/3] Why does the client want stable revenue?
[2/6, why 3/3] Why does the client want lower costs?
[3/6] How is the budget set?
[3/6] How much?
[4/6] Is it urgent?
[5/6] Which channels?
[6/6] By when?
EOF
nsteps=$(wc -l <"$tmp/lines")

# The state expected after k steps, sorted, on one line.
expected() {
	if [ "$1" -eq 0 ]; then echo; return; fi
	head -n "$1" "$tmp/adds" | tr ';' '\n' | LC_ALL=C sort | paste -sd ';' -
}
# The state in the database, in the same form.
state() {
	wl_sql "$db" "SELECT 'a:' || question_id || ':' || coalesce(chain, '') || ':' ||
	    coalesce(rung, '') || ':' || coalesce(value, '') FROM answers
	    WHERE superseded_at IS NULL
	    UNION ALL SELECT 's:' || question_id || ':' || chain || ':' || stop
	    FROM chains WHERE stop IS NOT NULL AND dropped_at IS NULL" |
	    LC_ALL=C sort | paste -sd ';' -
}

# Resumes after a kill with the lines after step k; checks where it starts
# and that it finishes the call with every answer. Before the first answer
# no session is stored (nothing was typed), so the call is started again.
resume_rest() {
	k=$1 what=$2
	if [ "$k" -eq 0 ]; then
		tap_is "$what: no session is stored before the first answer" \
		    "$(wl_sql "$db" "SELECT count(*) FROM sessions")" 0
		wl_run run "$tree" <"$tmp/lines" >"$tmp/rout" 2>"$tmp/rerr"
	else
		tail -n "+$((k + 1))" "$tmp/lines" | wl_run resume >"$tmp/rout" 2>"$tmp/rerr"
	fi
	tap_is "$what: resume finishes the call (exit 0)" "$?" 0
	tap_is "$what: resume asks the first unanswered question" \
	    "$(sed -n '/^\[/{p;q;}' "$tmp/rerr")" "$(sed -n "$((k + 1))p" "$tmp/next")"
	tap_is "$what: after resume, every answer is there and the call is done" \
	    "$(state) $(wl_sql "$db" "SELECT status FROM sessions")" "$(expected "$nsteps") done"
}

# ---- kill -9 once the next prompt is shown, after each step ----

k=0
while [ "$k" -lt "$nsteps" ]; do
	rm -rf "$tmp/db"
	wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
	i=0
	ok=true
	while :; do
		# Prompt i + 1 shows once answer i is stored.
		if ! wl_wait_count "$tmp/err" '^> ' "$((i + 1))"; then
			ok=false
			break
		fi
		[ "$i" -lt "$k" ] || break
		i=$((i + 1))
		wl_bg_send "$(sed -n "${i}p" "$tmp/lines")"
	done
	kill -9 "$wl_pid"
	wl_bg_wait
	wl_bg_close
	what="killed after $k answers"
	if ! $ok; then
		tap_fail "$what: the prompt after answer $i appears"
		tap_diag "$tmp/err"
		k=$((k + 1))
		continue
	fi
	tap_is "$what: every answer followed by a prompt is in the database" \
	    "$(state)" "$(expected "$k")"
	tap_is "$what: PRAGMA integrity_check says ok" \
	    "$(wl_sql "$db" "PRAGMA integrity_check")" ok
	resume_rest "$k" "$what"
	tap_is "$what: integrity_check still ok after resume" \
	    "$(wl_sql "$db" "PRAGMA integrity_check")" ok
	k=$((k + 1))
done

# ---- kill -9 while an answer is being written ----

# No waiting for the prompt: the kill lands anywhere in the write.
for k in 1 2 5 6 8; do
	rm -rf "$tmp/db"
	wl_bg_start "$tmp/fifo" "$tmp/out" "$tmp/err" run "$tree"
	head -n "$((k - 1))" "$tmp/lines" >&7
	wl_wait_count "$tmp/err" '^> ' "$k" || :
	wl_bg_send "$(sed -n "${k}p" "$tmp/lines")"
	kill -9 "$wl_pid"
	wl_bg_wait
	wl_bg_close
	what="killed while answer $k is written"
	got=$(state)
	if [ "$got" = "$(expected "$k")" ]; then
		done=$k
	else
		done=$((k - 1))
	fi
	tap_is "$what: the database holds the answers before it, with or without it" \
	    "$got" "$(expected "$done")"
	tap_is "$what: PRAGMA integrity_check says ok" \
	    "$(wl_sql "$db" "PRAGMA integrity_check")" ok
	resume_rest "$done" "$what"
done

# ---- in a real terminal: typed, half typed, in flight, pasted, during
# resume, mid-paragraph ----

# Each point runs whyline in a tmux window of a private server (readline on
# a real terminal), kills it with SIGKILL at the point, and checks the
# database as above. A heavy sweep (over 100 points): with
# WHYLINE_SKIP_HEAVY set (the sanitizer build, distcheck) a sample runs.
if ! command -v tmux >/dev/null 2>&1; then
	tap_skip "kill -9 in a real terminal" "tmux is missing"
	tap_done
fi
heavy=true
[ -z "${WHYLINE_SKIP_HEAVY:-}" ] || heavy=false
sock=whyline-kill9-$$
tm() {
	tmux -L "$sock" -f /dev/null "$@"
}
wl_cleanup() {
	tm kill-server 2>/dev/null
}
tm new-session -d -s keep -x 150 -y 50 "exec sleep 3600"
points=0

# tty_start ARG...: whyline ARG... in a new window; sets $tp and $tpid.
tty_start() {
	_out=$(tm new-window -d -P -F '#{pane_id} #{pane_pid}' \
	    "exec env WHYLINE_DB='$db' NO_COLOR=1 LC_ALL=C.UTF-8 '$WHYLINE' $*")
	tp=${_out% *} tpid=${_out#* }
}
# tty_prompts: how many prompts the window has shown.
tty_prompts() {
	tm capture-pane -p -S - -t "$tp" 2>/dev/null | grep -c '^>\( \|$\)'
}
# tty_wait_prompts N: waits until N prompts were shown (10 s at most).
tty_wait_prompts() {
	_i=0
	while [ "$(tty_prompts)" -lt "$1" ]; do
		_i=$((_i + 1))
		[ "$_i" -le 200 ] || return 1
		wl_sleep_tick
	done
}
# tty_wait_text TEXT: waits until the window's last line is TEXT.
tty_wait_text() {
	_i=0
	while [ "$(tm capture-pane -p -t "$tp" 2>/dev/null | sed '/^$/d' | tail -n 1)" != "$1" ]; do
		_i=$((_i + 1))
		[ "$_i" -le 200 ] || return 1
		wl_sleep_tick
	done
}
# tty_type K: types line K of the lines, then Enter.
tty_type() {
	tm send-keys -t "$tp" -l -- "$(sed -n "${1}p" "$tmp/lines")"
	tm send-keys -t "$tp" Enter
}
# tty_answer FROM TO: types lines FROM..TO, each once its prompt is shown
# (the window had shown BASE prompts before line FROM's).
tty_answer() {
	_k=$1
	while [ "$_k" -le "$2" ]; do
		tty_wait_prompts $((_k - $1 + 1)) || return 1
		tty_type "$_k"
		_k=$((_k + 1))
	done
}
# tty_kill: SIGKILL, and waits until the process is gone.
tty_kill() {
	kill -9 "$tpid" 2>/dev/null
	_i=0
	while kill -0 "$tpid" 2>/dev/null && [ "$_i" -lt 200 ]; do
		_i=$((_i + 1))
		wl_sleep_tick
	done
}
# tty_check WHAT K...: the state is expected(K) for one of the K given, and
# integrity_check says ok; failures are collected.
tty_check() {
	_what=$1
	shift
	_got=$(state)
	_ok=false
	for _k in "$@"; do
		[ "$_got" = "$(expected "$_k")" ] && _ok=true
	done
	$_ok || echo "$_what: the database holds '$_got'" >>"$tmp/tty-failures"
	if [ -f "$db" ] && [ "$(wl_sql "$db" "PRAGMA integrity_check")" != ok ]; then
		echo "$_what: integrity_check fails" >>"$tmp/tty-failures"
	fi
	points=$((points + 1))
}
: >"$tmp/tty-failures"

k=0
while [ "$k" -lt "$nsteps" ]; do
	if ! $heavy && [ $((k % 3)) -ne 0 ]; then
		k=$((k + 1))
		continue
	fi
	# Typed: killed once the prompt after answer k is shown.
	rm -rf "$tmp/db"
	tty_start run "$tree"
	{ [ "$k" -eq 0 ] || tty_answer 1 "$k"; } && tty_wait_prompts $((k + 1)) ||
	    echo "typed $k: the prompts did not come" >>"$tmp/tty-failures"
	tty_kill
	tty_check "typed, killed after $k answers" "$k"
	# Half typed: a line typed without Enter is not an answer.
	rm -rf "$tmp/db"
	tty_start run "$tree"
	{ [ "$k" -eq 0 ] || tty_answer 1 "$k"; } && tty_wait_prompts $((k + 1))
	tm send-keys -t "$tp" -l "half typed"
	tty_wait_text "> half typed" || echo "half typed $k: not shown" >>"$tmp/tty-failures"
	tty_kill
	tty_check "half typed after $k answers" "$k"
	# In flight: killed right after Enter, as the answer is written.
	rm -rf "$tmp/db"
	tty_start run "$tree"
	{ [ "$k" -eq 0 ] || tty_answer 1 "$k"; } && tty_wait_prompts $((k + 1))
	tty_type $((k + 1))
	tty_kill
	tty_check "killed as answer $((k + 1)) is written" "$k" $((k + 1))
	# Pasted: every line at once, killed once prompt k + 1 is shown.
	rm -rf "$tmp/db"
	tty_start run "$tree"
	tty_wait_prompts 1
	tm set-buffer -b lines -- "$(cat "$tmp/lines")
"
	tm paste-buffer -d -b lines -t "$tp"
	tty_wait_prompts $((k + 1))
	tty_kill
	_ks=""
	_j=$k
	while [ "$_j" -le "$nsteps" ]; do _ks="$_ks $_j"; _j=$((_j + 1)); done
	tty_check "pasted, killed once $k answers are saved" $_ks
	k=$((k + 1))
done

# During resume: killed after k answers, resumed in the terminal, killed
# again after m more.
k=1
while [ "$k" -lt "$nsteps" ]; do
	m=1
	while [ $((k + m)) -le "$nsteps" ]; do
		if $heavy || { [ "$m" -eq 1 ] && [ $((k % 3)) -eq 0 ]; }; then
			rm -rf "$tmp/db"
			tty_start run "$tree"
			tty_answer 1 "$k" && tty_wait_prompts $((k + 1))
			tty_kill
			tty_start resume
			tty_answer $((k + 1)) $((k + m)) && tty_wait_prompts $((m + 1)) ||
			    echo "resume after $k, $m more: the prompts did not come" >>"$tmp/tty-failures"
			tty_kill
			tty_check "killed after $k answers, resumed, killed after $m more" $((k + m))
		fi
		m=$((m + 1))
	done
	k=$((k + 1))
done

# Mid-paragraph: the lines of a paragraph not yet ended are not stored.
# On a terminal Enter ends a paragraph and Alt-Enter starts a new line of
# it, so the lines are typed with Alt-Enter after each.
ptree=$top_srcdir/tests/data/trees/paragraph.yaml
for n in 1 2 3 4 5; do
	rm -rf "$tmp/db"
	tty_start run "$ptree"
	tty_wait_prompts 1
	i=1
	while [ "$i" -le "$n" ]; do
		tm send-keys -t "$tp" -l "line $i"
		tm send-keys -t "$tp" M-Enter
		i=$((i + 1))
	done
	tm send-keys -t "$tp" -l "line $i"
	tty_wait_text "  line $i" ||
	    echo "mid-paragraph $n: not shown" >>"$tmp/tty-failures"
	tty_kill
	got=""
	[ ! -f "$db" ] || got=$(wl_sql "$db" "SELECT count(*) FROM answers")
	case $got in
	""|0) ;;
	*) echo "mid-paragraph after $n lines: $got answers stored" >>"$tmp/tty-failures" ;;
	esac
	points=$((points + 1))
done

tap_is "in a real terminal, $points kill -9 points (typed, half typed, in flight, pasted, during resume, mid-paragraph): every answer followed by a prompt is stored exactly once, nothing else, integrity_check ok" \
    "$(cat "$tmp/tty-failures")" "" 
echo "# $points kill -9 points in a real terminal"

tap_done
