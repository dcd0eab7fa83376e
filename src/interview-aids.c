/* interview-aids.c: the live aids of a why ladder during a call: a rung
 * that goes round in a circle (said at once, and recorded as an event), a
 * rung that names a means rather than a reason, and at a chain's last why,
 * how to go on. Each is one line or two, never blocks the answer, and
 * stays off a shared screen with the private ladder it is about. */
#include "config.h"

#include "interview-int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "ladder-aids.h"
#include "util.h"

/* The texts above a rung, one per level from the request (level 0) down. */
struct path {
	char **v;
	size_t n, cap;
};

/* Adds to path the texts of chain ci and the chains above it, down to
 * level upto. */
static void
path_add(struct engine *e, const struct question *q, int ci, unsigned upto,
    struct path *path)
{
	struct engine_chain c;
	size_t k;

	if (!engine_chain(e, q, (size_t)ci, &c))
		return;
	if (c.parent_chain < 0) {
		xgrow(&path->v, &path->cap, path->n + 1, sizeof *path->v);
		path->v[path->n++] = xstrdup(c.from != NULL ? c.from : "");
	} else {
		path_add(e, q, c.parent_chain, (unsigned)c.parent_rung, path);
		if (!engine_chain(e, q, (size_t)ci, &c))
			return;
	}
	for (k = 0; k < c.nrungs && c.first_level + k <= upto; k++) {
		xgrow(&path->v, &path->cap, path->n + 1, sizeof *path->v);
		path->v[path->n++] = xstrdup(c.rungs[k]);
	}
}

/* The tree's own means of ladder q, as strings (owned array, borrowed
 * strings). */
static const char **
tree_means(const struct question *q)
{
	const char **v = xcalloc(q->x->nmeans + 1, sizeof *v);
	size_t i;

	for (i = 0; i < q->x->nmeans; i++)
		v[i] = q->x->means[i].s;
	return v;
}

/* Adds to b the aid a rung raises: a circle (with *circle, the event's
 * detail), else a means. */
static void
rung_aids(struct interview *iv, struct ladder_aids *a, const struct question *q,
    const struct record *r, struct buf *b, char **circle)
{
	struct path path = { 0 };
	const char **mine;
	size_t back, i;

	path_add(iv->s.engine, q, r->chain, (unsigned)r->rung - 1, &path);
	back = path.n == (size_t)r->rung ?
	    ladder_aids_circle(a, (const char *const *)path.v, path.n, r->value) : 0;
	if (back > 0) {
		free(*circle);
		*circle = xasprintf("%s %d %d %zu", q->id.s, r->chain, r->rung,
		    (size_t)r->rung - back);
		if (back == 1)
			buf_puts(b, _("This is what they said just before: the chain may be at "
			    "its goal. /goal or ask differently."));
		else
			buf_printf(b, ngettext("This is what they said %zu step ago: the chain may be at "
			    "its goal. /goal or ask differently.", "This is what they said %zu steps ago: "
			    "the chain may be at its goal. /goal or ask differently.", back), back);
		buf_putc(b, '\n');
	}
	/* a circle says enough: the means it may also name is said before */
	mine = tree_means(q);
	if (back == 0 && ladder_aids_means(a, r->value, mine, q->x->nmeans)) {
		char *t = screen_clean(r->value);

		buf_printf(b, _("\"%s\" sounds like a means, not a reason: ask what it would give "
		    "them."), t);
		buf_putc(b, '\n');
		free(t);
	}
	free(mine);
	for (i = 0; i < path.n; i++)
		free(path.v[i]);
	free(path.v);
}

/* The aids the event just accepted at p raises, worked out before its
 * records are stored: lines to show (owned, or NULL), and in *circle the
 * detail of a circle event to record (owned, or NULL). */
char *
aids_words(struct interview *iv, const struct prompt *p, char **circle)
{
	const char *lang = iv->s.row.language;
	struct buf b = { 0 };
	const struct record *r;
	size_t n, i;

	*circle = NULL;
	if (p->q == NULL || p->q->type != QT_LADDER)
		return NULL;
	r = engine_records(iv->s.engine, &n);
	for (i = 0; i < n; i++) {
		if (r[i].kind != REC_ANSWER || r[i].value == NULL || r[i].rung < 1 ||
		    strcmp(r[i].question, p->q->id.s) != 0)
			continue;
		/* built once a call, and again after /lang */
		if (iv->aids == NULL || (iv->aids_lang == NULL) != (lang == NULL) ||
		    (lang != NULL && strcmp(iv->aids_lang, lang) != 0)) {
			ladder_aids_free(iv->aids);
			free(iv->aids_lang);
			iv->aids = ladder_aids_new(lang);
			iv->aids_lang = xstrdup_null(lang);
		}
		rung_aids(iv, iv->aids, p->q, &r[i], &b, circle);
	}
	if (b.len == 0 || screen_hidden(iv, p->q)) {
		buf_free(&b);
		return NULL;
	}
	b.s[--b.len] = '\0';	/* the last line's end */
	return buf_take(&b);
}

/* Shows the aids (owned, may be NULL) and records the circle (owned, may
 * be NULL) as an event; false when it cannot be stored (iv->error says
 * why). */
bool
aids_show(struct interview *iv, char *said, char *circle)
{
	bool ok = true;
	char *line, *next;

	for (line = said; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		screen_aid(iv, line);
	}
	if (circle != NULL && store_event(iv->store, iv->s.row.id, "circle", circle) != STORE_OK) {
		free(iv->error);
		iv->error = xstrdup(store_error(iv->store));
		ok = false;
	}
	free(said);
	free(circle);
	return ok;
}

/* Under a chain's last why: how to go on before the answer stops it at
 * the ladder's depth. */
void
aids_depth(struct interview *iv, const struct prompt *p)
{
	char *rung, *t;

	if (p->kind != PROMPT_RUNG || p->revisit || p->level != p->depth || p->level < 2 ||
	    screen_hidden(iv, p->q))
		return;
	rung = screen_clean(p->rung_text);
	t = xasprintf(_("Last why of this chain: an answer here ends it at its depth. Instead, "
	    "read \"%s\" back as the goal (/goal), add another reason (/also TEXT), or note "
	    "that the client cannot go deeper (/stuck)."), rung);
	screen_aid(iv, t);
	free(t);
	free(rung);
}
