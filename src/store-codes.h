/* store-codes.h: the codes of ladder rungs in the database (the codes
 * table, migration 3): one code per rung and coder. A rung is named by its
 * session, its ladder (question), its chain and its level; chain 0, level 0
 * is the request the ladder hangs from. The rung's text is kept as it was
 * coded: a code whose text no longer matches the rung is stale. */
#ifndef WHYLINE_STORE_CODES_H
#define WHYLINE_STORE_CODES_H

#include "store.h"

struct code_row {
	char *session;		/* the session's id */
	char *question;		/* the ladder */
	int chain, rung;
	char *coder;
	char *code;
	char *value;		/* the rung's text when it was coded */
	char *coded_at;		/* UTC ISO 8601 */
	char *language;		/* the session's language, or NULL */
};

/* Sets coder's code of one rung (session, question, chain, rung and value
 * from c; coded_at is now), replacing the one coder gave it before. */
enum store_status store_code_set(struct store *s, const struct code_row *c);
/* Calls fn with every code of session sid by ladder, chain, rung and
 * coder, the latest last; with sid NULL, every code of every session in
 * no particular order (sorting them would cost more than reading them). */
enum store_status store_codes(struct store *s, const char *sid,
    void (*fn)(void *arg, const struct code_row *), void *arg);

#endif
