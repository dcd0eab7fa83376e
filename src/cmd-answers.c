/* cmd-answers.c: `whyline answers TREE`: a blank answers file for
 * `whyline run TREE --answers FILE`: every question id in the order of the
 * call, with what it asks, its type and its choices as comments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "i18n.h"
#include "tree.h"
#include "tree-path.h"
#include "util.h"

static int cmd_answers_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_answers_entry = {
	"answers", "TREE",
	N_("write a blank answers file for run --answers"),
	cmd_answers_exec,
	NULL
};

/* Adds s to b as the text of a YAML comment: on one line (line breaks,
 * Unicode's too, become spaces), without control characters. */
static void
comment_text(struct buf *b, const char *s)
{
	char *t = xstrdup(s), *p;

	for (p = t; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
		/* U+2028 and U+2029 end a line for YAML too. */
		if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9))
			memcpy(p, "   ", 3);
	}
	str_strip_controls(t, false);
	buf_puts(b, t);
	free(t);
}

/* What to type for q, after its type, as a comment. */
static void
comment_how(struct buf *b, const struct question *q)
{
	size_t i;

	switch (q->type) {
	case QT_CHOICE:
	case QT_MULTI:
		buf_puts(b, q->type == QT_CHOICE ? ": one of " : ": a list, from ");
		for (i = 0; i < q->vals->nchoices; i++) {
			buf_puts(b, i > 0 ? ", " : "");
			comment_text(b, q->vals->choices[i].value.s);
			if (q->vals->choices[i].label.s != NULL &&
			    strcmp(q->vals->choices[i].label.s, q->vals->choices[i].value.s) != 0) {
				buf_puts(b, " (");
				comment_text(b, q->vals->choices[i].label.s);
				buf_puts(b, ")");
			}
		}
		break;
	case QT_YESNO:
		buf_puts(b, ": yes or no");
		break;
	case QT_NUMBER:
	case QT_SCALE:
		if (q->type == QT_SCALE || (q->has_min && q->has_max))
			buf_printf(b, ": from %g to %g", question_min(q), question_max(q));
		else if (q->has_min)
			buf_printf(b, ": at least %g", q->vals->min);
		else if (q->has_max)
			buf_printf(b, ": at most %g", q->vals->max);
		break;
	case QT_LADDER:
		buf_puts(b, ": a list of reasons, [first why, second why, ...]");
		break;
	case QT_PARAGRAPH:
		buf_puts(b, ": text, | for several lines");
		break;
	default:
		break;
	}
}

/* Fills parent and value, by question index, with the question each
 * follow-up hangs from and the value that asks it. */
static void
follow_up_parents(const struct tree *t, const struct question **parent,
    const char **value)
{
	const struct follow_up *f;
	size_t i, k, j;

	for (i = 0; i < t->nall; i++)
		for (k = 0; k < t->all[i]->x->nfollow_ups; k++) {
			f = &t->all[i]->x->follow_ups[k];
			for (j = 0; j < f->n; j++) {
				parent[f->questions[j]->index] = t->all[i];
				value[f->questions[j]->index] = f->value.s;
			}
		}
}

/* What to type after `whyline run` for tree t, opened as arg: its id when
 * that name finds this very file, else arg as given (quoted for the shell
 * when it needs to be). Owned. */
static char *
run_arg(const struct tree *t, const char *arg)
{
	struct stat a, b;
	char *found = tree_path_is_name(t->id.s) ? tree_path_find_default(t->id.s) : NULL;
	struct buf q = { 0 };
	bool same = found != NULL && stat(found, &a) == 0 && stat(t->path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;

	free(found);
	if (same)
		return xstrdup(t->id.s);
	buf_shell_word(&q, arg);
	return buf_take(&q);
}

/* The blank answers file of t, opened as arg. */
static char *
answers_blank(const struct tree *t, const char *arg)
{
	char *run = run_arg(t, arg);
	const struct question **parent = xcalloc(t->nall + 1, sizeof *parent);
	const char **value = xcalloc(t->nall + 1, sizeof *value);
	struct buf b = { 0 };
	const struct question *q;
	size_t i;

	follow_up_parents(t, parent, value);
	buf_puts(&b, "# Answers for ");
	comment_text(&b, t->title.s);
	buf_printf(&b, " (%s), for: whyline run ", t->id.s);
	comment_text(&b, run);
	buf_puts(&b, " --answers FILE\n");
	free(run);
	buf_puts(&b, "# Fill in the answers; one left empty is not answered.\n");
	buf_puts(&b, "answers:\n");
	for (i = 0; i < t->nall; i++) {
		q = t->all[i];
		if (q->type == QT_NOTE)
			continue;
		buf_puts(&b, "  # ");
		comment_text(&b, q->ask.s);
		buf_printf(&b, "\n  # %s%s", qtype_name(q->type), q->required ? ", required" : "");
		comment_how(&b, q);
		if (parent[i] != NULL) {
			buf_printf(&b, "; asked when %s is ", parent[i]->id.s);
			comment_text(&b, value[i]);
		}
		if (q->tx->when.s != NULL) {
			buf_puts(&b, "; asked when ");
			comment_text(&b, q->tx->when.s);
		}
		buf_printf(&b, "\n  %s:\n", q->id.s);
	}
	free(parent);
	free(value);
	return buf_take(&b);
}

/* Prints the blank answers file of a tree. */
static int
cmd_answers_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct tree *t;
	char *text;
	int c, status;

	while ((c = cmd_getopt(ctx, &cmd_answers_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (argc - optind != 1)
		return cmd_usage_error("%s", _("answers: give one tree"));
	if ((status = cmd_tree_open(argv[optind], &t)) != 0)
		return status;
	text = answers_blank(t, argv[optind]);
	fputs(text, stdout);
	free(text);
	tree_free(t);
	return 0;
}
