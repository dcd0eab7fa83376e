/* engine-int.h: what the engine's files share and nothing else sees: the
 * state of each question and ladder chain, the slots of the walk, and the
 * helpers one file offers the others. Only src/engine*.c include it.
 *
 * The files call only down this list, never up: engine-record.c (the
 * records), engine-ladder.c (chains), engine-walk.c (conditions, slots,
 * flags), engine-view.c (filled strings, the prompt, the read side),
 * engine.c (life cycle and events), engine-restore.c (a stored session). */
#ifndef WHYLINE_ENGINE_INT_H
#define WHYLINE_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "cond.h"
#include "engine.h"

/* One chain of a ladder's rungs. */
struct chain {
	int parent_chain;
	int parent_rung;
	unsigned first_level;
	char **rungs;
	size_t n;
	size_t cap;
	const char *stop;	/* static string or NULL */
	char *goal;		/* the goal in the client's words (stop is goal), or NULL */
	bool dropped;
};

/* The state of one question. */
struct qstate {
	bool answered;		/* answered or skipped (a skipped ladder too) */
	char *value;		/* NULL when skipped */
	char *reason;
	struct chain *chains;	/* ladders */
	size_t nchains;
	unsigned reached_gen;
	struct cond *when;
	struct cond *validate;
};

/* An answer from an earlier call, offered while its question is not
 * answered (engine_offer). */
struct offer {
	char *value;		/* stored, as answer_parse writes it */
	char *from;		/* the session it came from */
	char *at;		/* when it was given there */
};

/* A place to ask in the walk. */
struct slot {
	const struct question *q;
	int chain;		/* ladders: the chain; -1 otherwise */
	long rung;		/* ladders: an answered rung's index; -1: the open place */
	bool open;
};

/* The whole state: see engine.c. */
struct engine {
	const struct tree *t;
	struct answer_lang lang;
	struct cond_ctx *cc;
	bool borrowed;		/* cc, the conditions and watched are another engine's */
	struct qstate *qs;
	struct cond **section_when;
	struct cond **flag_when;
	bool *flag_reported;
	bool *section_reached;

	unsigned gen;
	bool dirty;
	bool *watched;		/* per question: a `when` or a flag names it */
	bool quiet;		/* the last change moved only the cursor */
	unsigned long walks;	/* whole walks made so far */
	struct slot *slots;
	size_t nslots, capslots;
	size_t first_open;

	bool revisiting;
	struct slot cursor;
	bool confirming;

	char *chain_from;	/* what engine_chain's from points to */

	struct record *recs;
	size_t nrecs, caprecs;
	char **rec_strs;
	size_t nrec_strs, caprec_strs;

	struct offer *offers;	/* by question index, or NULL: none */

	const struct flag **new_flags;
	size_t nnew_flags;
	enum engine_why why;
	char *why_detail;
};

/* How a chain stopped: compared by address. */
extern const char STOP_GOAL[];
extern const char STOP_STUCK[];
extern const char STOP_DEPTH[];

/* The state of q. */
static inline struct qstate *
qstate(const struct engine *e, const struct question *q)
{
	return &e->qs[q->index];
}

/* The level of a chain's rung i. */
static inline unsigned
rung_level(const struct chain *c, size_t i)
{
	return c->first_level + (unsigned)i;
}

/* ---- records (engine-record.c) ---- */

/* Keeps a copy of s alive until the records are cleared. */
const char *engine_rec_str(struct engine *e, const char *s);
/* Appends a record; every change but a note makes the walk out of date. */
struct record *engine_rec_add(struct engine *e, enum record_kind kind,
    const struct question *q, int chain, int rung);

/* ---- ladders (engine-ladder.c) ---- */

/* The goal of a chain: the client's restated goal, else its last rung, or
 * NULL. */
const char *chain_goal(const struct chain *c);
/* The goal of a ladder's first chain (chain_goal), or NULL. */
const char *ladder_goal(const struct qstate *s);
/* True when the ladder has no rung yet in any chain. */
bool ladder_empty(const struct engine *e, const struct question *q);
/* Adds a chain hanging from (pc, pr); returns its index. */
int chain_new(struct engine *e, const struct question *q, int pc, int pr);
/* Makes sure chain 0 exists. */
void chain0(struct engine *e, const struct question *q);
/* Stops (or with NULL, reopens) a chain; goal (may be NULL) is the goal
 * as the client restated it, kept with a stop at the goal. */
void chain_stop(struct engine *e, const struct question *q, int ci, const char *stop,
    const char *goal);
/* Drops chain ci and, through it, the chains that hang from its rungs. */
void chain_drop(struct engine *e, const struct question *q, int ci);
/* Retracts chain ci's rungs from index k on. */
void chain_truncate(struct engine *e, const struct question *q, int ci, size_t k);
/* Appends a rung; stops the chain at the ladder's depth. */
void chain_add(struct engine *e, const struct question *q, int ci, const char *text);
/* Replaces rung i: deeper rungs and the chains hanging from it go. */
void chain_replace(struct engine *e, const struct question *q, int ci, size_t i,
    const char *text);
/* ---- the walk and conditions (engine-walk.c) ---- */

/* What a condition's names are looked up in: the reached answers, and
 * $value in a validate. */
struct lookup {
	const struct engine *e;
	const char *value;		/* $value in validate */
	const struct question *q;	/* whose value it is */
};

/* The stored value of q, reached or not: NULL when unanswered or skipped;
 * for a ladder, the goal of its first chain. */
const char *qstate_value(const struct qstate *s, const struct question *q);
/* The current value of a reached question, for conditions (arg: a lookup). */
bool engine_lookup(void *arg, const char *name, struct cond_value *v);
/* True when a compiled condition holds now (NULL: no condition). */
bool engine_holds(const struct engine *e, struct cond *k);
/* Finds the slots reached by the current answers, when they changed: every
 * change ends with it (an event, engine_new, engine_restore_done), so that
 * what reads the state finds it walked. */
void engine_walk(struct engine *e);
/* Reports (when report) the flags that are true now and were not before. */
void engine_flags_update(struct engine *e, bool report);

/* ---- templates and the prompt (engine-view.c) ---- */

/* Fills a string's templates, translating it first when translate, with
 * rung as {{rung}}; NULL stays NULL. */
char *engine_fill_as(const struct engine *e, const char *s, bool translate,
    const char *rung);

/* The index of the slot being asked: the slot /back moved to while it is
 * still reached (*revisit true), else the first open one. */
size_t engine_cursor(const struct engine *e, bool *revisit);
/* The answer offered from an earlier call at q now, or NULL: q is not
 * answered, and the offer passes q's validate with the answers as they
 * are. */
const struct offer *engine_offer_now(const struct engine *e, const struct question *q);

#endif
