/* engine.h: the interview as a pure state machine (no stdio, readline or
 * database): it takes events (an answer, /back, /skip, /goal, /stuck,
 * /also, /note) and says what to ask next.
 *
 * Order: sections and questions in document order, a question's follow-ups
 * right after it; a `when` that is false or NULL skips a question or a
 * section. Answers no longer reached are set aside (kept, but seen as NULL)
 * and come back if the path does. Each change is reported as a record (see
 * record.h) for the caller to store before it asks the next question.
 *
 * A ladder is a tree of chains of rungs. Chain 0 hangs from the answer of
 * the ladder's `from` question; /also adds a chain beside the rung being
 * asked, drilled once the current chain stops. A rung's level is its depth
 * from the request (1 for the first why); a chain stops at the ladder's
 * depth, with /goal, or with /stuck. */
#ifndef WHYLINE_ENGINE_H
#define WHYLINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "answer.h"
#include "record.h"
#include "tree.h"

struct engine;

enum prompt_kind {
	PROMPT_QUESTION,	/* ask q */
	PROMPT_RUNG,		/* ask a why of ladder q */
	PROMPT_CONFIRM,		/* ask whether the last rung is the goal */
	PROMPT_DONE		/* nothing left to ask */
};

/* A note (a question of type note) reached before the question asked. */
struct prompt_note {
	const struct question *q;
	char *text;		/* filled and translated */
};

/* What to ask now. Its strings are owned by the prompt (see
 * engine_prompt_clear). The screen's own state (which notes and which
 * section heading it has shown) is the front end's to keep. */
struct prompt {
	enum prompt_kind kind;
	const struct question *q;
	char *section_title;		/* q's section's, filled and translated */
	char *text;			/* the question, filled and translated */
	char *help;			/* NULL when none */
	char *edit;			/* offered for editing: the earlier answer,
					 * an answer from an earlier call, or the
					 * default */
	char *edit_from;		/* when edit is from an earlier call: when
					 * it was given there (UTC ISO 8601) */
	bool revisit;			/* /back brought us to an answered question */
	size_t pos, total;		/* "3/12": questions reached */
	unsigned level, depth;		/* "why 2/5" in a ladder */
	char *rung_text;		/* the rung asked about, or the goal to confirm */
	struct prompt_note *notes;	/* every note reached before q, in order */
	size_t nnotes;
};

/* The outcome of an event. */
enum engine_rc {
	ENGINE_OK,
	ENGINE_REFUSED		/* engine_why says why; nothing changed */
};

/* Why an event was refused: the caller words it (refusal.h). */
enum engine_why {
	ENGINE_WHY_NONE,
	ENGINE_WHY_COMPLETE,		/* nothing is left to ask */
	ENGINE_WHY_ANSWER,		/* the answer does not read: detail is the checker's message */
	ENGINE_WHY_REQUIRED,		/* an empty answer to a required question */
	ENGINE_WHY_CHECK_ERROR,		/* the question's validate cannot run: detail says why */
	ENGINE_WHY_INVALID,		/* validate is false: detail is the tree's `invalid`, or NULL */
	ENGINE_WHY_RUNG_REQUIRED,	/* an empty rung in a required ladder */
	ENGINE_WHY_RUNG_EMPTY,		/* an empty rung in a ladder that can be skipped */
	ENGINE_WHY_NOT_MULTI,		/* a list for a question that is not multi */
	ENGINE_WHY_FIRST,		/* /back at the first question */
	ENGINE_WHY_SKIP_REQUIRED,	/* /skip of a required question */
	ENGINE_WHY_LADDER_BEGUN,	/* /skip of a ladder that has rungs */
	ENGINE_WHY_NOT_LADDER,		/* a ladder's command elsewhere: detail is the command */
	ENGINE_WHY_NO_RUNG,		/* /goal before any rung */
	ENGINE_WHY_ALSO_EMPTY,		/* /also without its text */
	ENGINE_WHY_NOTE_EMPTY,		/* /note without its text */
	ENGINE_WHY_NO_QUESTION,		/* /note with no question to attach it to */
	ENGINE_WHY_DROP_NOT_BACK	/* /drop on a rung /back did not go to */
};

/* Builds an engine for t (borrowed; must outlive it). lang translates the
 * tree's strings. NULL with *err (owned) when conditions cannot be set up. */
struct engine *engine_new(const struct tree *t, const struct answer_lang *lang,
    char **err);
/* A new engine for model's tree that borrows model's compiled conditions
 * (model must outlive it and not run at the same time): a command that
 * loads many sessions of one tree compiles its conditions once. */
struct engine *engine_new_like(const struct engine *model,
    const struct answer_lang *lang);
void engine_free(struct engine *e);

/* Offers value, an answer to a question of q's id from an earlier call
 * (stored as answer_parse writes it), as the answer to edit at q while q
 * is not answered: the prompt's edit, which an empty answer takes. from
 * (a session id) and at (when it was given) say where it came from; an
 * answer that is the one offered makes a REC_CARRY record with them.
 * Returns false, offering nothing, when value is not an answer to q (a
 * choice since removed, a number out of range) or q is a ladder or a
 * note; an offer that q's validate refuses when q is asked is not made
 * then. */
bool engine_offer(struct engine *e, const struct question *q, const char *value,
    const char *from, const char *at);

/* Restoring a stored session: chains first, then answers, then done, with
 * no other call in between. Each returns false when the row no longer fits
 * the tree (it is set aside). */
bool engine_restore_chain(struct engine *e, const char *question, int chain,
    int parent_chain, int parent_rung, const char *stop, const char *goal);
bool engine_restore_answer(struct engine *e, const char *question, int chain,
    int rung, const char *value, const char *reason);
/* Ends restoring: flags already true count as reported. The notes of the
 * first prompt after it were shown before (the front end knows). */
void engine_restore_done(struct engine *e);

/* Fills p (its previous content is not freed) with what to ask now: a
 * view, which changes nothing in the engine. */
void engine_prompt(const struct engine *e, struct prompt *p);
/* The question engine_prompt would ask, without the text, the counts and
 * the notes that a person sees (in constant time, for a replay): NULL when
 * everything is answered; *confirm when it asks whether a ladder's last
 * rung is the goal. */
const struct question *engine_asking(const struct engine *e, bool *confirm);
/* How many times the engine walked the whole tree: an answer that no
 * condition names and that has no follow-ups moves the cursor without a
 * walk, so that answering n questions is not n walks of n (the tests check
 * it). */
unsigned long engine_walks(const struct engine *e);
/* Frees what a prompt holds and empties it; an empty prompt is left so. */
void engine_prompt_clear(struct prompt *p);

/* Events. Each returns ENGINE_OK or ENGINE_REFUSED with engine_why. */
enum engine_rc engine_answer(struct engine *e, const char *text);
enum engine_rc engine_answer_list(struct engine *e, const char *const *items,
    size_t n);
enum engine_rc engine_back(struct engine *e);
/* Goes back to question q as /back would, wherever the call stands (a
 * finished call too): the next event answers it, with its answer offered
 * for editing. False, changing nothing, when q is not reached, or is a
 * ladder or a note (amending a finished call, see amend.h). */
bool engine_revisit(struct engine *e, const struct question *q);
enum engine_rc engine_skip(struct engine *e, const char *reason);
enum engine_rc engine_goal(struct engine *e);
/* /goal TEXT: the chain stops at its goal, which is TEXT, the client's own
 * words, kept beside the rungs (a blank TEXT is plain /goal). */
enum engine_rc engine_goal_said(struct engine *e, const char *said);
enum engine_rc engine_stuck(struct engine *e);
/* /drop: after /back to a rung, removes it and the rungs under it (set
 * aside, kept in the history); *removed is how many rungs went. */
enum engine_rc engine_drop(struct engine *e, size_t *removed);
enum engine_rc engine_also(struct engine *e, const char *text);
enum engine_rc engine_note(struct engine *e, const char *text);
/* Why the last event was refused; *detail (when detail is not NULL) is the
 * detail the reason names, or NULL, valid until the next refusal. */
enum engine_why engine_why(const struct engine *e, const char **detail);

/* The records of the changes since the last engine_records_clear. */
const struct record *engine_records(const struct engine *e, size_t *n);
void engine_records_clear(struct engine *e);

/* Flags that became true with the last event, each reported once. */
const struct flag *const *engine_new_flags(const struct engine *e, size_t *n);
/* The text of a flag, filled and translated (owned by the caller). */
char *engine_flag_text(const struct engine *e, const struct flag *f);

/* ---- reading the state (for /progress, briefs and exports) ---- */

/* True when q is reached by the current answers. */
bool engine_reached(const struct engine *e, const struct question *q);
/* The current stored value of q: NULL when unanswered or skipped; for a
 * ladder, the goal of its first chain. *skipped tells the two apart. */
const char *engine_value(const struct engine *e, const struct question *q,
    bool *answered, bool *skipped, const char **reason);
/* The value as a person reads it (owned), or NULL. */
char *engine_display(const struct engine *e, const struct question *q);
/* A ladder's chains. */
struct engine_chain {
	int parent_chain;	/* -1: from the request */
	int parent_rung;	/* the level of the rung it hangs from, 0 for the request */
	const char *from;	/* the text it hangs from */
	const char *const *rungs;
	size_t nrungs;
	unsigned first_level;
	const char *stop;	/* "goal", "stuck", "depth", or NULL while open */
	const char *goal;	/* the goal in the client's words, or NULL */
};
size_t engine_nchains(const struct engine *e, const struct question *q);
/* Describes chain i; false for a chain that was dropped. from is valid
 * until the next call. */
bool engine_chain(struct engine *e, const struct question *q, size_t i,
    struct engine_chain *out);
/* The compiled `when` of a flag (to list the questions it names). */
const struct cond *engine_flag_cond(const struct engine *e, const struct flag *f);
/* True when nothing is left to ask. */
bool engine_done(const struct engine *e);
/* Flags whose condition is true now. */
bool engine_flag_true(const struct engine *e, const struct flag *f);
/* Fills a string's {{id}} templates from the current answers (owned). */
char *engine_fill(const struct engine *e, const char *s);
/* Counts per section for /progress: reached questions and answered ones;
 * reached is false when the section's condition skips it. */
void engine_section_progress(const struct engine *e, const struct section *s,
    bool *reached, size_t *answered, size_t *total);

#endif
