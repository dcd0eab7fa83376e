/* codes.h: content codes for ladder rungs: the codebook a team keeps (a
 * YAML file), the suggestion of a code from the words a rung shares with
 * rungs already coded, and the rungs of a session's ladders. */
#ifndef WHYLINE_CODES_H
#define WHYLINE_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "session.h"

/* The longest code, in bytes. */
#define CODE_MAX 40

/* One code of the codebook. */
struct code_def {
	char *code;
	char *label;
	char **phrases;
	size_t nphrases;
	struct mark mark;
};

/* A codebook file:
 *
 *     codes:
 *       revenue:
 *         label: A stable revenue stream
 *         phrases: [stable revenue, steadier income]
 *
 * Every code has a label (a string) and may have phrases (a list of
 * strings) that mean it. */
struct codebook {
	struct code_def *v;
	size_t n;
};

/* Reads the codebook at path; false with errors in d (file, line, column)
 * when it cannot be used. */
bool codebook_load(const char *path, struct codebook *out, struct diags *d);
/* The entry for code, or NULL. */
const struct code_def *codebook_find(const struct codebook *b, const char *code);
void codebook_clear(struct codebook *b);

/* True when s can be a code: 1 to CODE_MAX bytes of UTF-8 with no space,
 * control character (str_control_len: bidirectional ones too) or comma,
 * not starting with '/'. */
bool code_name_valid(const char *s);

/* Suggestions: every code with the stems of the texts known to mean it. */
struct suggester;

/* An empty suggester stemming in language lang (NULL: none). */
struct suggester *suggester_new(const char *lang);
void suggester_free(struct suggester *sg);
/* Records that text means code. */
void suggester_add(struct suggester *sg, const char *code, const char *text);
/* The code whose known texts share the most content words with text (then
 * the one with more texts, then the first added), or NULL when none shares
 * any. Borrowed from sg. */
const char *suggester_best(struct suggester *sg, const char *text);

/* A chain of a ladder, with its rungs' levels. */
struct rung_chain {
	int parent_chain;	/* -1: from the request */
	int parent_rung;	/* the level it hangs from */
	unsigned first_level;	/* the level of rungs[0] */
	char *stop;		/* "goal", "stuck", "depth" or NULL */
	char **rungs;
	size_t nrungs;
	bool dropped;
};

/* A ladder of a session: the request it hangs from and its chains (by
 * chain number). */
struct rung_ladder {
	const char *question;
	char *request;
	struct rung_chain *chains;
	size_t nchains;
};

/* The ladders of ss that were reached and not skipped. Returns the count;
 * *out is owned (rung_ladders_free). */
size_t rung_ladders(struct session *ss, struct rung_ladder **out);
void rung_ladders_free(struct rung_ladder *v, size_t n);
/* Frees what one ladder holds (not the ladder itself). */
void rung_ladder_clear(struct rung_ladder *l);

#endif
