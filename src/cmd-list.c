/* cmd-list.c: `whyline list [--client TEXT] [--tree ID] [--open | --done]
 * [--json]`: the sessions, newest first, as one aligned line each under a
 * header (the header alone when none matches), or as a JSON array. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "i18n.h"
#include "store.h"
#include "util.h"
#include "isotime.h"

static int cmd_list_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const list_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --client TEXT      only the sessions whose client contains TEXT"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --tree ID          only the sessions of the tree ID"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --open             only the sessions still open"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --done             only the finished sessions"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --json             a JSON array instead of lines"),
	NULL
};

const struct cmd_entry cmd_list_entry = {
	"list", "[--client TEXT] [--tree ID] [--open | --done] [--json]",
	N_("list sessions, newest first"),
	cmd_list_exec,
	list_help
};

#define NCOLS 6
#define CLIENT_MAX 32	/* longer client names are cut to this many columns */

/* One line of the table, its cells ready to print. */
struct list_line {
	char *cell[NCOLS];
};

struct list_opts {
	const char *client, *tree, *status;
	bool json;
};

/* The lines collected, or the JSON array. */
struct list_out {
	struct list_line *v;
	size_t n, cap;
	struct export_list *json;	/* NULL: lines */
};


/* A copy of s for the terminal (str_terminal), cut to max columns with
 * an ellipsis, "-" when empty. */
static char *
cell(const char *s, size_t max)
{
	char *c = str_terminal(s, false), *p;
	size_t n = 0, len;

	if (*c == '\0') {
		free(c);
		return xstrdup("-");
	}
	if (str_width(c) <= max)
		return c;
	/* Whole characters up to max - 1 columns, then the ellipsis. */
	for (p = c; *p != '\0'; p += len) {
		len = str_char_len(p, NULL);
		len = len > 0 ? len : 1;
		if ((n += str_width_n(p, len)) > max - 1)
			break;
	}
	*p = '\0';
	p = xasprintf("%s\u2026", c);
	free(c);
	return p;
}

/* Collects one session: a line of the table, or an object of the array. */
static void
list_collect(void *arg, const struct session_row *ss)
{
	struct list_out *o = arg;
	struct list_line *l;
	char when[ISOTIME_LEN];

	if (o->json != NULL) {
		export_list_add(o->json, ss);
		return;
	}
	xgrow(&o->v, &o->cap, o->n + 1, sizeof *o->v);
	l = &o->v[o->n++];
	isotime_local(ss->started_at, false, when);
	l->cell[0] = str_short_id(ss->id);
	l->cell[1] = cell(ss->client, CLIENT_MAX);
	l->cell[2] = cell(ss->tree_id, CLIENT_MAX);
	l->cell[3] = xstrdup(cmd_status_word(ss->status));
	l->cell[4] = xstrdup(when);
	l->cell[5] = xasprintf("%ld", ss->answers);
}

/* Prints one line, each cell but the last padded to its column's width. */
static void
print_line(char *const *cells, const size_t *w)
{
	size_t i, n;

	for (i = 0; i < NCOLS; i++) {
		fputs(cells[i], stdout);
		if (i == NCOLS - 1)
			break;
		for (n = str_width(cells[i]); n < w[i] + 2; n++)
			putchar(' ');
	}
	putchar('\n');
}

/* Prints the header and the lines, aligned. */
static void
list_print(const struct list_out *o)
{
	/* TRANSLATORS: the column headings of `whyline list`. */
	char *head[NCOLS] = { _("ID"), _("CLIENT"), _("TREE"), _("STATUS"),
	    _("STARTED"), _("ANSWERS") };
	size_t w[NCOLS], i, k;

	for (k = 0; k < NCOLS; k++)
		w[k] = str_width(head[k]);
	if (w[0] < 8)	/* the short ids, even before there is one */
		w[0] = 8;
	for (i = 0; i < o->n; i++)
		for (k = 0; k < NCOLS; k++)
			if (str_width(o->v[i].cell[k]) > w[k])
				w[k] = str_width(o->v[i].cell[k]);
	print_line(head, w);
	for (i = 0; i < o->n; i++)
		print_line(o->v[i].cell, w);
}

/* Frees the lines. */
/* Prints the JSON array. */
static void
list_json_print(struct export_list *l)
{
	size_t len;
	const char *text = export_list_end(l, &len);

	fwrite(text, 1, len, stdout);
}

static void
list_free(struct list_out *o)
{
	size_t i, k;

	for (i = 0; i < o->n; i++)
		for (k = 0; k < NCOLS; k++)
			free(o->v[i].cell[k]);
	free(o->v);
	if (o->json != NULL)
		export_list_free(o->json);
	free(o->json);
}

/* Reads list's options; returns -1 to go on, else an exit status. */
static int
list_parse(struct cmd_ctx *ctx, int argc, char **argv, struct list_opts *lo)
{
	static const struct option options[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "tree", required_argument, NULL, 't' },
		{ "open", no_argument, NULL, 'o' },
		{ "done", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	bool open = false, done = false;
	int c;

	while ((c = cmd_getopt(ctx, &cmd_list_entry, argc, argv, "", options)) != -1) {
		switch (c) {
		case 'c':
			lo->client = optarg;
			break;
		case 't':
			lo->tree = optarg;
			break;
		case 'o':
			open = true;
			break;
		case 'd':
			done = true;
			break;
		case 'j':
			lo->json = true;
			break;
		default:
			return cmd_getopt_status(c);
		}
	}
	if (open && done)
		return cmd_usage_error("%s", _("list: give --open or --done, not both"));
	if (optind < argc)
		return cmd_usage_error(_("list: unexpected argument '%s'"), argv[optind]);
	lo->status = open ? "open" : done ? "done" : NULL;
	return -1;
}

/* Lists sessions. */
static int
cmd_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct list_opts lo = { 0 };
	struct list_out o = { 0 };
	struct store *s = NULL;
	int status;

	if ((status = list_parse(ctx, argc, argv, &lo)) >= 0)
		return status;
	if ((status = cmd_store_open_read(ctx, &s)) != 0)
		return status;
	if (lo.json) {
		o.json = xmalloc(sizeof *o.json);
		export_list_begin(o.json, isatty(STDOUT_FILENO));
	}
	if (store_session_list(s, lo.client, lo.tree, lo.status, list_collect, &o) != STORE_OK)
		status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
	else if (lo.json)
		list_json_print(o.json);
	else
		list_print(&o);
	list_free(&o);
	store_close(s);
	return status;
}
