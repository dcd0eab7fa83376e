/* carry.h: a client's known answers, offered again. At the start of a
 * call (run --carry, or the questions a tree marks `carry`), the latest
 * answer the same client gave in another session to a question of the
 * same id is offered as the answer to edit (engine_offer); one the
 * consultant confirms as offered is recorded as a "carry" event, which the
 * brief, the export and show read back here. */
#ifndef WHYLINE_CARRY_H
#define WHYLINE_CARRY_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"
#include "store.h"

enum carry_mode {
	CARRY_MARKED,	/* the questions the tree marks `carry` (the default) */
	CARRY_ALL,	/* every question but ladders and notes (--carry) */
	CARRY_OFF	/* none (--no-carry) */
};

/* Offers, at each question of ss's tree that mode carries, the latest
 * answer ss's client gave in another session (ss->row.id excluded when it
 * is set; the client's name the same once folded as `list --client` folds
 * it) to a question of the same id and a compatible type (the same type,
 * or text and paragraph), current and still reached there. An answer that
 * is no longer a valid answer here (a choice removed) is not offered, and
 * no older one is offered instead. A session whose tree cannot be read is
 * passed over. Returns how many answers are offered, or -1 with *err
 * (owned) when the store fails. */
long carry_offer(struct session *ss, struct store *s, enum carry_mode mode,
    const char *locale_dir, char **err);

/* An answer confirmed as offered from an earlier call. */
struct carry_confirmed {
	const struct question *q;
	char *from;		/* the session it came from */
	char *from_at;		/* when it was given there (UTC ISO 8601) */
	char *at;		/* when it was confirmed */
};

/* The answers of ss (loaded by session_load) that were confirmed as
 * offered from an earlier call and are still its current, reached answers
 * (not changed since), in the tree's order. *out is owned (free it with
 * carry_confirmed_free); false with *err (owned) when the store fails. */
bool carry_confirmed(struct session *ss, struct store *s,
    struct carry_confirmed **out, size_t *n, char **err);
void carry_confirmed_free(struct carry_confirmed *v, size_t n);

/* Splits a "carry" event's detail, "QUESTION SESSION AT", into its parts
 * (each owned); false when it is not one. */
bool carry_detail_parse(const char *detail, char **question, char **from,
    char **at);

#endif
