/* store-schema.c: the database's schema as data: the migrations, applied
 * in order through PRAGMA user_version, and the SQL of every statement the
 * store prepares.
 *
 * Times are UTC ISO 8601 text with milliseconds. In answers, chain and rung
 * are NULL for a question that is not a ladder; a changed answer is not
 * deleted but gets superseded_at. Chains are dropped, not deleted, so one
 * number may have several rows of which at most one is live. */
#include "config.h"

#include "store-int.h"

/* The steps of the schema, oldest first. Never edit a step that shipped;
 * add one. */
const struct store_migration store_migrations[] = {
	{ 1,
	"CREATE TABLE trees ("
	" sha256 TEXT PRIMARY KEY,"
	" source BLOB NOT NULL);"
	"CREATE TABLE sessions ("
	" id TEXT PRIMARY KEY,"
	" tree_id TEXT NOT NULL,"
	" tree_version TEXT,"
	" tree_sha256 TEXT,"
	" tree_path TEXT,"
	" title TEXT,"
	" client TEXT,"
	" consultant TEXT,"
	" language TEXT,"
	" status TEXT NOT NULL DEFAULT 'open'"
	"  CHECK (status IN ('open', 'done')),"
	" started_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" finished_at TEXT);"
	"CREATE INDEX sessions_started ON sessions (started_at);"
	"CREATE INDEX sessions_updated ON sessions (updated_at);"
	"CREATE TABLE answers ("
	" id INTEGER PRIMARY KEY,"
	" session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
	" question_id TEXT NOT NULL,"
	" chain INTEGER,"
	" rung INTEGER,"
	" value TEXT,"
	" skip_reason TEXT,"
	" answered_at TEXT NOT NULL,"
	" superseded_at TEXT);"
	"CREATE INDEX answers_session ON answers (session_id, superseded_at);"
	"CREATE INDEX answers_current"
	" ON answers (session_id, question_id, chain, rung)"
	" WHERE superseded_at IS NULL;"
	"CREATE TABLE chains ("
	" id INTEGER PRIMARY KEY,"
	" session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
	" question_id TEXT NOT NULL,"
	" chain INTEGER NOT NULL,"
	" parent_chain INTEGER,"
	" parent_rung INTEGER,"
	" stop TEXT CHECK (stop IN ('goal', 'stuck', 'depth')),"
	" stopped_at TEXT,"
	" dropped_at TEXT);"
	"CREATE INDEX chains_session ON chains (session_id);"
	"CREATE UNIQUE INDEX chains_live ON chains (session_id, question_id, chain)"
	" WHERE dropped_at IS NULL;"
	"CREATE TABLE notes ("
	" id INTEGER PRIMARY KEY,"
	" session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
	" question_id TEXT,"
	" text TEXT NOT NULL,"
	" noted_at TEXT NOT NULL);"
	"CREATE INDEX notes_session ON notes (session_id);"
	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL,"
	" detail TEXT,"
	" at TEXT NOT NULL);"
	"CREATE INDEX events_session ON events (session_id);" },
	/* `list` reads sessions newest first and filters on client, tree and
	 * status: with those in the index, rows that do not match are never
	 * read from the table. It begins with started_at, so it replaces
	 * sessions_started. */
	{ 2,
	"CREATE INDEX sessions_list"
	" ON sessions (started_at, client, tree_id, status);"
	"DROP INDEX sessions_started;" },
	/* The team store: who owns a session, as the team server knows them
	 * (NULL: never pushed), and, per session, what was last pushed or
	 * pulled of it (mark: its rows then, so that push sends only what is
	 * new or changed; stamp: the server's copy, so that pull fetches only
	 * what changed there). */
	{ 3,
	"ALTER TABLE sessions ADD COLUMN owner TEXT;"
	"CREATE TABLE team_sync ("
	" session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,"
	" mark TEXT,"
	" stamp TEXT);" },
	/* A chain stopped at its goal may hold the goal as the client
	 * restated it (/goal TEXT), beside its rungs. */
	{ 4,
	"ALTER TABLE chains ADD COLUMN goal TEXT;" },
	/* One index of a session's answers instead of two: every answer wrote
	 * a page of each. Its prefixes serve all the session's answers
	 * (session_id), the current ones (superseded_at IS NULL) and the one
	 * an answer replaces (question_id, chain, rung). */
	{ 5,
	"CREATE INDEX answers_by_session"
	" ON answers (session_id, superseded_at, question_id, chain, rung);"
	"DROP INDEX answers_session;"
	"DROP INDEX answers_current;" },
	/* The codes of ladder rungs (whyline code, whyline map): one per rung
	 * and coder, with the rung's text as it was coded, so that a rung
	 * changed since reads as uncoded. Chain 0, rung 0 is the request the
	 * ladder hangs from. */
	{ 6,
	"CREATE TABLE codes ("
	" id INTEGER PRIMARY KEY,"
	" session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
	" question_id TEXT NOT NULL,"
	" chain INTEGER NOT NULL,"
	" rung INTEGER NOT NULL,"
	" coder TEXT NOT NULL,"
	" code TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" coded_at TEXT NOT NULL);"
	"CREATE UNIQUE INDEX codes_rung"
	" ON codes (session_id, question_id, chain, rung, coder);" },
	/* Beside each tree's source, its compiled model (tree-pack.h), one
	 * per layout: derived from the source, made again when missing or
	 * unreadable, never merged nor sent. A model is several pages, so
	 * the table keeps its rowid (WITHOUT ROWID suits small rows). */
	{ 7,
	"CREATE TABLE tree_models ("
	" sha256 TEXT NOT NULL,"
	" format INTEGER NOT NULL,"
	" model BLOB NOT NULL,"
	" PRIMARY KEY (sha256, format));" },
};

const size_t store_nmigrations =
    sizeof store_migrations / sizeof store_migrations[0];

/* The columns every session query returns, in session_row_read's order. */
#define SESSION_COLUMNS \
	"SELECT id, tree_id, tree_version, tree_sha256, tree_path, title," \
	" client, consultant, language, status, started_at, updated_at," \
	" finished_at, (SELECT count(*) FROM answers a" \
	"  WHERE a.session_id = s.id AND a.superseded_at IS NULL)"
#define SESSION_SELECT SESSION_COLUMNS " FROM sessions s "

/* Without ORDER BY id: SQLite would sort the rows in a temporary b-tree
 * (about 20,000 instructions a call, 2,000 a row), where store_answers
 * sorts them by their id itself. */
#define ANSWER_SELECT \
	"SELECT question_id, chain, rung, value, skip_reason, answered_at," \
	" superseded_at, id FROM answers WHERE session_id = :sid "

#define CODES_SELECT \
	"SELECT c.session_id, c.question_id, c.chain, c.rung, c.coder, c.code," \
	" c.value, c.coded_at, s.language FROM codes c" \
	" JOIN sessions s ON s.id = c.session_id "

/* The SQL of every prepared statement, parameters bound by name. */
const char *const store_stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_BEGIN_READ] = "BEGIN DEFERRED",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_TREE_INSERT] = "INSERT INTO trees (sha256, source)"
	    " VALUES (:sha, :src) ON CONFLICT (sha256) DO NOTHING",
	/* One statement for both: each one prepared costs a command more
	 * than reading what it reads. */
	[ST_TREE_KEPT] = "SELECT source, (SELECT model FROM tree_models"
	    " WHERE sha256 = :sha AND format = :format) FROM trees"
	    " WHERE sha256 = :sha",
	/* A model already there as it would be written is left alone: a new
	 * session of a known tree writes no page of it. */
	[ST_TREE_MODEL_PUT] = "INSERT INTO tree_models (sha256, format, model)"
	    " VALUES (:sha, :format, :model) ON CONFLICT (sha256, format)"
	    " DO UPDATE SET model = excluded.model"
	    " WHERE model IS NOT excluded.model",
	[ST_SESSION_INSERT] = "INSERT INTO sessions (id, tree_id,"
	    " tree_version, tree_sha256, tree_path, title, client, consultant,"
	    " language, status, started_at, updated_at) VALUES (:id, :tree_id,"
	    " :tree_version, :tree_sha256, :tree_path, :title, :client,"
	    " :consultant, :language, 'open', :started, :now)",
	[ST_SESSION_TOUCH] = "UPDATE sessions SET updated_at = :now"
	    " WHERE id = :id",
	[ST_SESSION_BY_ID] = SESSION_SELECT "WHERE id = :id",
	/* The count as a subquery, not a window: a window builds a
	 * temporary table on every call. */
	[ST_SESSION_BY_PREFIX] = SESSION_COLUMNS ", (SELECT count(*)"
	    " FROM sessions WHERE id >= :lo AND id < :hi)"
	    " FROM sessions s WHERE id >= :lo AND id < :hi ORDER BY id LIMIT 1",
	[ST_SESSION_LATEST] = SESSION_SELECT
	    "ORDER BY updated_at DESC, rowid DESC LIMIT 1",
	[ST_SESSION_LIST] = SESSION_SELECT
	    "WHERE (:client IS NULL OR whyline_contains(client, :client))"
	    " AND (:tree IS NULL OR tree_id = :tree)"
	    " AND (:status IS NULL OR status = :status)"
	    " ORDER BY started_at DESC, rowid DESC",
	[ST_SESSION_LANGUAGE] = "UPDATE sessions SET language = :lang,"
	    " updated_at = :now WHERE id = :id",
	[ST_SESSION_STATUS] = "UPDATE sessions SET status = :status,"
	    " finished_at = CASE WHEN :status = 'done'"
	    " THEN coalesce(finished_at, :now) END,"
	    " updated_at = :now WHERE id = :id",
	[ST_SESSION_TREE] = "UPDATE sessions SET tree_sha256 = :sha,"
	    " updated_at = :now WHERE id = :id",
	[ST_EVENT_INSERT] = "INSERT INTO events (session_id, kind, detail, at)"
	    " VALUES (:sid, :kind, :detail, :now)",
	[ST_ANSWER_SUPERSEDE] = "UPDATE answers SET superseded_at = :now"
	    " WHERE session_id = :sid AND question_id = :q AND chain IS :chain"
	    " AND rung IS :rung AND superseded_at IS NULL",
	[ST_ANSWER_INSERT] = "INSERT INTO answers (session_id, question_id,"
	    " chain, rung, value, skip_reason, answered_at) VALUES (:sid, :q,"
	    " :chain, :rung, :value, :reason, :now)",
	[ST_ANSWER_RETRACT] = "UPDATE answers SET superseded_at = :now"
	    " WHERE session_id = :sid AND question_id = :q AND chain IS :chain"
	    " AND coalesce(rung, 0) >= :rung AND superseded_at IS NULL",
	[ST_CHAIN_INSERT] = "INSERT INTO chains (session_id, question_id,"
	    " chain, parent_chain, parent_rung) VALUES (:sid, :q, :chain,"
	    " :parent_chain, :parent_rung)"
	    " ON CONFLICT (session_id, question_id, chain)"
	    " WHERE dropped_at IS NULL DO UPDATE SET"
	    " parent_chain = excluded.parent_chain,"
	    " parent_rung = excluded.parent_rung, stop = NULL, stopped_at = NULL",
	[ST_CHAIN_STOP] = "UPDATE chains SET stop = :stop, goal = :goal,"
	    " stopped_at ="
	    " CASE WHEN :stop IS NULL THEN NULL ELSE :now END"
	    " WHERE session_id = :sid AND question_id = :q AND chain = :chain"
	    " AND dropped_at IS NULL",
	[ST_CHAIN_DROP] = "UPDATE chains SET dropped_at = :now"
	    " WHERE session_id = :sid AND question_id = :q AND chain = :chain"
	    " AND dropped_at IS NULL",
	[ST_NOTE_INSERT] = "INSERT INTO notes (session_id, question_id, text,"
	    " noted_at) VALUES (:sid, :q, :text, :now)",
	[ST_ANSWERS_ALL] = ANSWER_SELECT,
	[ST_ANSWERS_CURRENT] = ANSWER_SELECT "AND superseded_at IS NULL",
	[ST_CHAINS] = "SELECT question_id, chain, parent_chain, parent_rung,"
	    " stop, dropped_at IS NOT NULL, goal FROM chains WHERE session_id = :sid"
	    " ORDER BY id",
	[ST_NOTES] = "SELECT question_id, text, noted_at FROM notes"
	    " WHERE session_id = :sid ORDER BY id",
	[ST_EVENTS] = "SELECT kind, detail, at FROM events"
	    " WHERE session_id = :sid ORDER BY id",
	[ST_CLIENT_ANSWERS] = "SELECT a.question_id, a.chain, a.rung, a.value,"
	    " a.skip_reason, a.answered_at, a.superseded_at, a.session_id"
	    " FROM sessions s JOIN answers a ON a.session_id = s.id"
	    " WHERE whyline_same(s.client, :client)"
	    " AND (:except IS NULL OR s.id <> :except)"
	    " AND a.superseded_at IS NULL AND a.value IS NOT NULL"
	    " AND a.chain IS NULL"
	    " ORDER BY a.answered_at DESC, a.id DESC",
	[ST_CODE_SET] = "INSERT INTO codes (session_id, question_id, chain,"
	    " rung, coder, code, value, coded_at) VALUES (:sid, :q, :chain,"
	    " :rung, :coder, :code, :value, :now) ON CONFLICT (session_id,"
	    " question_id, chain, rung, coder) DO UPDATE SET"
	    " code = excluded.code, value = excluded.value,"
	    " coded_at = excluded.coded_at",
	/* Two statements, so that one session's codes are read through the
	 * index (an "OR :sid IS NULL" would scan the whole table each time). */
	[ST_CODES] = CODES_SELECT,
	[ST_CODES_SESSION] = CODES_SELECT "WHERE c.session_id = :sid"
	    " ORDER BY c.session_id, c.question_id, c.chain, c.rung,"
	    " c.coded_at, c.id",
};
