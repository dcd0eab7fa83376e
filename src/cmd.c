/* cmd.c: the command table and what commands share: options, errors,
 * flushing output. */
#include "config.h"

#include "cmd.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd-team.h"
#include "diag.h"
#include "i18n.h"
#include "interview.h"
#include "io.h"
#include "lang.h"
#include "session.h"
#include "store.h"
#include "tree.h"
#include "tree-path.h"
#include "buf.h"
#include "util.h"
#include "valid.h"

extern const struct cmd_entry cmd_amend_entry;
extern const struct cmd_entry cmd_answers_entry;
extern const struct cmd_entry cmd_brief_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_code_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_graph_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_new_entry;
extern const struct cmd_entry cmd_map_entry;
extern const struct cmd_entry cmd_pot_entry;
extern const struct cmd_entry cmd_pull_entry;
extern const struct cmd_entry cmd_push_entry;
extern const struct cmd_entry cmd_resume_entry;
extern const struct cmd_entry cmd_run_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_trees_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_run_entry,
	&cmd_resume_entry,
	&cmd_amend_entry,
	&cmd_check_entry,
	&cmd_brief_entry,
	&cmd_list_entry,
	&cmd_show_entry,
	&cmd_export_entry,
	&cmd_pot_entry,
	&cmd_graph_entry,
	&cmd_merge_entry,
	&cmd_push_entry,
	&cmd_pull_entry,
	&cmd_trees_entry,
	&cmd_new_entry,
	&cmd_answers_entry,
	&cmd_code_entry,
	&cmd_map_entry,
	NULL
};

/* The long options every command takes. */
static const struct option common_options[] = {
	{ "db", required_argument, NULL, CMD_OPT_DB },
	{ "lang", required_argument, NULL, CMD_OPT_LANG },
	{ "locale-dir", required_argument, NULL, CMD_OPT_LOCALE_DIR },
	{ "no-color", no_argument, NULL, CMD_OPT_NO_COLOR },
	{ "help", no_argument, NULL, CMD_OPT_HELP },
};

#define NCOMMON (sizeof common_options / sizeof *common_options)
#define MAX_OWN (CMD_MAX_OPTIONS - NCOMMON - 1)

/* Finds a command by name. */
const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

/* Prints the options every command takes. */
void
cmd_print_common_options(void)
{
	puts(_("Options every command takes:"));
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("      --db PATH          the database (default $WHYLINE_DB, else\n"
	       "                         $XDG_DATA_HOME/whyline/whyline.db)"));
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("      --lang LL          the language of prompts and briefs"));
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("      --locale-dir DIR   look for catalogs in DIR first (default\n"
	       "                         $WHYLINE_LOCALEDIR)"));
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("      --no-color         no colour, even on a terminal"));
}

/* A session's status as a person reads it, in the language in use. */
const char *
cmd_status_word(const char *status)
{
	if (status == NULL)
		return NULL;
	if (strcmp(status, "open") == 0)
		/* TRANSLATORS: a session's status, in list and show. */
		return _("open");
	if (strcmp(status, "done") == 0)
		/* TRANSLATORS: a session's status, in list and show. */
		return _("done");
	return status;
}

/* Prints where to report a problem: the README's section, installed. */
void
cmd_print_bug_report(void)
{
	/* TRANSLATORS: %s is the installed README; keep the section's
	 * name in English, as it is written there. */
	printf(_("Report problems as the \"Reporting problems\" section of %s says.\n"),
	    DOCDIR "/README");
}

/* Prints the help of one command: usage, summary, its options, the common
 * ones and where to report problems. */
static void
cmd_help(const struct cmd_entry *e)
{
	size_t i;

	printf(_("Usage: whyline %s %s\n"), e->name, e->usage);
	printf("%s\n\n", _(e->summary));
	if (e->options_help != NULL && e->options_help[0] != NULL) {
		puts(_("Options:"));
		for (i = 0; e->options_help[i] != NULL; i++)
			puts(_(e->options_help[i]));
		puts("");
	}
	cmd_print_common_options();
	cmd_team_help(e);
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("  -h, --help             show this help and exit"));
	puts("");
	cmd_print_bug_report();
}

/* Fills all with own and the common options. */
void
cmd_options(struct option all[CMD_MAX_OPTIONS], const struct option *own)
{
	size_t n = 0, i;

	if (own != NULL)
		for (; own[n].name != NULL && n < MAX_OWN; n++)
			all[n] = own[n];
	for (i = 0; i < NCOMMON; i++)
		all[n + i] = common_options[i];
	memset(&all[n + NCOMMON], 0, sizeof all[0]);
}

/* True when --lang's arg is a language; else says so. */
static bool
lang_valid(const char *arg)
{
	if (valid_lang(arg))
		return true;
	cmd_error(EXIT_USAGE, _("--lang: '%s' is not a language, as in fr or pt_BR"), arg);
	return false;
}

/* Applies a common option but --help. */
bool
cmd_common_option(struct cmd_ctx *ctx, int c, const char *arg)
{
	switch (c) {
	case CMD_OPT_DB:
		ctx->db_path = arg;
		return true;
	case CMD_OPT_LANG:
		/* Not a language: false, after saying so; the caller's
		 * usage error follows. */
		if (!lang_valid(arg))
			return false;
		ctx->lang = arg;
		return true;
	case CMD_OPT_LOCALE_DIR:
		ctx->locale_dir = arg;
		return true;
	case CMD_OPT_NO_COLOR:
		ctx->no_color = true;
		return true;
	case CMD_OPT_TEAM:
		ctx->team = arg;
		return true;
	default:
		return false;
	}
}

/* getopt_long over own options and the common ones. */
int
cmd_getopt(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc,
    char **argv, const char *shortopts, const struct option *own)
{
	struct option all[CMD_MAX_OPTIONS];	/* getopt keeps no pointer to it */
	char shorts[64];
	int c;

	/* -h is --help for every command. */
	snprintf(shorts, sizeof shorts, "h%s", shortopts);
	cmd_options(all, own);
	cmd_team_option(e, all);
	for (;;) {
		c = getopt_long(argc, argv, shorts, all, NULL);
		if (cmd_common_option(ctx, c, optarg))
			continue;
		switch (c) {
		case 'h':
		case CMD_OPT_HELP:
			cmd_help(e);
			return CMD_HELP_SHOWN;
		case '?':
		case CMD_OPT_LANG:	/* not a language: cmd_common_option said so */
			fprintf(stderr, _("Try 'whyline --help' for more information.\n"));
			return '?';
		case -1:
			/* --lang is the language of the command's messages, as
			 * before the command; check's stay in the user's own
			 * (its --lang names the translations to look for).
			 * Whyline's own catalog may be in --locale-dir too. */
			if (ctx->lang != NULL && e != &cmd_check_entry)
				lang_set(ctx->lang, ctx->locale_dir);
			else if (ctx->locale_dir != NULL)
				lang_set(NULL, ctx->locale_dir);
			return c;
		default:
			return c;
		}
	}
}

/* Turns what cmd_getopt returned for help or an error into a status. */
int
cmd_getopt_status(int c)
{
	return c == CMD_HELP_SHOWN ? EXIT_SUCCESS : EXIT_USAGE;	/* main flushes */
}

/* Prints "whyline: MESSAGE" on standard error, cleaned for a terminal
 * (str_terminal) of what names, paths and answers quoted in it may hold. */
static void cmd_vsay(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void
cmd_vsay(const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap), *clean;

	/* Newlines stay: some messages show what was not saved below them. */
	clean = str_terminal(msg, true);
	fprintf(stderr, "whyline: %s\n", clean);
	free(clean);
	free(msg);
}

/* Prints a usage error and the hint. */
int
cmd_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vsay(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Try 'whyline --help' for more information.\n"));
	return EXIT_USAGE;
}

/* Prints an error and returns status. */
int
cmd_error(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vsay(fmt, ap);
	va_end(ap);
	return status;
}

/* Prints a warning. */
void
cmd_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vsay(fmt, ap);
	va_end(ap);
}

/* Flushes stdout, turning a write error into a failure. */
int
cmd_finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("whyline: write error: %s\n"), strerror(errno));
		return status != 0 ? status : EXIT_FAILURE;
	}
	return status;
}

/* True when colour may be used: not asked off, no NO_COLOR, a terminal. */
bool
cmd_color(const struct cmd_ctx *ctx, int fd)
{
	const char *nc = getenv("NO_COLOR");

	if (ctx->no_color || (nc != NULL && *nc != '\0'))
		return false;
	return isatty(fd);
}

/* Chooses the front end: readline when stdin and stdout are terminals,
 * else plain lines to stderr. Colour is decided for the stream written to
 * (--no-color and NO_COLOR apply); --plain has none. */
struct io *
cmd_interview_io(const struct cmd_ctx *ctx, bool plain)
{
	bool tty = !plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);

	sig_install(!tty);
	if (tty)
		return term_new(cmd_color(ctx, STDOUT_FILENO));
	return io_plain_new(stdin, stderr, !plain && cmd_color(ctx, STDERR_FILENO));
}

/* Says why an interview ended in error: a storage error fails with
 * EXIT_STORAGE; a pause after a failed read still succeeds. */
int
cmd_interview_status(const struct interview *iv, int end)
{
	if (end == INTERVIEW_STORAGE)
		return cmd_error(EXIT_STORAGE, "%s", iv->error);
	if (iv->error != NULL)
		cmd_error(0, "%s", iv->error);
	return 0;
}

/* Opens the database (for reading only when reader), printing why it
 * cannot be. */
static int
store_open_ctx(const struct cmd_ctx *ctx, bool reader, struct store **out)
{
	char *path = ctx->db_path != NULL ? strdup(ctx->db_path) : store_default_path();
	char *err = NULL;
	int status = 0;

	if ((reader ? store_open_read(path, out, &err) :
	    store_open(path, out, &err)) != STORE_OK) {
		/* The store's messages name the file already. */
		status = cmd_error(EXIT_STORAGE, "%s", err);
		free(err);
	}
	free(path);
	return status;
}

/* Opens the database, printing why it cannot be. */
int
cmd_store_open(const struct cmd_ctx *ctx, struct store **out)
{
	return store_open_ctx(ctx, false, out);
}

/* Opens the database for a command that only reads. */
int
cmd_store_open_read(const struct cmd_ctx *ctx, struct store **out)
{
	if (ctx->team != NULL)
		return cmd_team_snapshot(ctx, out);
	return store_open_ctx(ctx, true, out);
}

/* Loads a session and speaks its language. */
enum session_status
cmd_sess_load(const struct cmd_ctx *ctx, struct session *ss, struct store *s,
    const char *prefix, enum session_tree which, const char *lang, char **err)
{
	return cmd_sess_load_shared(ctx, ss, s, prefix, which, lang, NULL, err);
}

/* Loads a session, its kept tree shared through trees, and speaks its
 * language. */
enum session_status
cmd_sess_load_shared(const struct cmd_ctx *ctx, struct session *ss,
    struct store *s, const char *prefix, enum session_tree which,
    const char *lang, struct session_trees *trees, char **err)
{
	enum session_status st = session_load_shared(ss, s, prefix, which, lang,
	    ctx->locale_dir, trees, err);
	char *cur;

	if (ss->tree == NULL)
		return st;
	lang_set(ss->lang, ctx->locale_dir);
	/* A session that recorded no language is read in the one in use. */
	if (ss->lang == NULL) {
		cur = lang_current();
		session_set_lang(ss, cur, ctx->locale_dir);
		free(cur);
	}
	return st;
}

/* The exit status for a session that could not be loaded: not found or a
 * tree that cannot be used is invalid input, the rest is storage. */
int
cmd_sess_status(int st)
{
	switch (st) {
	case SESSION_OK:
		return 0;
	case SESSION_NOT_FOUND:
	case SESSION_BAD_TREE:
		return EXIT_INVALID;
	default:
		return EXIT_STORAGE;
	}
}

/* Loads and checks a tree, printing its errors. */
int
cmd_tree_load(const char *path, struct tree **out)
{
	struct diags d = { 0 };

	*out = check_load(path, false, &d);
	diags_sort(&d);
	diags_print(&d, stderr);
	diags_free(&d);
	return *out != NULL ? 0 : EXIT_INVALID;
}

/* Finds the tree arg names (a file or a name) and loads it, printing why
 * it cannot be used. */
int
cmd_tree_open(const char *arg, struct tree **out)
{
	char *path;
	int status;

	*out = NULL;
	if ((status = cmd_tree_find(arg, &path)) != 0)
		return status;
	status = cmd_tree_load(path, out);
	free(path);
	return status;
}

/* Finds the tree file for arg: a file, or a tree found by name. */
int
cmd_tree_find(const char *arg, char **path)
{
	struct tree_dirs dirs;
	struct buf where = { 0 };
	size_t i;

	*path = tree_path_resolve(arg);
	if (*path != NULL)
		return 0;
	tree_dirs_get(&dirs, TREE_PATH_INSTALLED);
	for (i = 0; i < dirs.n; i++)
		buf_printf(&where, "%s%s", i > 0 ? ", " : "", dirs.v[i]);
	cmd_error(EXIT_INVALID, _("%s: no such file, and no tree of that name in %s"),
	    arg, buf_str(&where));
	buf_free(&where);
	tree_dirs_free(&dirs);
	return EXIT_INVALID;
}

/* The consultant's name when none is given. */
char *
cmd_default_consultant(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *env = getenv("WHYLINE_CONSULTANT");

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (pw != NULL && pw->pw_gecos != NULL && *pw->pw_gecos != '\0')
		return xstrndup(pw->pw_gecos, strcspn(pw->pw_gecos, ","));
	if (pw != NULL)
		return xstrdup(pw->pw_name);
	return NULL;
}

/* Collects one listed session's id. */
static void
session_id_collect(void *arg, const struct session_row *ss)
{
	strset_add(arg, ss->id);
}

/* Resolves the sessions named (all of them, newest first, when none is)
 * to ids. */
int
cmd_session_ids(struct store *s, char **names, int n, struct strset *ids)
{
	struct session_row row;
	int i;

	if (n == 0 && store_session_list(s, NULL, NULL, NULL, session_id_collect, ids) != STORE_OK)
		return cmd_error(EXIT_STORAGE, "%s", store_error(s));
	for (i = 0; i < n; i++) {
		switch (store_session_find(s, names[i], &row)) {
		case STORE_OK:
			strset_add(ids, row.id);
			session_row_clear(&row);
			break;
		case STORE_NOT_FOUND:
		case STORE_AMBIGUOUS:
			return cmd_error(EXIT_INVALID, "%s", store_error(s));
		default:
			return cmd_error(EXIT_STORAGE, "%s", store_error(s));
		}
	}
	return 0;
}
