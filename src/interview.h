/* interview.h: a live interview: the engine asks, a front end reads, the
 * store keeps each answer before the next prompt is shown. The caller (the
 * command layer) chooses the front end and its colour, and words how the
 * interview ended: this module prints only through its front end. */
#ifndef WHYLINE_INTERVIEW_H
#define WHYLINE_INTERVIEW_H

#include <stdbool.h>

#include "callclock.h"
#include "engine.h"
#include "io.h"
#include "lang.h"
#include "session.h"
#include "store.h"
#include "tree.h"

struct ladder_aids;

struct interview {
	struct session s;		/* the session, its tree and engine */
	struct store *store;
	struct io *io;		/* the front end, set by the caller; freed with iv */
	const char *locale_dir;
	const struct question *helped;	/* whose help was shown last */
	const struct section *shown_section;	/* whose heading was shown last */
	bool *note_shown;	/* per question of the tree: the note was shown */
	char *error;		/* why it ended in error (storage, a read that failed) */
	struct call_clock clock;	/* the call's time, and each section's */
	bool discreet;		/* the screen is shared: flags as a count, private
				 * questions hidden until /show */
	const struct question *revealed;	/* the private question /show showed */
	char *self;		/* how to run whyline again, for the commands it
				 * names (owned; NULL: "whyline") */
	bool interrupted;	/* resumed after a crash or a kill: the banner
				 * says so, with last_saved_at */
	char *last_saved_at;	/* when its last answer was saved (owned;
				 * NULL: none was) */
	bool amending;		/* a finished call amended (amend.c): no clock */
	struct ladder_aids *aids;	/* the ladder's aids, built for aids_lang
				 * at the first rung (owned) */
	char *aids_lang;
};

enum interview_end {
	INTERVIEW_DONE,		/* every question answered */
	INTERVIEW_PAUSED,	/* /pause, end of input, SIGTERM or SIGHUP (error
				 * set when a read failed) */
	INTERVIEW_STORAGE	/* an answer could not be stored: see error */
};

/* Stores the session row if it is not stored yet, with the engine's
 * pending records in the same transaction; false with iv->error (the
 * store's message). */
bool interview_session_store(struct interview *iv);
/* Runs the interview until it is done or paused, and records how it
 * ended: a new one after the tree's intro, a resumed one after a banner
 * that names its session. iv->error says why it ended in error. */
enum interview_end interview_run(struct interview *iv, bool resumed);
/* Frees what the interview holds (its session too), but not its store. */
void interview_clear(struct interview *iv);
/* Switches the interview's language (stored with its time). */
bool interview_set_lang(struct interview *iv, const char *ll);

#endif
