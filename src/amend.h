/* amend.h: changing an answer of a finished call afterwards. The question
 * is shown with its answer (offered for editing on a terminal, as /back
 * offers it); the new answer is checked as the interview checks it (the
 * same engine event); a reason is required; then the new answer, the old
 * one superseded and an "amend" event naming the question and the reason
 * are stored in one transaction. What the change did to the rest of the
 * call is said: questions it reaches that have no answer, answers it sets
 * aside, flags raised or gone. Like the interview, it prints only through
 * its front end; the command (cmd-amend.c) refuses what cannot be amended
 * before it runs. */
#ifndef WHYLINE_AMEND_H
#define WHYLINE_AMEND_H

#include "interview.h"

struct amend {
	const struct question *q;	/* reached, not a ladder or a note */
	const char *answer;	/* the new answer given (--answer), or NULL: read */
	const char *reason;	/* the reason given (--reason), or NULL: read */
	char *error;		/* why it was refused or failed (owned) */
};

enum amend_end {
	AMEND_STORED,
	AMEND_UNCHANGED,	/* the same answer: nothing is stored */
	AMEND_CANCELLED,	/* the end of input, Ctrl-D or a signal: nothing is */
	AMEND_INVALID,		/* an answer or a reason refused and not asked
				 * again (given, or plain lines): see error */
	AMEND_STORAGE		/* see error */
};

/* Amends a->q in the session of iv (loaded, its front end set). On a
 * terminal a refused answer or an empty reason is asked again. */
enum amend_end amend_run(struct interview *iv, struct amend *a);
void amend_clear(struct amend *a);

#endif
