/* team.c: the connection to the team store: libpq loaded with dlopen when
 * a team command connects (the only module that includes libpq-fe.h and
 * dlfcn.h), the refusal of a password in the connection string, the
 * server's migrations (team-schema.c), and moving session documents both
 * ways (see team.h). */
#include "config.h"

#include "team.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* The connection string: the argument, else $WHYLINE_TEAM. */
const char *
team_conninfo(const char *conninfo)
{
	const char *e;

	if (conninfo != NULL)
		return conninfo;
	e = getenv("WHYLINE_TEAM");
	return e != NULL && *e != '\0' ? e : NULL;
}

#ifndef HAVE_LIBPQ

/* Without libpq-dev at build time there is no team store. */
enum team_status
team_open(const char *conninfo, struct team **out, char **err)
{
	*out = NULL;
	*err = xstrdup(_("this whyline was built without the team store "
	    "(libpq-dev was missing when it was configured)"));
	return TEAM_NOT_BUILT;
}

void
team_close(struct team *t)
{
}

const char *
team_error(const struct team *t)
{
	return "";
}

const char *
team_user(const struct team *t)
{
	return "";
}

enum team_status
team_push(struct team *t, const char *doc, char **stamp)
{
	*stamp = NULL;
	return TEAM_NOT_BUILT;
}

enum team_status
team_pull(struct team *t, const char *known,
    bool (*fn)(void *arg, const struct team_doc *), void *arg)
{
	return TEAM_NOT_BUILT;
}

enum team_status
team_push_codes(struct team *t, const char *codes, size_t *changed)
{
	*changed = 0;
	return TEAM_NOT_BUILT;
}

enum team_status
team_pull_codes(struct team *t, char **codes)
{
	*codes = NULL;
	return TEAM_NOT_BUILT;
}

void
team_set_error(struct team *t, const char *msg)
{
}

#else

#include <dlfcn.h>
#include <libpq-fe.h>

#include "team-int.h"

/* The libpq functions whyline calls, found in libpq.so.5 at run time. */
#define PQ_FUNCS(X) \
	X(PQconnectdbParams) X(PQstatus) X(PQerrorMessage) X(PQfinish) \
	X(PQexec) X(PQexecParams) X(PQresultStatus) X(PQresultErrorField) \
	X(PQresultErrorMessage) X(PQclear) X(PQntuples) X(PQgetvalue) \
	X(PQgetisnull) X(PQconninfoParse) X(PQconninfoFree) \
	X(PQsetNoticeProcessor) X(PQfreemem)

#define PQ_FIELD(f) __typeof__(f) *f;
static struct {
	void *handle;
	PQ_FUNCS(PQ_FIELD)
} pq;

/* A key the server's advisory lock takes while it migrates: "WhyL". */
#define MIGRATE_LOCK 0x5768794C

struct team {
	PGconn *conn;
	char *user;
	char *err;
};

/* Loads libpq.so.5 once; on failure says why in *err. */
static bool
load_libpq(char **err)
{
	void *h;

	if (pq.handle != NULL)
		return true;
	h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		*err = xasprintf(_("cannot load libpq.so.5 (install libpq5): "
		    "%s"), dlerror());
		return false;
	}
#define PQ_LOAD(f) \
	if ((*(void **)&pq.f = dlsym(h, #f)) == NULL) { \
		*err = xasprintf(_("cannot load libpq.so.5: %s"), dlerror()); \
		dlclose(h); \
		return false; \
	}
	PQ_FUNCS(PQ_LOAD)
#undef PQ_LOAD
	pq.handle = h;
	return true;
}

/* A copy of a libpq message in one line, without the final line break. */
static char *
one_line(const char *msg)
{
	char *s = xstrdup(msg != NULL ? msg : ""), *p, *q;

	/* Line breaks and runs of blanks become one space. */
	for (p = q = s; *p != '\0'; p++) {
		char c = *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p;

		if (c == ' ' && (q == s || q[-1] == ' '))
			continue;
		*q++ = c;
	}
	while (q > s && q[-1] == ' ')
		q--;
	*q = '\0';
	str_strip_controls(s, false);
	return s;
}

/* Records a message and returns status. */
static enum team_status
fail(struct team *t, enum team_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static enum team_status
fail(struct team *t, enum team_status status, const char *fmt, ...)
{
	va_list ap;

	free(t->err);
	va_start(ap, fmt);
	t->err = xvasprintf(fmt, ap);
	va_end(ap);
	return status;
}

/* Records the failure of a query result (which is cleared): the server's
 * message, and TEAM_NOT_YOURS for an insufficient privilege (42501), which
 * is what row-level security and whyline.push raise. */
static enum team_status
fail_result(struct team *t, PGresult *res, const char *what)
{
	const char *state = pq.PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *primary = pq.PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	enum team_status st = TEAM_ERROR;
	char *msg;

	msg = one_line(primary != NULL ? primary :
	    res != NULL ? pq.PQresultErrorMessage(res) :
	    pq.PQerrorMessage(t->conn));
	if (state != NULL && strcmp(state, "42501") == 0)
		st = TEAM_NOT_YOURS;
	fail(t, st, "%s: %s", what, msg);
	free(msg);
	pq.PQclear(res);
	return st;
}

/* Runs sql; true when it succeeded (its result is cleared). */
static bool
exec_ok(struct team *t, const char *sql, const char *what,
    enum team_status *st)
{
	PGresult *res = pq.PQexec(t->conn, sql);
	ExecStatusType rs = pq.PQresultStatus(res);

	if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
		pq.PQclear(res);
		return true;
	}
	*st = fail_result(t, res, what);
	return false;
}

/* The first value of a one-row query, or NULL (owned) on failure. */
static char *
query_one(struct team *t, const char *sql, enum team_status *st)
{
	PGresult *res = pq.PQexec(t->conn, sql);
	char *v;

	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK ||
	    pq.PQntuples(res) != 1) {
		*st = fail_result(t, res, _("cannot read the team store"));
		return NULL;
	}
	v = xstrdup(pq.PQgetisnull(res, 0, 0) ? "" : pq.PQgetvalue(res, 0, 0));
	pq.PQclear(res);
	return v;
}

/* The server's schema version: 0 when whyline never ran there; -1 on
 * failure. */
static int
server_version(struct team *t, enum team_status *st)
{
	char *v;
	int n;

	/* From the catalog's tables, read in this statement's snapshot: a
	 * name lookup (to_regclass) could answer from a cache that still
	 * misses what another whyline just created. */
	if ((v = query_one(t, "SELECT EXISTS (SELECT 1 FROM pg_class c"
	    " JOIN pg_namespace n ON n.oid = c.relnamespace"
	    " WHERE n.nspname = 'whyline' AND c.relname = 'schema_version')",
	    st)) == NULL)
		return -1;
	n = strcmp(v, "t") == 0;
	free(v);
	if (!n)
		return 0;
	if ((v = query_one(t, "SELECT max(version) FROM"
	    " whyline.schema_version", st)) == NULL)
		return -1;
	n = atoi(v);
	free(v);
	return n;
}

/* Brings the server's schema to ours, under an advisory lock so that
 * several whylines starting at once migrate it once; refuses a newer one. */
static enum team_status
migrate(struct team *t)
{
	int latest = team_migrations[team_nmigrations - 1].version;
	enum team_status st = TEAM_OK;
	char *sql;
	int v, i;

	if ((v = server_version(t, &st)) < 0)
		return st;
	if (v > latest)
		return fail(t, TEAM_TOO_NEW, _("the team store was made by a "
		    "newer whyline (schema version %d, this one knows %d)"),
		    v, latest);
	if (v == latest)
		return TEAM_OK;
	if (!exec_ok(t, "BEGIN", _("cannot create the team store's schema"),
	    &st))
		return st;
	sql = xasprintf("SELECT pg_advisory_xact_lock(%d)", MIGRATE_LOCK);
	if (!exec_ok(t, sql, _("cannot create the team store's schema"), &st) ||
	    (v = server_version(t, &st)) < 0)
		goto out;
	for (i = 0; i < team_nmigrations; i++) {
		if (team_migrations[i].version <= v)
			continue;
		free(sql);
		sql = xasprintf("%s; UPDATE whyline.schema_version SET"
		    " version = %d", team_migrations[i].sql,
		    team_migrations[i].version);
		if (!exec_ok(t, sql, _("cannot create the team store's "
		    "schema"), &st))
			goto out;
	}
	exec_ok(t, "COMMIT", _("cannot create the team store's schema"), &st);
out:
	free(sql);
	if (st != TEAM_OK) {
		PGresult *res = pq.PQexec(t->conn, "ROLLBACK");

		pq.PQclear(res);
	}
	return st;
}

/* Notices (such as "already exists, skipping") are not for the user. */
static void
quiet(void *arg, const char *msg)
{
}

/* True when the parsed options hold a password. */
static bool
has_password(PQconninfoOption *opts)
{
	PQconninfoOption *o;

	for (o = opts; o != NULL && o->keyword != NULL; o++)
		if (strcmp(o->keyword, "password") == 0 && o->val != NULL &&
		    *o->val != '\0')
			return true;
	return false;
}

/* Connects, refusing a password in conninfo, and migrates. */
enum team_status
team_open(const char *conninfo, struct team **out, char **err)
{
	const char *keys[] = { "dbname", "fallback_application_name", NULL };
	const char *vals[] = { NULL, "whyline", NULL };
	PQconninfoOption *opts;
	enum team_status st = TEAM_OK;
	struct team *t;
	char *perr = NULL, *full, *msg;

	*out = NULL;
	*err = NULL;
	if (!load_libpq(err))
		return TEAM_NOT_BUILT;
	/* A bare word names a service of pg_service.conf. */
	if (strchr(conninfo, '=') == NULL && strstr(conninfo, "://") == NULL)
		full = xasprintf("service=%s", conninfo);
	else
		full = xstrdup(conninfo);
	opts = pq.PQconninfoParse(full, &perr);
	if (opts == NULL) {
		msg = one_line(perr);
		*err = xasprintf(_("the team connection string cannot be "
		    "read: %s"), msg);
		free(msg);
		pq.PQfreemem(perr);
		free(full);
		return TEAM_BAD_CONNINFO;
	}
	if (has_password(opts)) {
		pq.PQconninfoFree(opts);
		free(full);
		*err = xstrdup(_("the team connection string holds a password: "
		    "keep it in ~/.pgpass (PGPASSFILE), a service file or the "
		    "environment instead"));
		return TEAM_BAD_CONNINFO;
	}
	pq.PQconninfoFree(opts);
	t = xcalloc(1, sizeof *t);
	vals[0] = full;
	t->conn = pq.PQconnectdbParams(keys, vals, 1);
	free(full);
	if (t->conn == NULL || pq.PQstatus(t->conn) != CONNECTION_OK) {
		msg = one_line(t->conn != NULL ? pq.PQerrorMessage(t->conn) :
		    "out of memory");
		st = fail(t, TEAM_CONNECT, _("cannot connect to the team store: "
		    "%s"), msg);
		free(msg);
		goto out;
	}
	pq.PQsetNoticeProcessor(t->conn, quiet, NULL);
	if ((t->user = query_one(t, "SELECT current_user", &st)) == NULL)
		goto out;
	st = migrate(t);
out:
	if (st != TEAM_OK) {
		*err = t->err;
		t->err = NULL;
		team_close(t);
		return st;
	}
	*out = t;
	return TEAM_OK;
}

/* Closes the connection; t may be NULL. */
void
team_close(struct team *t)
{
	if (t == NULL)
		return;
	if (t->conn != NULL)
		pq.PQfinish(t->conn);
	free(t->user);
	free(t->err);
	free(t);
}

const char *
team_error(const struct team *t)
{
	return t->err != NULL ? t->err : "";
}

const char *
team_user(const struct team *t)
{
	return t->user;
}

void
team_set_error(struct team *t, const char *msg)
{
	free(t->err);
	t->err = xstrdup(msg);
}

/* Sends one document through whyline.push, in one transaction. */
enum team_status
team_push(struct team *t, const char *doc, char **stamp)
{
	const char *params[1] = { doc };
	PGresult *res;

	*stamp = NULL;
	res = pq.PQexecParams(t->conn, "SELECT whyline.push($1::json)", 1,
	    NULL, params, NULL, NULL, 0);
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK ||
	    pq.PQntuples(res) != 1)
		return fail_result(t, res, _("the team store refuses the "
		    "session"));
	*stamp = xstrdup(pq.PQgetvalue(res, 0, 0));
	pq.PQclear(res);
	return TEAM_OK;
}

/* Reads the sessions that are not known here in their current copy. */
enum team_status
team_pull(struct team *t, const char *known,
    bool (*fn)(void *arg, const struct team_doc *), void *arg)
{
	const char *params[1] = { known };
	struct team_doc d;
	enum team_status st = TEAM_OK;
	PGresult *res;
	int i, n;

	res = pq.PQexecParams(t->conn, "SELECT s.id, s.owner, s.stamp,"
	    " whyline.doc(s.id) FROM whyline.sessions s WHERE NOT EXISTS"
	    " (SELECT 1 FROM json_to_recordset($1::json) AS k(id uuid,"
	    " stamp text) WHERE k.id = s.id AND k.stamp = s.stamp)"
	    " ORDER BY s.started_at, s.id", 1, NULL, params, NULL, NULL, 0);
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		return fail_result(t, res, _("cannot read the team store"));
	n = pq.PQntuples(res);
	for (i = 0; i < n && st == TEAM_OK; i++) {
		d.id = pq.PQgetvalue(res, i, 0);
		d.owner = pq.PQgetvalue(res, i, 1);
		d.stamp = pq.PQgetvalue(res, i, 2);
		d.doc = pq.PQgetvalue(res, i, 3);
		if (!fn(arg, &d))
			st = TEAM_ERROR;
	}
	pq.PQclear(res);
	return st;
}

/* Sends the codes of this file through whyline.push_codes. */
enum team_status
team_push_codes(struct team *t, const char *codes, size_t *changed)
{
	const char *params[1] = { codes };
	PGresult *res;

	*changed = 0;
	res = pq.PQexecParams(t->conn, "SELECT whyline.push_codes($1::json)",
	    1, NULL, params, NULL, NULL, 0);
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		return fail_result(t, res, _("the team store refuses the "
		    "codes"));
	if (pq.PQntuples(res) == 1)
		*changed = (size_t)strtoul(pq.PQgetvalue(res, 0, 0), NULL, 10);
	pq.PQclear(res);
	return TEAM_OK;
}

/* Reads every code on the server. */
enum team_status
team_pull_codes(struct team *t, char **codes)
{
	PGresult *res;

	*codes = NULL;
	res = pq.PQexec(t->conn, "SELECT coalesce(json_agg(json_build_object("
	    "'session_id', session_id, 'question_id', question_id,"
	    " 'chain', chain, 'rung', rung, 'coder', coder, 'code', code,"
	    " 'value', value, 'coded_at', coded_at)), '[]') FROM whyline.codes");
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK || pq.PQntuples(res) != 1)
		return fail_result(t, res, _("cannot read the team store"));
	*codes = xstrdup(pq.PQgetvalue(res, 0, 0));
	pq.PQclear(res);
	return TEAM_OK;
}

#endif
