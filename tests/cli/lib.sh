# lib.sh: helpers the CLI tests share, sourced with `. "$top_srcdir/tests/cli/lib.sh"`.
# Sourcing it makes a private folder $tmp, removed on exit.
#
# Every script reports in TAP, which automake's tap-driver.sh (the .sh tests'
# log driver) reads: one "ok N - WHAT" or "not ok N - WHAT" line per check
# (tap_ok, tap_fail, tap_check, tap_is; tap_skip for a check that cannot
# run here), details as "#" lines (tap_diag), and the plan "1..N" at the end
# (tap_done, which exits 1 when a check failed). Nothing else may go to
# standard output: send the program's output to files. A script that cannot
# run here at all (a tool that cannot be installed) calls tap_skip_all
# REASON before any check, which prints "1..0 # SKIP REASON" and exits 0:
# tap-driver.sh reports that plan as SKIP, while it counts exit status 77
# (test-driver's skip) as an error.

: "${WHYLINE:?WHYLINE must name the built whyline program}"
: "${top_srcdir:?top_srcdir must name the source folder}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/whyline-test.XXXXXX") || exit 99
# No test touches the user's own database or trees: whyline's default
# places are under this private folder (a test names its own with --db,
# WHYLINE_DB or XDG_DATA_HOME).
XDG_DATA_HOME=$tmp/xdg-data
export XDG_DATA_HOME
trap 'wl_on_exit' 0
trap 'exit 1' HUP INT TERM
tap_name=${0##*/}

# ---- TAP ----

tap_n=0
tap_failed=0

# tap_ok DESCRIPTION: one passing test.
tap_ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}

# tap_fail DESCRIPTION: one failing test; the caller prints why. Returns 1.
# A DESCRIPTION that ends in "# TODO REASON" is a known failure, which
# tap-driver.sh reports as XFAIL and which does not fail the script (the
# same test passing is an XPASS, which does: then remove the TODO).
tap_fail() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $*"
	case $* in
	*"# TODO"*) return 1 ;;
	esac
	tap_failed=$((tap_failed + 1))
	echo "$tap_name: FAILED: $*" >&2
	return 1
}

# tap_check DESCRIPTION COMMAND...: passes when COMMAND succeeds; what it
# printed is shown when it fails, and dropped otherwise. Returns 1 on a
# failure.
tap_check() {
	_d=$1
	shift
	if "$@" >"$tmp/tap-check.out" 2>&1; then
		tap_ok "$_d"
	else
		tap_fail "$_d"
		tap_diag "$tmp/tap-check.out"
		return 1
	fi
}

# tap_is DESCRIPTION GOT EXPECTED: passes when the two strings are equal.
# Returns 1 on a failure.
tap_is() {
	if [ "$2" = "$3" ]; then
		tap_ok "$1"
	else
		tap_fail "$1"
		printf '%s\n' "expected:" "$3" "got:" "$2" | sed 's/^/#   /'
		return 1
	fi
}

# tap_diag FILE...: shows files as TAP comments.
tap_diag() {
	sed 's/^/#   /' "$@"
}

# tap_skip DESCRIPTION REASON: one test that cannot run here.
tap_skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# tap_done: prints the plan and exits 1 when a test failed.
tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ] || exit 1
	exit 0
}

# tap_skip_all REASON: skips the whole script (a tool it needs is missing):
# a plan of 0 with the reason, which tap-driver.sh reports as SKIP, and
# exit 0. Call it before any check.
tap_skip_all() {
	echo "1..0 # SKIP $*"
	echo "$tap_name: SKIP: $*" >&2
	exit 0
}

# ---- a private folder ----

# wl_tmpdir NAME: names the test in messages ($tap_name); $tmp, made when
# this file was sourced, is removed on exit, after wl_cleanup (if the test
# defines it) runs.
wl_tmpdir() {
	tap_name=$1
}

# Runs the test's clean-up, ends a background whyline still running, then
# removes $tmp.
wl_on_exit() {
	_st=$?
	if command -v wl_cleanup >/dev/null 2>&1; then wl_cleanup; fi
	if [ -n "${wl_pid:-}" ]; then kill -9 "$wl_pid" 2>/dev/null; fi
	rm -rf "$tmp"
	exit $_st
}

# ---- running whyline ----

# wl_run ARG...: runs whyline with a time limit ($WL_TIMEOUT seconds, 60 by
# default), so that nothing can hang the suite.
wl_run() {
	timeout "${WL_TIMEOUT:-60}" "$WHYLINE" "$@"
}

# wl_sql DB SQL: runs SQL with the sqlite3 CLI, fields separated by '|'.
wl_sql() {
	sqlite3 -batch -noheader -separator '|' "$1" ".timeout 10000" "$2"
}

# wl_need_sqlite3: skips the script when the sqlite3 CLI is missing.
wl_need_sqlite3() {
	command -v sqlite3 >/dev/null 2>&1 || tap_skip_all "the sqlite3 program is missing"
}

# wl_sleep_tick: a short pause between two polls.
wl_sleep_tick() {
	sleep 0.05 2>/dev/null || sleep 1
}

# wl_wait_count FILE REGEX N: waits until FILE has at least N lines that
# match REGEX (grep -E), for at most $WL_WAIT seconds (20 by default);
# fails when they do not appear.
wl_wait_count() {
	_limit=$(( ${WL_WAIT:-20} * 20 ))
	_i=0
	while :; do
		_c=$(grep -Ec -- "$2" "$1" 2>/dev/null) || _c=0
		[ "${_c:-0}" -ge "$3" ] && return 0
		_i=$((_i + 1))
		[ "$_i" -le "$_limit" ] || return 1
		wl_sleep_tick
	done
}

# wl_wait_exit PID: waits for a background process to end, for at most
# $WL_WAIT seconds; its status is in $wl_status. Fails (and kills it) when
# it does not end.
wl_wait_exit() {
	_limit=$(( ${WL_WAIT:-20} * 20 ))
	_i=0
	while kill -0 "$1" 2>/dev/null; do
		_i=$((_i + 1))
		if [ "$_i" -gt "$_limit" ]; then
			kill -9 "$1" 2>/dev/null
			wait "$1" 2>/dev/null
			wl_status=timeout
			return 1
		fi
		wl_sleep_tick
	done
	wait "$1"
	wl_status=$?
	return 0
}

# ---- whyline in the background, fed line by line ----

# wl_bg_start FIFO OUT ERR ARG...: starts `whyline ARG...` in the background
# reading the fifo FIFO (made here), writing to OUT and ERR, and opens fd 7
# on the fifo to feed it. $wl_pid is whyline's own pid (not a wrapper's), for
# signals. It cannot hang the suite: closing fd 7, which exit does, ends its
# input, and wl_on_exit kills it.
wl_bg_start() {
	_fifo=$1 _out=$2 _err=$3
	shift 3
	rm -f "$_fifo"
	mkfifo "$_fifo" || return 1
	# Emptied here, not only by the background shell: a wait on ERR must
	# not see what a previous run left in it before this one starts.
	: >"$_out"
	: >"$_err"
	( exec "$WHYLINE" "$@" <"$_fifo" >"$_out" 2>"$_err" ) &
	wl_pid=$!
	exec 7>"$_fifo"
}

# wl_bg_send LINE: types LINE and Enter.
wl_bg_send() {
	printf '%s\n' "$1" >&7
}

# wl_bg_close: ends the input of the background whyline.
wl_bg_close() {
	exec 7>&-
}

# wl_bg_wait: waits for the background whyline to end (see wl_wait_exit);
# its status is in $wl_status, and $wl_pid is forgotten.
wl_bg_wait() {
	wl_wait_exit "$wl_pid"
	_r=$?
	wl_pid=
	return $_r
}

# ---- checks ----

# True when file holds a sanitizer's report.
has_sanitizer_report() {
	grep -E 'runtime error|AddressSanitizer|LeakSanitizer' "$1" >/dev/null
}

# True when file holds no sanitizer's report.
no_sanitizer_report() {
	! has_sanitizer_report "$1"
}
