/* engine-record.c: the records of the changes an event made, kept for
 * the caller to store (see record.h) until it clears them. */
#include "config.h"

#include "engine-int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Keeps a copy of s alive until the records are cleared. */
const char *
engine_rec_str(struct engine *e, const char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	copy = xstrdup(s);
	xgrow(&e->rec_strs, &e->caprec_strs, e->nrec_strs + 1, sizeof *e->rec_strs);
	e->rec_strs[e->nrec_strs++] = copy;
	return copy;
}

/* Appends a record; every change but a note (or a carry, which only says
 * where an answer came from) makes the walk out of date. */
struct record *
engine_rec_add(struct engine *e, enum record_kind kind, const struct question *q,
    int chain, int rung)
{
	struct record *r;

	xgrow(&e->recs, &e->caprecs, e->nrecs + 1, sizeof *e->recs);
	r = &e->recs[e->nrecs++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->question = q->id.s;
	r->chain = chain;
	r->rung = rung;
	r->parent_chain = -1;
	if (kind != REC_NOTE && kind != REC_CARRY)
		e->dirty = true;
	return r;
}

/* The records since the last clear. */
const struct record *
engine_records(const struct engine *e, size_t *n)
{
	*n = e->nrecs;
	return e->recs;
}

/* Forgets the records (after they were stored). */
void
engine_records_clear(struct engine *e)
{
	size_t i;

	for (i = 0; i < e->nrec_strs; i++)
		free(e->rec_strs[i]);
	e->nrec_strs = 0;
	e->nrecs = 0;
}
