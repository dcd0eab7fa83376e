/* carry.c: a client's known answers, offered again (see carry.h): the
 * candidates are the current answers of the client's other sessions, the
 * latest first; each is checked against its own session (loaded once,
 * its kept tree read once) before it is offered: the same question id of
 * a compatible type, still reached there, still its answer. */
#include "config.h"

#include "carry.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "util.h"

/* One candidate answer, copied out of the store's row. */
struct cand {
	const struct question *q;	/* the question here */
	char *session;
	char *value;
	char *at;
};

/* What the store's read collects. */
struct gather {
	const struct tree *t;
	const bool *wanted;	/* by question index */
	struct cand *v;
	size_t n, cap;
};

/* Keeps a candidate for a question that is wanted here. */
static void
gather_row(void *arg, const struct answer_row *r, const char *session)
{
	struct gather *g = arg;
	const struct question *q = tree_question(g->t, r->question);
	struct cand *c;

	if (q == NULL || !g->wanted[q->index] || r->value == NULL || session == NULL)
		return;
	xgrow(&g->v, &g->cap, g->n + 1, sizeof *g->v);
	c = &g->v[g->n++];
	c->q = q;
	c->session = xstrdup(session);
	c->value = xstrdup(r->value);
	c->at = xstrdup_null(r->answered_at);
}

/* True when an answer to a question of type from can be offered at a
 * question of type to. */
static bool
types_compatible(enum qtype from, enum qtype to)
{
	if (from == to)
		return true;
	return (from == QT_TEXT || from == QT_PARAGRAPH) &&
	    (to == QT_TEXT || to == QT_PARAGRAPH);
}

/* The client's other sessions, each loaded once. */
struct sources {
	struct hmap by_id;	/* id -> session, or &unusable */
	struct session **v;
	char **ids;
	size_t n, cap;
	struct session_trees trees;
};

/* Marks a session that could not be loaded in sources.by_id. */
static char unusable;

/* The source session id, loaded the first time it is asked for; NULL when
 * it cannot be (its tree unreadable); *failed when the store failed. */
static struct session *
source_get(struct sources *src, struct store *s, const char *id,
    const char *locale_dir, bool *failed)
{
	void *known = hmap_get(&src->by_id, id);
	struct session *ss;
	enum session_status st;
	char *err = NULL;

	if (known != NULL)
		return known != (void *)&unusable ? known : NULL;
	ss = xcalloc(1, sizeof *ss);
	st = session_load_shared(ss, s, id, SESSION_TREE_KEPT, "en", locale_dir,
	    &src->trees, &err);
	free(err);
	if (st != SESSION_OK) {
		*failed = st == SESSION_STORAGE;
		session_clear(ss);
		free(ss);
		ss = NULL;
	}
	xgrow(&src->v, &src->cap, src->n + 1, sizeof *src->v);
	src->ids = xrealloc(src->ids, src->cap * sizeof *src->ids);
	src->v[src->n] = ss;
	src->ids[src->n] = xstrdup(id);
	hmap_put(&src->by_id, src->ids[src->n], ss != NULL ? (void *)ss : (void *)&unusable);
	src->n++;
	return ss;
}

/* Frees the loaded sessions. */
static void
sources_free(struct sources *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		if (src->v[i] != NULL) {
			session_clear(src->v[i]);
			free(src->v[i]);
		}
		free(src->ids[i]);
	}
	free(src->v);
	free(src->ids);
	hmap_free(&src->by_id);
	session_trees_free(&src->trees);
}

/* True when c is still the answer its session holds: a question of its id
 * and a compatible type there, reached, answered with this value. */
static bool
cand_holds(const struct cand *c, const struct session *src)
{
	const struct question *sq = tree_question(src->tree, c->q->id.s);
	const char *v;
	bool answered = false, skipped = false;

	if (sq == NULL || !types_compatible(sq->type, c->q->type) ||
	    !engine_reached(src->engine, sq))
		return false;
	v = engine_value(src->engine, sq, &answered, &skipped, NULL);
	return answered && !skipped && v != NULL && strcmp(v, c->value) == 0;
}

/* True when mode carries q. */
static bool
carried(const struct question *q, enum carry_mode mode)
{
	if (q->type == QT_LADDER || q->type == QT_NOTE || mode == CARRY_OFF)
		return false;
	return mode == CARRY_ALL || q->carry;
}

/* Offers the client's known answers at the questions mode carries. */
long
carry_offer(struct session *ss, struct store *s, enum carry_mode mode,
    const char *locale_dir, char **err)
{
	const struct tree *t = ss->tree;
	struct gather g = { 0 };
	struct sources src = { 0 };
	bool *wanted, *done, any = false, failed = false;
	long offered = 0;
	size_t i;

	*err = NULL;
	if (mode == CARRY_OFF || ss->row.client == NULL || *ss->row.client == '\0')
		return 0;
	wanted = xcalloc(t->nall + 1, sizeof *wanted);
	done = xcalloc(t->nall + 1, sizeof *done);
	for (i = 0; i < t->nall; i++)
		any |= wanted[i] = carried(t->all[i], mode);
	g.t = t;
	g.wanted = wanted;
	if (any && store_client_answers(s, ss->row.client, ss->row.id[0] != '\0' ?
	    ss->row.id : NULL, gather_row, &g) != STORE_OK) {
		*err = xstrdup(store_error(s));
		offered = -1;
		goto out;
	}
	/* The latest first: the first that holds is offered, or is not when
	 * it is no longer a valid answer here. */
	for (i = 0; i < g.n && !failed; i++) {
		const struct cand *c = &g.v[i];
		struct session *from;

		if (done[c->q->index])
			continue;
		from = source_get(&src, s, c->session, locale_dir, &failed);
		if (from == NULL || !cand_holds(c, from))
			continue;
		done[c->q->index] = true;
		if (engine_offer(ss->engine, c->q, c->value, c->session, c->at))
			offered++;
	}
	if (failed) {
		*err = xstrdup(store_error(s));
		offered = -1;
	}
out:
	for (i = 0; i < g.n; i++) {
		free(g.v[i].session);
		free(g.v[i].value);
		free(g.v[i].at);
	}
	free(g.v);
	free(wanted);
	free(done);
	sources_free(&src);
	return offered;
}

/* Splits a carry event's detail. */
bool
carry_detail_parse(const char *detail, char **question, char **from, char **at)
{
	const char *sp1, *sp2;

	*question = *from = *at = NULL;
	if (detail == NULL || (sp1 = strchr(detail, ' ')) == NULL ||
	    (sp2 = strchr(sp1 + 1, ' ')) == NULL || sp1 == detail ||
	    sp2 == sp1 + 1 || sp2[1] == '\0' || strchr(sp2 + 1, ' ') != NULL)
		return false;
	*question = xstrndup(detail, (size_t)(sp1 - detail));
	*from = xstrndup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
	*at = xstrdup(sp2 + 1);
	return true;
}

/* The carry events of a session, the latest for each question, and the
 * time of each question's current answer. */
struct confirm_read {
	const struct tree *t;
	struct carry_confirmed *by_q;	/* by question index */
	char **answered_at;		/* by question index */
	bool any;
};

/* Keeps a carry event, the latest of its question. */
static void
confirm_event(void *arg, const struct event_row *r)
{
	struct confirm_read *cr = arg;
	const struct question *q;
	struct carry_confirmed *c;
	char *qid, *from, *at;

	if (strcmp(r->kind, "carry") != 0 || !carry_detail_parse(r->detail, &qid, &from, &at))
		return;
	q = tree_question(cr->t, qid);
	free(qid);
	if (q == NULL || r->at == NULL) {
		free(from);
		free(at);
		return;
	}
	c = &cr->by_q[q->index];
	free(c->from);
	free(c->from_at);
	free(c->at);
	c->q = q;
	c->from = from;
	c->from_at = at;
	c->at = xstrdup(r->at);
	cr->any = true;
}

/* Keeps the time of a current answer that is not a rung. */
static void
confirm_answer(void *arg, const struct answer_row *r)
{
	struct confirm_read *cr = arg;
	const struct question *q = tree_question(cr->t, r->question);

	if (q == NULL || r->chain >= 0 || r->answered_at == NULL)
		return;
	free(cr->answered_at[q->index]);
	cr->answered_at[q->index] = xstrdup(r->answered_at);
}

/* Frees what one confirmation holds. */
static void
confirmed_clear(struct carry_confirmed *c)
{
	free(c->from);
	free(c->from_at);
	free(c->at);
}

/* The confirmed answers that still stand. */
bool
carry_confirmed(struct session *ss, struct store *s, struct carry_confirmed **out,
    size_t *n, char **err)
{
	const struct tree *t = ss->tree;
	struct confirm_read cr = { 0 };
	bool ok = true;
	size_t i;

	*out = NULL;
	*n = 0;
	*err = NULL;
	cr.t = t;
	cr.by_q = xcalloc(t->nall + 1, sizeof *cr.by_q);
	cr.answered_at = xcalloc(t->nall + 1, sizeof *cr.answered_at);
	if (store_events(s, ss->row.id, confirm_event, &cr) != STORE_OK ||
	    (cr.any && store_answers(s, ss->row.id, true, confirm_answer, &cr) != STORE_OK)) {
		*err = xstrdup(store_error(s));
		ok = false;
	}
	for (i = 0; i < t->nall; i++) {
		struct carry_confirmed *c = &cr.by_q[i];
		bool answered = false, skipped = false;

		/* It stands while the answer is the one confirmed then: not
		 * given again later, and still reached. */
		if (ok && c->q != NULL && cr.answered_at[i] != NULL &&
		    strcmp(cr.answered_at[i], c->at) <= 0 &&
		    engine_reached(ss->engine, c->q) &&
		    engine_value(ss->engine, c->q, &answered, &skipped, NULL) != NULL &&
		    answered && !skipped) {
			*out = xrealloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = *c;
		} else {
			confirmed_clear(c);
		}
		free(cr.answered_at[i]);
	}
	free(cr.by_q);
	free(cr.answered_at);
	return ok;
}

/* Frees what carry_confirmed returned. */
void
carry_confirmed_free(struct carry_confirmed *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		confirmed_clear(&v[i]);
	free(v);
}
