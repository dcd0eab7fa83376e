# team-lib.sh: a private PostgreSQL server for the team store's tests,
# sourced after lib.sh: `. "$top_srcdir/tests/cli/team-lib.sh"`.
#
# It runs Debian's postgresql package (initdb, pg_ctl): a cluster in a
# fresh folder owned by an unprivileged user (postgres refuses to run as
# root: as root, the user nobody runs it, through runuser), listening on a
# Unix socket in that folder only, with password (SCRAM) authentication. It
# is stopped and removed on exit. A machine without the package, where it
# cannot be installed, skips the script. It defines:
#   $pg_host        the socket folder, for host=
#   pg_admin SQL    runs SQL as the superuser, in database team
#   $PGPASSFILE     the password file whyline reads: alice, bob (their own
#                   passwords), carol (a wrong one)
#   team_of ROLE    the connection string of ROLE to database team

# A whyline configured where libpq-dev could not be installed has no team
# store to test.
if LC_ALL=C LANGUAGE= "$WHYLINE" push --team x 2>&1 | grep -q "built without the team store"; then
	tap_skip_all "whyline was built without libpq-dev"
fi

pg_bin=
for _d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
	if [ -x "$_d/initdb" ] && [ -x "$_d/pg_ctl" ]; then
		pg_bin=$_d
		break
	fi
done
if [ -z "$pg_bin" ] && command -v initdb >/dev/null 2>&1; then
	pg_bin=$(dirname "$(command -v initdb)")
fi
[ -n "$pg_bin" ] || tap_skip_all "PostgreSQL is not installed (Debian package postgresql)"
command -v psql >/dev/null 2>&1 || tap_skip_all "psql is not installed (Debian package postgresql-client)"

# The server runs as this user: ourselves, or nobody when we are root.
pg_as() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

# Outside $tmp, which the server's user may not enter.
pg_host=$(mktemp -d "${TMPDIR:-/tmp}/whyline-pg.XXXXXX") || exit 99
chmod 755 "$pg_host"
[ "$(id -u)" -ne 0 ] || chown nobody "$pg_host"

# Stops the server and removes its folder (wl_on_exit calls it).
wl_cleanup() {
	if [ -f "$pg_host/data/postmaster.pid" ]; then
		pg_as "$pg_bin/pg_ctl" -D "$pg_host/data" -m immediate stop >/dev/null 2>&1
	fi
	rm -rf "$pg_host"
	if command -v team_cleanup >/dev/null 2>&1; then team_cleanup; fi
}

printf 'postgres-secret\n' >"$pg_host/pw"
[ "$(id -u)" -ne 0 ] || chown nobody "$pg_host/pw"
if ! pg_as "$pg_bin/initdb" -D "$pg_host/data" -U postgres -E UTF8 --no-locale \
    --auth-local=scram-sha-256 --auth-host=reject --pwfile="$pg_host/pw" \
    >"$tmp/initdb.log" 2>&1; then
	sed 's/^/# /' "$tmp/initdb.log"
	echo "Bail out! initdb failed"
	exit 1
fi
if ! pg_as "$pg_bin/pg_ctl" -D "$pg_host/data" -l "$pg_host/log" -w -t 60 \
    -o "-k $pg_host -c listen_addresses= -c fsync=off -c max_connections=60" \
    start >"$tmp/pg_ctl.log" 2>&1; then
	sed 's/^/# /' "$tmp/pg_ctl.log" "$pg_host/log"
	echo "Bail out! the PostgreSQL server did not start"
	exit 1
fi

PGPASSFILE=$tmp/pgpass
export PGPASSFILE
cat >"$PGPASSFILE" <<PASS
*:*:*:postgres:postgres-secret
*:*:*:alice:alice-secret
*:*:*:bob:bob-secret
*:*:*:carol:not-her-password
PASS
chmod 600 "$PGPASSFILE"
unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE WHYLINE_TEAM

pg_admin() {
	psql "host=$pg_host user=postgres dbname=${2:-team}" -X -q -A -t \
	    -v ON_ERROR_STOP=1 -c "$1"
}

team_of() {
	echo "host=$pg_host dbname=team user=$1"
}

pg_admin "CREATE DATABASE team" postgres >/dev/null || exit 1
pg_admin "CREATE ROLE alice LOGIN PASSWORD 'alice-secret';
CREATE ROLE bob LOGIN PASSWORD 'bob-secret';
CREATE ROLE carol LOGIN PASSWORD 'carol-secret';
GRANT CREATE ON DATABASE team TO alice;" >/dev/null || exit 1

# wl_clone DB N: adds N copies of DB's first session, with new ids and
# clients "CLIENT 1" to "CLIENT N", each with every row of the original.
wl_clone() {
	wl_sql "$1" "
	CREATE TEMP TABLE first AS SELECT id FROM sessions ORDER BY started_at LIMIT 1;
	CREATE TEMP TABLE copies AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
	  SELECT i + 1 FROM n WHERE i < $2)
	  SELECT i, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
	    substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) ||
	    '-' || hex(randomblob(6))) AS id FROM n;
	INSERT INTO sessions (id, tree_id, tree_version, tree_sha256, tree_path,
	  title, client, consultant, language, status, started_at, updated_at,
	  finished_at)
	  SELECT c.id, tree_id, tree_version, tree_sha256, tree_path, title,
	  client || ' ' || c.i, consultant, language, status, started_at,
	  updated_at, finished_at FROM copies c, sessions s
	  WHERE s.id = (SELECT id FROM first);
	INSERT INTO answers (session_id, question_id, chain, rung, value,
	  skip_reason, answered_at, superseded_at)
	  SELECT c.id, question_id, chain, rung, value, skip_reason, answered_at,
	  superseded_at FROM copies c, answers a
	  WHERE a.session_id = (SELECT id FROM first) ORDER BY c.i, a.id;
	INSERT INTO chains (session_id, question_id, chain, parent_chain,
	  parent_rung, stop, stopped_at, dropped_at)
	  SELECT c.id, question_id, chain, parent_chain, parent_rung, stop,
	  stopped_at, dropped_at FROM copies c, chains a
	  WHERE a.session_id = (SELECT id FROM first) ORDER BY c.i, a.id;
	INSERT INTO notes (session_id, question_id, text, noted_at)
	  SELECT c.id, question_id, text, noted_at FROM copies c, notes a
	  WHERE a.session_id = (SELECT id FROM first) ORDER BY c.i, a.id;
	INSERT INTO events (session_id, kind, detail, at)
	  SELECT c.id, kind, detail, at FROM copies c, events a
	  WHERE a.session_id = (SELECT id FROM first) ORDER BY c.i, a.id;"
}

# The sessions of a local file, one line each: id, answers (current,
# all), chains, notes, events.
local_counts() {
	wl_sql "$1" "SELECT s.id,
	  (SELECT coalesce(sum(superseded_at IS NULL), 0) || '/' || count(*) FROM answers WHERE session_id = s.id),
	  (SELECT count(*) FROM chains WHERE session_id = s.id),
	  (SELECT count(*) FROM notes WHERE session_id = s.id),
	  (SELECT count(*) FROM events WHERE session_id = s.id)
	  FROM sessions s ORDER BY s.id"
}

# The same, of the team store.
server_counts() {
	pg_admin "SELECT s.id || '|' ||
	  (SELECT count(*) FILTER (WHERE superseded_at IS NULL) || '/' || count(*) FROM whyline.answers WHERE session_id = s.id) || '|' ||
	  (SELECT count(*) FROM whyline.chains WHERE session_id = s.id) || '|' ||
	  (SELECT count(*) FROM whyline.notes WHERE session_id = s.id) || '|' ||
	  (SELECT count(*) FROM whyline.events WHERE session_id = s.id)
	  FROM whyline.sessions s ${1:-} ORDER BY s.id"
}
