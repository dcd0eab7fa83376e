# tmux-lib.sh: what the terminal tests share: a private tmux server
# (without the user's configuration, killed on exit with its socket), and
# bounded polls of capture-pane. Sourced after lib.sh.

sock=whyline-test-$$
esc=$(printf '\033')
socket=

# tmux on the private server, without the user's configuration.
tm() {
	tmux -L "$sock" -f /dev/null "$@"
}

# The server goes, with whatever runs in it, whatever happened, and so does
# its socket, which tmux leaves behind.
wl_cleanup() {
	tm kill-server 2>/dev/null
	if [ -n "${socket:-}" ]; then rm -f "$socket"; fi
}

# tm_wait PANE REGEX: waits until the pane shows a line matching REGEX.
tm_wait() {
	_i=0
	while ! tm capture-pane -p -t "$1" 2>/dev/null | grep -q -- "$2"; do
		_i=$((_i + 1))
		[ "$_i" -le 400 ] || return 1
		wl_sleep_tick
	done
}

# The last line of the pane that is not empty: the line being edited.
tm_last() {
	tm capture-pane -p -t "$1" | sed '/^$/d' | tail -n 1
}

# tm_wait_last PANE TEXT: waits until the line being edited is TEXT.
tm_wait_last() {
	_i=0
	while [ "$(tm_last "$1" 2>/dev/null)" != "$2" ]; do
		_i=$((_i + 1))
		[ "$_i" -le 400 ] || return 1
		wl_sleep_tick
	done
}

# step_by WAIT DESCRIPTION PANE WHAT: a test that `WAIT PANE WHAT` comes
# true; on failure the pane is shown.
step_by() {
	if "$1" "$3" "$4"; then
		tap_ok "$2"
	else
		tap_fail "$2"
		tm capture-pane -p -t "$3" 2>/dev/null | sed '/^$/d' | tap_diag
	fi
}

# step DESCRIPTION PANE REGEX: a test that the pane comes to show REGEX.
step() {
	step_by tm_wait "$@"
}

# step_last DESCRIPTION PANE TEXT: a test that the line being edited
# becomes TEXT.
step_last() {
	step_by tm_wait_last "$@"
}

# tm_start NAME DB COLUMNS ARGS...: runs `whyline ARGS` in a new pane of
# COLUMNS (no colour, a private HOME in $tmp/home), its pid in
# $tmp/NAME.pid, then says how it exited.
tm_start() {
	_n=$1 _db=$2 _cols=$3
	shift 3
	mkdir -p "$tmp/home"
	{
		echo "trap : INT"
		echo "NO_COLOR=1 WHYLINE_DB='$_db' HOME='$tmp/home'"
		echo "export NO_COLOR WHYLINE_DB HOME"
		printf "sh -c 'echo \$\$ >\"\$0\"; exec \"\$@\"' '%s' '%s'" "$tmp/$_n.pid" "$WHYLINE"
		for _a; do printf " '%s'" "$_a"; done
		echo
		echo 'echo "whyline exited $?"'
		echo 'exec sleep 3600'
	} >"$tmp/$_n.sh"
	tm new-session -d -s "$_n" -x "$_cols" -y 50 "exec sh '$tmp/$_n.sh'"
	[ -n "$socket" ] || socket=$(tm display-message -p '#{socket_path}' 2>/dev/null)
}

# keys PANE TEXT...: types each TEXT and Enter.
keys() {
	_p=$1
	shift
	for _t; do tm send-keys -t "$_p" -l "$_t"; tm send-keys -t "$_p" Enter; done
}
