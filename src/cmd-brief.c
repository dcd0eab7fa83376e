/* cmd-brief.c: `whyline brief [SESSION] [--format md|html|json]
 * [--template FILE] [-o FILE] [--share]`: the page the team acts on after
 * the call, in the session's language unless --lang says otherwise. The
 * whole brief is built before anything is written; -o replaces the file
 * atomically. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "brief-ctx.h"
#include "brief-html.h"
#include "brief-md.h"
#include "brief.h"
#include "cmd.h"
#include "export.h"
#include "i18n.h"
#include "util.h"

static int cmd_brief_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const brief_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --format FORMAT    md (the default), html, text or json"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --template FILE    a Mustache template (default: the tree's brief:)"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("  -o, --output FILE      write to FILE, replacing it at once"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --share            the client's copy: nothing private, no notes or flags"),
	NULL
};

const struct cmd_entry cmd_brief_entry = {
	"brief", "[SESSION] [--format md|html|text|json] [--template FILE] [-o FILE] [--share]",
	N_("render the brief of a session (the latest one by default)"),
	cmd_brief_exec,
	brief_help
};

enum brief_format {
	FORMAT_MD,
	FORMAT_HTML,
	FORMAT_TEXT,
	FORMAT_JSON
};

struct brief_opts {
	enum brief_format format;
	const char *template;
	const char *output;
	const char *session;
	bool share;
	bool to_stdout;		/* no -o, or -o - */
};

/* Parses brief's options; returns 0, -1 after --help, or an exit status. */
static int
brief_parse(struct cmd_ctx *ctx, int argc, char **argv, struct brief_opts *o)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "template", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "share", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = cmd_getopt(ctx, &cmd_brief_entry, argc, argv, "o:", options)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
				o->format = FORMAT_MD;
			else if (strcmp(optarg, "html") == 0)
				o->format = FORMAT_HTML;
			else if (strcmp(optarg, "json") == 0)
				o->format = FORMAT_JSON;
			else if (strcmp(optarg, "text") == 0 || strcmp(optarg, "txt") == 0)
				o->format = FORMAT_TEXT;
			else
				return cmd_usage_error(_("brief: unknown format '%s' (md, html, text or json)"),
				    optarg);
			break;
		case 't':
			o->template = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 's':
			o->share = true;
			break;
		case CMD_HELP_SHOWN:
			return -1;
		default:
			return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cmd_usage_error("%s", _("brief: give at most one session"));
	if ((o->format == FORMAT_JSON || o->format == FORMAT_TEXT) && o->template != NULL)
		return cmd_usage_error("%s", _("brief: --template makes Markdown or HTML, not JSON or text"));
	o->session = optind < argc ? argv[optind] : NULL;
	o->to_stdout = o->output == NULL || strcmp(o->output, "-") == 0;
	return 0;
}

/* Writes text to the output file, or to standard output. */
static int
brief_write(const struct brief_opts *o, const char *text, size_t len)
{
	char *err = NULL;
	int status = 0;

	if (o->to_stdout) {
		fwrite(text, 1, len, stdout);
		return 0;
	}
	if (atomic_write(o->output, text, len, &err) < 0) {
		status = cmd_error(EXIT_FAILURE, "%s", err);
		free(err);
	}
	return status;
}

/* The brief as export's JSON document. */
static int
brief_json(struct store *s, struct session *ss, const struct brief_opts *o)
{
	struct export_doc doc;
	char *err = NULL, *text;
	size_t len;
	int status;

	export_doc_begin(&doc, o->to_stdout && isatty(STDOUT_FILENO));
	if (!export_doc_add(&doc, s, ss, o->share, &err)) {
		status = cmd_error(EXIT_STORAGE, "%s", err);
		free(err);
		export_doc_free(&doc);
		return status;
	}
	text = export_doc_end(&doc, &len);
	status = text != NULL ? brief_write(o, text, len) :
	    cmd_error(EXIT_FAILURE, "%s", strerror(ERANGE));
	free(text);
	return status;
}

/* The template to use: --template, else the tree's brief: beside the tree
 * (NULL, after a warning, when that one is gone: the default layout). */
static char *
brief_template_path(const struct brief_opts *o, const struct tree *t)
{
	char *path, *why;

	if (o->template != NULL)
		return xstrdup(o->template);
	if (t->brief.s == NULL)
		return NULL;
	if (t->dir == NULL) {
		cmd_warn(_("%s: the tree's file is not there, so its brief: %s is not "
		    "read; the brief uses the default layout"), t->path, t->brief.s);
		return NULL;
	}
	path = brief_tree_template(t->dir, t->brief.s, &why);
	if (path == NULL) {
		cmd_warn(_("%s; the brief uses the default layout"), why);
		free(why);
	}
	return path;
}

/* The brief in the chosen format, but JSON: the template's Markdown (as
 * an HTML page in HTML) or the default layout's; NULL after printing why. */
static char *
brief_text(const struct brief_opts *o, const struct brief *b, int *status)
{
	char *path = brief_template_path(o, b->ss->tree), *md, *page;
	struct diags d = { 0 };
	json_t *ctx;

	if (o->format == FORMAT_TEXT) {
		free(path);
		return brief_plain(b);
	}
	if (path == NULL && o->format == FORMAT_HTML) {
		char *html = brief_html(b);

		page = brief_html_page_of(html, b->heading, b->lang);
		free(html);
		return page;
	}
	if (path == NULL)
		return brief_md(b);
	ctx = brief_context(b);
	md = brief_template(path, ctx, &d);
	brief_context_free(ctx);
	if (md == NULL) {
		diags_print(&d, stderr);
		*status = EXIT_INVALID;
	}
	diags_free(&d);
	free(path);
	if (md == NULL || o->format != FORMAT_HTML)
		return md;
	page = brief_html_page(md, b->heading, b->lang);
	free(md);
	return page;
}

/* Renders the brief of a loaded session in the chosen format. */
static int
brief_render(struct store *s, struct session *ss, const struct brief_opts *o)
{
	struct brief b;
	char *err = NULL, *text;
	int status = 0;

	if (o->format == FORMAT_JSON)
		return brief_json(s, ss, o);
	if (!brief_build(&b, ss, s, o->share, &err)) {
		status = cmd_error(EXIT_STORAGE, "%s", err);
		free(err);
		brief_clear(&b);
		return status;
	}
	text = brief_text(o, &b, &status);
	if (text != NULL)
		status = brief_write(o, text, strlen(text));
	free(text);
	brief_clear(&b);
	return status;
}

/* Renders a brief. */
static int
cmd_brief_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct brief_opts o = { 0 };
	struct store *s = NULL;
	struct session ss;
	enum session_status st;
	char *err = NULL;
	int status = brief_parse(ctx, argc, argv, &o);

	if (status != 0)
		return status < 0 ? 0 : status;
	if ((status = cmd_store_open_read(ctx, &s)) != 0)
		return status;
	st = cmd_sess_load(ctx, &ss, s, o.session, SESSION_TREE_KEPT, ctx->lang, &err);
	if (st == SESSION_OK)
		status = brief_render(s, &ss, &o);
	else
		status = cmd_error(cmd_sess_status(st), "%s", err);
	session_clear(&ss);
	store_close(s);
	free(err);
	return status;
}
