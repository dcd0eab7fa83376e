/* brief-text.c: the words of the brief's model taken from the session:
 * text cleaned of control characters, a question as asked and an answer
 * as a person reads it, translated. A leaf of the brief's files: brief.c,
 * brief-flags.c and brief-history.c call it, and it calls none of them. */
#include "config.h"

#include "brief-int.h"

#include <stdlib.h>
#include <string.h>

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
	return q->goal.s != NULL ? tree_cat_tr(&ss->cat, q->goal.s) :
	    _("Underlying goal");
}

/* The ask of q, filled and translated; a ladder's heading for a ladder,
 * whose ask is about each rung in turn. */
char *
brief_question_text(struct session *ss, const struct question *q)
{
	char *filled, *s, *t;

	if (q->type == QT_LADDER)
		return brief_str(brief_ladder_heading(ss, q), false);
	/* Most asks name no answer: translating them is enough. */
	filled = strstr(q->ask.s, "{{") != NULL ? engine_fill(ss->engine, q->ask.s) : NULL;
	s = brief_str(filled != NULL ? filled : tree_cat_tr(&ss->cat, q->ask.s), false);
	free(filled);
	t = str_trim(s);
	free(s);
	return t;
}

/* The answer of q as a person reads it. */
char *
brief_answer_text(struct session *ss, const struct question *q, const char *value)
{
	char *d, *s;

	if (value == NULL)
		return NULL;
	d = q->type == QT_LADDER ? xstrdup(value) : answer_display(q, value, &ss->al);
	s = brief_str(d, q->type == QT_PARAGRAPH);
	free(d);
	return s;
}
