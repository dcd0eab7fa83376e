/* callclock.h: the clock of a live call: how long the call has run, its
 * pauses left out, and how long each section has taken, for the prompt's
 * header and /progress. Times are milliseconds: a monotonic clock for this
 * run, the stored events and answers for the runs before it. */
#ifndef WHYLINE_CALLCLOCK_H
#define WHYLINE_CALLCLOCK_H

#include <stddef.h>

#include "store.h"
#include "tree.h"

struct call_clock {
	long long before;	/* the call's length before this run */
	long long *section;	/* per section: its time before the current prompt */
	size_t nsections;
	long long run_start;	/* this run's start */
	long long shown_at;	/* when the current prompt was shown */
	size_t asking;		/* the current prompt's section; SIZE_MAX: none */
};

/* Now, in milliseconds, on a clock that only goes forward. */
long long call_clock_now(void);
/* Starts the clock of a call on t at now. */
void call_clock_init(struct call_clock *c, const struct tree *t, long long now);
/* Adds the runs before this one, read from the session's events (start,
 * resume, pause, done) and its answer rows (as session_load read them):
 * a run lasts from its start or
 * resumption to its pause (or, cut short, to its last answer); each answer
 * counts the time since the one before it (or the run's start) to its
 * question's section. */
enum store_status call_clock_restore(struct call_clock *c, const struct tree *t,
    struct store *s, const char *id, const struct answer_rows *answers);
/* A prompt of section (SIZE_MAX: none) is shown at now: the time since
 * the last one goes to its section. */
void call_clock_prompt(struct call_clock *c, size_t section, long long now);
/* The call's length at now, pauses left out. */
long long call_clock_elapsed(const struct call_clock *c, long long now);
/* The time a section has taken at now. */
long long call_clock_section(const struct call_clock *c, size_t section, long long now);
void call_clock_clear(struct call_clock *c);

#endif
