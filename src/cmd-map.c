/* cmd-map.c: `whyline map [--codes FILE] [--coder NAME] [--tree ID]
 * [--client TEXT] [--since DATE] [--until DATE]
 * [--format csv|json|dot|md|html] [--cutoff N] [--share]`: the ladder map
 * of the sessions selected: the implication matrix of the links between
 * the codes of their rungs (see map.h), the hierarchical value map, or a
 * report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brief-html.h"
#include "buf.h"
#include "cmd.h"
#include "cmd-code.h"
#include "i18n.h"
#include "lang.h"
#include "map-load.h"
#include "map-out.h"
#include "map-report.h"
#include "util.h"

static int cmd_map_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const map_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --codes FILE       the team's codebook (YAML), for the codes' labels"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --coder NAME       only this coder's codes (default: everyone's)"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --tree ID          only the sessions of this tree"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --client TEXT      only the clients whose name holds TEXT"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --since DATE       only sessions started on or after DATE (YYYY-MM-DD)"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --until DATE       only sessions started on or before DATE"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --format FORMAT    csv (the matrix, the default), json, dot, md or html"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --cutoff N         the dot map: only links held by N ladders or more"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --share            the reports without the clients' names"),
	NULL
};

const struct cmd_entry cmd_map_entry = {
	"map", "[--codes FILE] [--coder NAME] [--tree ID] [--client TEXT]"
	" [--since DATE] [--until DATE] [--format csv|json|dot|md|html]"
	" [--cutoff N] [--share]",
	N_("the map of the codes of every ladder: links between them, across calls"),
	cmd_map_exec,
	map_help
};

enum map_format {
	MAP_CSV,
	MAP_JSON,
	MAP_DOT,
	MAP_MD,
	MAP_HTML
};

struct map_opts {
	const char *codes, *coder, *tree, *client, *since, *until;
	enum map_format format;
	unsigned cutoff;
	bool share;
};

/* The sessions selected: copies of the fields the map reads. */
struct map_ids {
	const struct map_opts *o;
	struct session_row *v;
	size_t n, cap;
};

/* Keeps a session started within --since and --until (UTC days). */
static void
collect(void *arg, const struct session_row *row)
{
	struct map_ids *ids = arg;
	struct session_row *c;

	if (row->started_at == NULL)
		return;
	if (ids->o->since != NULL && strncmp(row->started_at, ids->o->since, 10) < 0)
		return;
	if (ids->o->until != NULL && strncmp(row->started_at, ids->o->until, 10) > 0)
		return;
	xgrow(&ids->v, &ids->cap, ids->n + 1, sizeof *ids->v);
	c = &ids->v[ids->n++];
	memset(c, 0, sizeof *c);
	memcpy(c->id, row->id, sizeof c->id);
	c->tree_sha256 = xstrdup_null(row->tree_sha256);
	c->tree_path = xstrdup_null(row->tree_path);
	c->client = xstrdup_null(row->client);
}

/* True when s is a date YYYY-MM-DD. */
static bool
is_date(const char *s)
{
	int i, mo, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	mo = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

/* Reads map's options; returns -1 to go on, else an exit status. */
static int
map_parse(struct cmd_ctx *ctx, int argc, char **argv, struct map_opts *o)
{
	static const struct option options[] = {
		{ "codes", required_argument, NULL, 'c' },
		{ "coder", required_argument, NULL, 'w' },
		{ "tree", required_argument, NULL, 't' },
		{ "client", required_argument, NULL, 'l' },
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "format", required_argument, NULL, 'f' },
		{ "cutoff", required_argument, NULL, 'n' },
		{ "share", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const formats[] = { "csv", "json", "dot", "md", "html" };
	char *end;
	unsigned long n;
	size_t i;
	int c;

	while ((c = cmd_getopt(ctx, &cmd_map_entry, argc, argv, "", options)) != -1) {
		switch (c) {
		case 'c':
			o->codes = optarg;
			break;
		case 'w':
			o->coder = optarg;
			break;
		case 't':
			o->tree = optarg;
			break;
		case 'l':
			o->client = optarg;
			break;
		case 's':
		case 'u':
			if (!is_date(optarg))
				return cmd_usage_error(_("map: '%s' is not a date (YYYY-MM-DD)"), optarg);
			*(c == 's' ? &o->since : &o->until) = optarg;
			break;
		case 'f':
			for (i = 0; i < sizeof formats / sizeof formats[0] &&
			    strcmp(optarg, formats[i]) != 0; i++)
				;
			if (i == sizeof formats / sizeof formats[0])
				return cmd_usage_error(_("map: unknown format '%s'"
				    " (csv, json, dot, md or html)"), optarg);
			o->format = (enum map_format)i;
			break;
		case 'n':
			n = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' || n < 1 || n > 1000000)
				return cmd_usage_error(_("map: --cutoff needs a whole number from 1,"
				    " not '%s'"), optarg);
			o->cutoff = (unsigned)n;
			break;
		case 'S':
			o->share = true;
			break;
		default:
			return cmd_getopt_status(c);
		}
	}
	if (optind < argc)
		return cmd_usage_error(_("map: unexpected argument '%s'"), argv[optind]);
	if (o->cutoff == 0)
		o->cutoff = 1;
	return -1;
}

/* Adds the sessions to the map; a session that cannot be loaded is named
 * and left out. */
static int
map_build(struct cmd_ctx *ctx, struct store *s, const struct map_opts *o,
    const struct map_ids *ids, struct map *m)
{
	struct map_loader *ml;
	enum session_status st;
	char *err = NULL;
	size_t i;
	int status = 0;

	if ((ml = map_loader_new(s, o->coder, ctx->locale_dir, &err)) == NULL) {
		status = cmd_error(EXIT_STORAGE, "%s", err);
		free(err);
		return status;
	}
	for (i = 0; i < ids->n && status == 0; i++) {
		st = map_loader_add(ml, m, &ids->v[i], &err);
		if (st == SESSION_STORAGE)
			status = cmd_error(EXIT_STORAGE, "%s", err);
		else if (st != SESSION_OK)
			cmd_error(0, _("session %.8s is left out: %s"), ids->v[i].id, err);
		free(err);
		err = NULL;
	}
	map_loader_free(ml);
	map_finish(m);
	return status;
}

/* Writes the map in the format asked for. */
static void
map_write(const struct map *m, const struct map_opts *o,
    const struct codebook *book, struct buf *b)
{
	struct buf md = { 0 };
	char *page, *lang;

	switch (o->format) {
	case MAP_CSV:
		map_csv(m, isatty(STDOUT_FILENO), b);
		break;
	case MAP_JSON:
		map_json(m, book, o->share, b);
		break;
	case MAP_DOT:
		map_dot(m, book, o->cutoff, b);
		break;
	case MAP_MD:
		map_md(m, book, o->share, b);
		break;
	case MAP_HTML:
		map_md(m, book, o->share, &md);
		lang = lang_current();
		page = brief_html_page(buf_str(&md), _("Ladder map"), lang);
		buf_puts(b, page);
		free(page);
		free(lang);
		buf_free(&md);
		break;
	}
}

/* Prints the map. */
static int
cmd_map_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct map_opts o = { 0 };
	struct map_ids ids = { &o, NULL, 0, 0 };
	struct codebook book = { 0 };
	struct store *s = NULL;
	struct map *m = NULL;
	struct buf b = { 0 };
	size_t i;
	int status;

	if ((status = map_parse(ctx, argc, argv, &o)) >= 0)
		return status;
	if (o.codes != NULL && (status = cmd_codebook_load(o.codes, &book)) != 0)
		return status;
	if ((status = cmd_store_open_read(ctx, &s)) != 0)
		goto out;
	if (store_session_list(s, o.client, o.tree, NULL, collect, &ids) != STORE_OK) {
		status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
		goto out;
	}
	m = map_new();
	if ((status = map_build(ctx, s, &o, &ids, m)) != 0)
		goto out;
	map_write(m, &o, &book, &b);
	if (b.len > 0)
		fwrite(b.s, 1, b.len, stdout);
	status = cmd_finish(0);
out:
	buf_free(&b);
	map_free(m);
	for (i = 0; i < ids.n; i++)
		session_row_clear(&ids.v[i]);
	free(ids.v);
	store_close(s);
	codebook_clear(&book);
	return status;
}
