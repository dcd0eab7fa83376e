/* answer.h: answers by question type: what a person types, the value that is
 * stored, the words shown back, and the value conditions see.
 *
 * Stored values: text as typed (trimmed); a choice's value; a multi's JSON
 * array of values in the order of the choices; "yes" or "no"; a number in
 * its shortest decimal form; a scale's integer. */
#ifndef WHYLINE_ANSWER_H
#define WHYLINE_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "cond.h"
#include "tree.h"

/* Translates a tree string (a label...) into the interview's language. */
typedef const char *answer_tr_fn(void *arg, const char *msgid);

struct answer_lang {
	answer_tr_fn *tr;	/* NULL: strings as written */
	void *arg;
};

/* A tree string s in lang's language; s itself when lang or its tr is
 * NULL, and NULL for NULL. */
const char *answer_tr(const struct answer_lang *lang, const char *s);

/* The longest answer, in bytes, once read (a text's, a rung's, a multi's
 * list): a long paragraph of notes fits many times over; a pasted file does
 * not, and conditions could not see it (COND_MAX_LENGTH). */
#define ANSWER_MAX_BYTES 100000

/* True when value is short enough to be an answer; else false with *why
 * (owned). */
bool answer_length_ok(const char *value, char **why);

/* Reads typed text as an answer to q (not a ladder rung or a note). Returns
 * the stored value (owned) or NULL with *why (owned) saying what is wrong.
 * Empty text is the caller's business and is refused here. */
char *answer_parse(const struct question *q, const char *text,
    const struct answer_lang *lang, char **why);
/* Reads yes or no (y, n, and the words of the current language); returns
 * "yes" or "no" (owned) or NULL with *why. */
char *answer_yesno(const char *text, char **why);
/* Reads a list of items (from an answers file) as a multi answer. */
char *answer_parse_list(const struct question *q, const char *const *items,
    size_t n, const struct answer_lang *lang, char **why);
/* True when value is a valid stored value for q (used when a session is
 * resumed on a tree that may have changed). */
bool answer_stored_valid(const struct question *q, const char *value);
/* The stored value as a person reads it (labels, yes/no words); owned. */
char *answer_display(const struct question *q, const char *value,
    const struct answer_lang *lang);
/* The stored value as a person writes it in a brief (answer.c): "Yes",
 * "250,000 EUR" (the language's separators, the question's unit), a
 * date YYYY-MM-DD as "15 January 2027", a next step as a sentence;
 * owned. */
char *answer_written(const struct question *q, const char *value,
    const struct answer_lang *lang);
/* A date YYYY-MM-DD in words, in the current language; other text as is. */
char *answer_date_text(const char *s);
/* True when s is a real date written YYYY-MM-DD. */
bool answer_date_valid(const char *s);
/* A next step's stored value (a JSON array: what, owner, due) split into
 * its three fields (*fields owned, freed with answer_action_free); false
 * when value is not one. */
bool answer_action_fields(const char *value, char ***fields);
void answer_action_free(char **fields);
/* The stored value in a form that answer_parse reads back, for editing. */
char *answer_edit_text(const struct question *q, const char *value,
    const struct answer_lang *lang);
/* The value conditions see; v->s borrows value. */
void answer_cond_value(const struct question *q, const char *value,
    struct cond_value *v);
/* The words a person may type for q's choices (labels and values), for
 * completion; returns how many were written to out (at most max). */
size_t answer_words(const struct question *q, const struct answer_lang *lang,
    const char **out, size_t max);

#endif
