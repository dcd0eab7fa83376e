/* record.h: what an interview changes, as the engine reports it and the
 * store writes it: answers (rungs included), retractions, ladder chains and
 * their stops, notes, an answer carried from an earlier call or amended
 * after this one. Pure data; strings are borrowed. */
#ifndef WHYLINE_RECORD_H
#define WHYLINE_RECORD_H

enum record_kind {
	/* An answer given: it supersedes the current answer of the same
	 * (question, chain, rung), if any. value NULL means skipped, with
	 * reason (may be NULL). */
	REC_ANSWER,
	/* Rungs of (question, chain) at rung and deeper are superseded
	 * without a replacement. */
	REC_RETRACT,
	/* A ladder chain begins: it hangs from (parent_chain, parent_rung),
	 * or from the ladder's request when parent_chain is -1. */
	REC_CHAIN,
	/* A chain stops (stop "goal", "stuck" or "depth") or is reopened
	 * (stop NULL); value is the goal as the client restated it, or
	 * NULL. */
	REC_STOP,
	/* A chain is dropped because the rung it hung from was changed. */
	REC_DROP,
	/* A note on a question (text in value). */
	REC_NOTE,
	/* The answer just given to question is the one offered from an
	 * earlier call (engine_offer): value is that call's session id,
	 * reason when the answer was given there. Stored as a "carry"
	 * event. */
	REC_CARRY,
	/* The answers before it changed question after the call (whyline
	 * amend): reason is why. Stored as an "amend" event, "QUESTION:
	 * REASON", at the time of the answer it wrote. */
	REC_AMEND
};

struct record {
	enum record_kind kind;
	const char *question;
	int chain;		/* -1 for a question that is not a ladder */
	int rung;		/* 1-based level of a rung; 0 when not a rung */
	const char *value;
	const char *reason;
	int parent_chain;
	int parent_rung;
	const char *stop;
};

#endif
