/* brief-text.c: the words of the brief's model taken from the session:
 * text cleaned of control characters, a question as asked and an answer
 * as a person reads it, translated. A leaf of the brief's files: brief.c,
 * brief-flags.c and brief-history.c call it, and it calls none of them. */
#include "config.h"

#include "brief-int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "util.h"

/* A copy of s without control characters (str_strip_controls). */
char *
brief_str(const char *s, bool keep_nl)
{
	char *out = xstrdup_null(s);

	if (out != NULL)
		str_strip_controls(out, keep_nl);
	return out;
}

/* The ladder's heading: its `goal`, translated, or the default. */
const char *
brief_ladder_heading(struct session *ss, const struct question *q)
{
	return q->x->goal.s != NULL ? tree_cat_tr(&ss->cat, q->x->goal.s) :
	    _("Underlying goal");
}

/* The ask of q, filled and translated; a ladder's heading for a ladder,
 * whose ask is about each rung in turn. */
char *
brief_question_text(struct session *ss, const struct question *q)
{
	char *filled, *s, *t;
	size_t n;

	if (q->type == QT_LADDER)
		return brief_str(brief_ladder_heading(ss, q), false);
	/* Most asks name no answer: translating them is enough. */
	filled = strstr(q->ask.s, "{{") != NULL ? engine_fill(ss->engine, q->ask.s) : NULL;
	s = brief_str(filled != NULL ? filled : tree_cat_tr(&ss->cat, q->ask.s), false);
	free(filled);
	/* Without its outer white space, in place. */
	for (t = s; isspace((unsigned char)*t); t++)
		;
	for (n = strlen(t); n > 0 && isspace((unsigned char)t[n - 1]); n--)
		;
	memmove(s, t, n);
	s[n] = '\0';
	return s;
}

/* The answer of q as a person reads it. */
char *
brief_answer_text(struct session *ss, const struct question *q, const char *value)
{
	char *d, *s;

	if (value == NULL)
		return NULL;
	if (q->type == QT_LADDER) {
		d = xstrdup(value);
	} else if (q->x->unit.s != NULL && strstr(q->x->unit.s, "{{") != NULL) {
		/* A unit filled with an answer ("{{currency}}"). */
		struct question filled = *q;
		struct question_extra filled_x = *q->x;
		char *unit = engine_fill(ss->engine, q->x->unit.s);

		filled_x.unit.s = unit;
		filled.x = &filled_x;
		d = answer_written(!str_blank(unit) ? &filled : q, value, &ss->al);
		free(unit);
	} else {
		d = answer_written(q, value, &ss->al);
	}
	s = brief_str(d, q->type == QT_PARAGRAPH);
	free(d);
	return s;
}

/* The label of q: its `label`, translated, else its ask (a copy of
 * question when it is not NULL). */
char *
brief_label_text(struct session *ss, const struct question *q, const char *question)
{
	if (q->x->label.s == NULL)
		return question != NULL ? xstrdup(question) : brief_question_text(ss, q);
	return brief_str(tree_cat_tr(&ss->cat, q->x->label.s), false);
}

/* True when a skip reason says that the question does not apply. */
bool
brief_reason_na(const char *reason)
{
	static const char *const na[] = {
		"n/a", "na", "not applicable", "does not apply", "s/o", "sans objet",
		"ne s'applique pas", "non applicable"
	};
	char *r = str_trim(reason != NULL ? reason : "");
	size_t i;
	bool yes = false;

	for (i = 0; i < sizeof na / sizeof *na && !yes; i++)
		yes = strcasecmp(r, na[i]) == 0;
	free(r);
	return yes;
}
