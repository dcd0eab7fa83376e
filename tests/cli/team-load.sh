#!/bin/sh
# The team store under stress, on a real PostgreSQL server: a push killed
# (kill -9) at many points and run again loses nothing and sends nothing
# twice; four processes of four roles pushing 50 sessions each at once into
# a new server (which they migrate together) leave all 200 sessions there,
# each once and whole. The bigger load (20 x 500) and its timing are in
# scripts/bench. Run in the normal build only: a sanitizer build skips it.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir team-load
if nm "$WHYLINE" 2>/dev/null | grep -q __asan_init; then
	tap_skip_all "the load test runs in the normal build only"
fi
. "$top_srcdir/tests/cli/team-lib.sh"

data=$top_srcdir/tests/data/export
tree=$tmp/tree.yaml
cp "$data/tree.yaml" "$tree"
unset WHYLINE_DB

for r in 1 2 3 4; do
	pg_admin "CREATE ROLE load$r LOGIN PASSWORD 'load$r-secret';
	GRANT CREATE ON DATABASE team TO load$r;" >/dev/null
	echo "*:*:*:load$r:load$r-secret" >>"$PGPASSFILE"
	wl_run run "$tree" --db "$tmp/load$r.db" --answers "$data/full.yaml" \
	    --client "Load $r" >/dev/null 2>&1
	wl_clone "$tmp/load$r.db" 49
done

# ---- four at once, into a server whyline never saw ----

for r in 1 2 3 4; do
	"$WHYLINE" push --db "$tmp/load$r.db" --team "$(team_of "load$r")" \
	    >"$tmp/out$r" 2>"$tmp/err$r" &
	eval "pid$r=\$!"
done
ok=true
for r in 1 2 3 4; do
	eval "wl_wait_exit \$pid$r" || ok=false
	[ "$wl_status" = 0 ] || ok=false
done
tap_check "four pushes at once all exit 0" $ok || tap_diag "$tmp"/err?
tap_is "each says it pushed its 50 sessions" "$(cat "$tmp"/out?)" "50 sessions pushed
50 sessions pushed
50 sessions pushed
50 sessions pushed"
tap_is "the server holds 200 sessions, each once" \
    "$(pg_admin "SELECT count(*) || ' ' || count(DISTINCT id) FROM whyline.sessions")" "200 200"
tap_is "the schema was made once" "$(pg_admin "SELECT count(*) || ' ' || max(version) FROM whyline.schema_version")" "1 2"
for r in 1 2 3 4; do
	local_counts "$tmp/load$r.db"
done | sort >"$tmp/local"
server_counts | sort >"$tmp/server"
tap_check "every session arrived whole" cmp -s "$tmp/local" "$tmp/server"

# ---- a push killed at many points, then run again ----

k=$tmp/killed.db
wl_run run "$tree" --db "$k" --answers "$data/full.yaml" --client Killed >/dev/null 2>&1
wl_clone "$k" 59
progress=
for delay in 0.01 0.03 0.05 0.07 0.09 0.11 0.13 0.15 0.2 0.25; do
	"$WHYLINE" push --db "$k" --team "$(team_of alice)" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	progress="$progress $(pg_admin "SELECT count(*) FROM whyline.sessions WHERE owner = 'alice'")"
done
tap_diag_text() { echo "# sessions on the server after each kill:$progress"; }
tap_diag_text
wl_run push --db "$k" --team "$(team_of alice)" >"$tmp/out" 2>"$tmp/err"
tap_is "the push run again exits 0" "$?" 0
tap_is "the server holds the 60 sessions, each once" \
    "$(pg_admin "SELECT count(*) || ' ' || count(DISTINCT id) FROM whyline.sessions WHERE owner = 'alice'")" "60 60"
tap_is "every one whole" "$(server_counts "WHERE owner = 'alice'")" "$(local_counts "$k")"
wl_run push --db "$k" --team "$(team_of alice)" >"$tmp/out" 2>&1
tap_is "and a further push has nothing left to send" "$(cat "$tmp/out")" "0 sessions pushed"
tap_is "the local file is sound" "$(wl_sql "$k" "PRAGMA integrity_check")" ok

tap_done
