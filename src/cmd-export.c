/* cmd-export.c: `whyline export [--format json|csv] [SESSION...]`: the
 * sessions named (all of them, newest first, when none is) as the JSON
 * document of SPEC section 5 or as CSV, one record per current answer.
 * Everything is built before anything is written, so a failure leaves no
 * half document on standard output; each session is turned into text as
 * soon as it is built. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "export.h"
#include "hmap.h"
#include "i18n.h"
#include "util.h"

static int cmd_export_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const export_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --format FORMAT    json (the default) or csv"),
	NULL
};

const struct cmd_entry cmd_export_entry = {
	"export", "[--format json|csv] [SESSION]...",
	N_("write sessions as JSON or CSV (all of them by default)"),
	cmd_export_exec,
	export_help
};


/* What one export run needs. */
struct export_run {
	struct store *store;
	const struct cmd_ctx *ctx;
	bool csv;
	bool tty;		/* standard output is a terminal */
	struct export_doc doc;	/* json */
	struct buf out;		/* csv */
};

/* Adds one loaded session to the output. */
static int
export_one(struct export_run *r, struct session *ss)
{
	char *err = NULL;
	int status = 0;

	if (r->csv) {
		if (!export_csv_session(r->store, ss, r->tty, &r->out, &err))
			status = cmd_error(EXIT_STORAGE, "%s", err);
	} else if (!export_doc_add(&r->doc, r->store, ss, false, &err)) {
		status = cmd_error(EXIT_STORAGE, "%s", err);
	}
	free(err);
	return status;
}

/* Loads each session and adds it to the output. */
static int
export_all(struct export_run *r, const struct strset *ids)
{
	struct session_trees trees = { 0 };
	struct session ss;
	enum session_status st;
	char *err = NULL;
	int status = 0;
	size_t i;

	/* Sessions asked from one tree share it, read once. */
	for (i = 0; i < ids->n && status == 0; i++) {
		st = cmd_sess_load_shared(r->ctx, &ss, r->store, ids->v[i],
		    SESSION_TREE_KEPT, r->ctx->lang, &trees, &err);
		if (st != SESSION_OK)
			status = cmd_error(cmd_sess_status(st), "%s", err);
		else
			status = export_one(r, &ss);
		session_clear(&ss);
		free(err);
		err = NULL;
	}
	session_trees_free(&trees);
	return status;
}

/* Writes what was built (on a terminal, the JSON was escaped to ASCII, so
 * that no C1 control reaches it); a number JSON cannot hold (never read
 * from a store) writes nothing. */
static int
export_output(struct export_run *r)
{
	size_t len = 0;
	char *text;

	if (r->csv) {
		fwrite(buf_str(&r->out), 1, r->out.len, stdout);
		return 0;
	}
	if ((text = export_doc_end(&r->doc, &len)) == NULL)
		return cmd_error(EXIT_FAILURE, "%s", strerror(ERANGE));
	fwrite(text, 1, len, stdout);
	free(text);
	return 0;
}

/* Reads export's options; returns -1 to go on, else an exit status. */
static int
export_parse(struct cmd_ctx *ctx, int argc, char **argv, bool *csv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = cmd_getopt(ctx, &cmd_export_entry, argc, argv, "", options)) != -1) {
		if (c != 'f')
			return cmd_getopt_status(c);
		if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "json") != 0)
			return cmd_usage_error(_("export: unknown format '%s' (json or csv)"),
			    optarg);
		*csv = strcmp(optarg, "csv") == 0;
	}
	return -1;
}

/* Exports sessions. */
static int
cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct export_run r = { 0 };
	struct strset ids = { 0 };
	bool began;
	int status;

	if ((status = export_parse(ctx, argc, argv, &r.csv)) >= 0)
		return status;
	if ((status = cmd_store_open_read(ctx, &r.store)) != 0)
		return status;
	r.ctx = ctx;
	r.tty = isatty(STDOUT_FILENO);
	export_doc_begin(&r.doc, r.tty);
	if (r.csv)
		export_csv_header(&r.out);
	/* One read transaction: one lock, one view of every session. */
	began = store_read_begin(r.store);
	if ((status = cmd_session_ids(r.store, argv + optind, argc - optind, &ids)) == 0 &&
	    (status = export_all(&r, &ids)) == 0)
		status = export_output(&r);
	store_read_end(r.store, began);
	strset_free(&ids);
	export_doc_free(&r.doc);
	buf_free(&r.out);
	store_close(r.store);
	return status;
}
