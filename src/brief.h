/* brief.h: what a brief says, built once from a stored session: the facts
 * of the call, the stated request, each ladder as a tree of chains, each
 * section's answers as a person reads them, flags with the answers that
 * raised them, open items, notes and the answers changed during the call.
 *
 * The writers (brief-md.c, brief-ctx.c) read this model; they never go back
 * to the store or the engine. Every string is owned by the brief, already
 * translated and filled, and free of control characters (newlines and tabs
 * are kept in answers). Questions with `brief: false` are left out, and so
 * are questions the current answers do not reach, and questions whose
 * answer corrects an earlier one (the earlier one shows it). The builder's files
 * share brief-int.h; the words the writers share are in brief-words.h. */
#ifndef WHYLINE_BRIEF_H
#define WHYLINE_BRIEF_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"
#include "store.h"
#include "tree.h"

/* One answered question. */
struct brief_qa {
	const struct question *q;
	char *question;		/* the ask, filled and translated */
	char *label;		/* its `label`, translated; else the ask */
	char *answer;		/* the value as a person writes it */
	char *value;		/* the stored value */
	char *answered_at;	/* UTC ISO 8601, or NULL */
	/* Confirmed as offered from an earlier call (run --carry): the
	 * local date of that call, "2026-11-12", and in words; NULL when
	 * it was not, and always in a client's copy. */
	char *confirmed_from, *confirmed_text;
};

struct brief_section {
	const struct section *s;
	char *title;
	struct brief_qa *qa;
	size_t n;
};

/* One chain of a ladder; children hang from its rungs by level. */
struct brief_chain {
	int index;		/* the engine's chain number */
	int parent_chain;	/* -1: hangs from the request */
	int parent_rung;	/* the level of the rung it hangs from */
	unsigned first_level;	/* the level of rungs[0] */
	char *from;		/* the text it hangs from */
	char **rungs;
	size_t nrungs;
	const char *stop;	/* "goal", "stuck", "depth", or NULL: open */
	char *goal;		/* the goal as the client restated it, or NULL */
};

/* One line of a ladder drawn as a tree: the request, then each rung below
 * the rung (or request) it answers why about; depth-first, each chain's
 * next rung before the chains that hang beside it. */
struct brief_node {
	size_t depth;		/* 0 for the request */
	const char *text;	/* borrowed from the chain or the ladder */
	int chain;		/* index in chains; -1 for the request */
	unsigned level;		/* the why level (0 for the request) */
	const char *stop;	/* the chain's stop on its last rung, else NULL */
	bool end;		/* the last rung of its chain */
};

struct brief_ladder {
	const struct question *q;
	char *heading;		/* the ladder's `goal`, translated */
	char *request;		/* what the first chain hangs from */
	struct brief_chain *chains;	/* live chains with rungs */
	size_t nchains;
	struct brief_node *nodes;	/* the tree, in reading order */
	size_t nnodes;
	const char **goals;	/* the goals of the chains stopped at one (the
				 * client's words, else the last rung), in
				 * chain order (borrowed); the first is the
				 * restated goal when a later answer corrects
				 * the ladder */
	size_t ngoals;
	char *restated;		/* that later answer, or NULL */
	const char *stated;	/* with it, the goal it replaces as the
				 * ladder reached it (borrowed), or NULL */
};

/* An answer that a flag's condition names. */
struct brief_cause {
	const struct question *q;
	char *question;
	char *label;
	char *answer;
};

/* One line of the summary: the request, the goal, or an answer of a
 * question marked `summary: true`. */
struct brief_item {
	const struct question *q;
	char *label;
	char *answer;
};

/* A next step: an answer to an `action` question. */
struct brief_action {
	const struct question *q;
	char *label;
	char *what, *owner;
	char *due;		/* YYYY-MM-DD */
	char *due_text;		/* the date in words */
	char *text;		/* the whole step as a sentence */
};

struct brief_flag {
	const struct flag *f;
	char *text;		/* the `say`, filled and translated */
	struct brief_cause *causes;
	size_t ncauses;
};

/* What the consultant must still find out: a question skipped (not as
 * "does not apply"), or a required one not answered yet. */
struct brief_open {
	const struct question *q;
	char *question;
	char *label;
	char *reason;		/* NULL: none given, or left out of a shared copy */
	bool unanswered;	/* required, reached, not answered yet */
};

struct brief_note {
	const struct question *q;	/* NULL: the question is gone */
	char *question;		/* NULL when q is */
	char *text;
	char *at;
	char *time;		/* at as "14:05" in local time, or NULL */
};

/* An answer replaced (or withdrawn) during the call, or amended after it
 * with a reason. */
struct brief_change {
	const struct question *q;
	char *question;
	char *label;		/* the question's label, else its text */
	int rung;		/* ladder rung level, 0 otherwise */
	char *before;		/* NULL: it was skipped (or unanswered) */
	bool unanswered;	/* it had no answer before (an amendment
				 * answered a question it reached) */
	char *after;		/* NULL: skipped, or withdrawn when withdrawn */
	bool withdrawn;		/* superseded without a new answer */
	char *at;
	char *time;		/* at as "14:05" in local time, or NULL */
	bool amended;		/* changed after the call (whyline amend) */
	char *reason;		/* an amendment's reason, else NULL */
	char *date;		/* an amendment's at as "2026-03-31", else NULL */
};

struct brief {
	const struct session *ss;	/* borrowed: the row and the tree */
	bool share;		/* the client's copy: nothing private in it */
	char *lang;		/* the language the brief is in ("en") */
	char *title;		/* the tree's title, translated */
	char *heading;		/* "TITLE: CLIENT", or the title without a client */
	char *request;		/* the stated request, NULL without a ladder */
	char *first_at, *last_at;	/* the first and last answer (or note) */
	long seconds;		/* the length of the call, pauses left out; -1: unknown */
	size_t unanswered;	/* reached questions still open */
	char **answered_at;	/* by question index: its latest current answer */

	char *goal;		/* the summary's goal: the client's words
				 * (a correction of the ladder), else the
				 * first goal reached; NULL: none */
	struct brief_item *summary;
	size_t nsummary;
	struct brief_action *actions;	/* the next steps, in tree order */
	size_t nactions;
	struct brief_ladder *ladders;
	size_t nladders;
	struct brief_section *sections;	/* only those with answers */
	size_t nsections;
	struct brief_flag *flags;	/* true now, by level, then tree order */
	size_t nflags;
	struct brief_open *open;
	size_t nopen;
	struct brief_note *notes;
	size_t nnotes;
	struct brief_change *changes;
	size_t nchanges;
};

/* Builds the brief of ss (loaded with session_load; borrowed, must outlive
 * b), reading the answers, notes and events of the session once each.
 * With share, the brief is the client's copy and holds nothing private:
 * no private question or section, no flag, note, change, skip reason or
 * session id, so that no writer can show them. Returns false with *err
 * (owned) when the store fails. */
bool brief_build(struct brief *b, struct session *ss, struct store *s,
    bool share, char **err);
/* True when a skip reason says the question does not apply ("n/a"). */
bool brief_reason_na(const char *reason);
/* Frees what b holds. */
void brief_clear(struct brief *b);
/* A copy of s without control characters, as str_strip_controls leaves
 * it (newlines and tabs kept when keep_nl, else spaces); NULL stays NULL.
 * Every text of the model is cleaned so; the template context's names
 * and session facts too (brief-text.c). */
char *brief_str(const char *s, bool keep_nl);

#endif
