/* brief-flags.c: the flags whose condition holds at the end of the call,
 * risks first, each with the answers its condition names (read from the
 * condition the engine compiled). */
#include "config.h"

#include "brief-int.h"

#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "util.h"

/* Adds the answers that the condition of f names to bf. */
static void
flag_causes(struct brief_flag *bf, struct session *ss, const struct cond *k)
{
	size_t i, n = cond_nparams(k);

	bf->causes = xcalloc(n > 0 ? n : 1, sizeof *bf->causes);
	for (i = 0; i < n; i++) {
		const struct question *q = tree_question(ss->tree, cond_param(k, i));
		struct brief_cause *c;
		const char *v;

		if (q == NULL || !q->in_brief ||
		    (v = engine_value(ss->engine, q, NULL, NULL, NULL)) == NULL)
			continue;
		c = &bf->causes[bf->ncauses++];
		c->q = q;
		c->question = brief_question_text(ss, q);
		c->label = brief_label_text(ss, q, c->question);
		c->answer = brief_answer_text(ss, q, v);
	}
}

/* Drops the full stop that ends text after another one (an answer that
 * ended its sentence, filled in before the flag's own full stop). */
static void
flag_stop(char *text)
{
	size_t n = strlen(text);

	if (n >= 2 && text[n - 1] == '.' && strchr(".!?", text[n - 2]) != NULL)
		text[n - 1] = '\0';
}

/* Adds flag f, which holds. */
static void
flag_add(struct brief *b, struct session *ss, const struct flag *f)
{
	struct brief_flag *bf = &b->flags[b->nflags++];
	char *text;

	memset(bf, 0, sizeof *bf);
	bf->f = f;
	text = engine_flag_text(ss->engine, f);
	bf->text = brief_str(text != NULL ? text : "", false);
	free(text);
	flag_stop(bf->text);
	flag_causes(bf, ss, engine_flag_cond(ss->engine, f));
}

/* Collects the flags that hold, by level. */
void
brief_flags(struct brief *b, struct session *ss)
{
	static const enum flag_level levels[] = { FLAG_RISK, FLAG_PREFERENCE, FLAG_INFO };
	const struct tree *t = ss->tree;
	size_t i, l;

	b->flags = xcalloc(t->nflags > 0 ? t->nflags : 1, sizeof *b->flags);
	for (l = 0; l < sizeof levels / sizeof *levels; l++)
		for (i = 0; i < t->nflags; i++)
			if (t->flags[i].level == levels[l] &&
			    engine_flag_true(ss->engine, &t->flags[i]))
				flag_add(b, ss, &t->flags[i]);
}
