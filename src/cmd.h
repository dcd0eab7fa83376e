/* cmd.h: the subcommands, one descriptor per file, listed in one table. */
#ifndef WHYLINE_CMD_H
#define WHYLINE_CMD_H

#include <getopt.h>
#include <stdbool.h>

#include "session.h"

/* Exit statuses of SPEC section 1. */
enum {
	EXIT_INVALID = 1,	/* a tree, answers file or template is wrong */
	EXIT_USAGE = 2,
	EXIT_STORAGE = 3
};

/* What every command may be told by the options they all take. */
struct cmd_ctx {
	const char *db_path;	/* --db, NULL: $WHYLINE_DB or the default */
	const char *lang;	/* --lang, NULL: from the locale */
	const char *locale_dir;	/* --locale-dir */
	bool no_color;		/* --no-color */
	const char *team;	/* --team, of the commands that take it */
};

struct cmd_entry {
	const char *name;
	const char *usage;	/* the arguments after the name, untranslated */
	const char *summary;	/* one line, marked N_() */
	int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
	/* The help of each of its own options, one N_() string per option
	 * ("  -o, --output FILE   what it does"), NULL-terminated; NULL:
	 * none. */
	const char *const *options_help;
};

extern const struct cmd_entry *const cmd_table[];

/* Finds a command by name. */
const struct cmd_entry *cmd_find(const char *name);

#define CMD_HELP_SHOWN (-2)

/* The codes getopt_long returns for the long options every command takes,
 * above any char. */
enum cmd_option {
	CMD_OPT_DB = 256,
	CMD_OPT_LANG,
	CMD_OPT_LOCALE_DIR,
	CMD_OPT_NO_COLOR,
	CMD_OPT_HELP,
	CMD_OPT_TEAM		/* only the commands of cmd_team_option */
};

/* Room for the options of cmd_options, the end included. */
#define CMD_MAX_OPTIONS 30

/* Fills all with own (NULL: none) and then the options every command takes
 * (--help included), ended by a zeroed entry, for getopt_long. */
void cmd_options(struct option all[CMD_MAX_OPTIONS], const struct option *own);
/* Applies to ctx an option every command takes but --help; returns false
 * when c is not one of them, or after saying why when it is --lang with
 * something that is not a language (valid_lang): a usage error. */
bool cmd_common_option(struct cmd_ctx *ctx, int c, const char *arg);
/* getopt_long over the command's own options (shortopts, own; own may be
 * NULL) and the common ones, which it handles itself; -h is --help. Returns an own option,
 * -1 at the end, '?' after printing a usage error, or CMD_HELP_SHOWN after
 * printing the command's help for --help. */
int cmd_getopt(struct cmd_ctx *ctx, const struct cmd_entry *e, int argc,
    char **argv, const char *shortopts, const struct option *own);
/* Prints the help lines of the options every command takes. */
void cmd_print_common_options(void);
/* "open" or "done" as a person reads it, translated; other values as
 * they are. */
const char *cmd_status_word(const char *status);
/* Prints where to report a problem, the help's last line. */
void cmd_print_bug_report(void);
/* Prints "whyline: MESSAGE" and the hint to --help; returns EXIT_USAGE. */
int cmd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "whyline: MESSAGE"; returns status. */
int cmd_error(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "whyline: MESSAGE" as a warning. Like cmd_error and
 * cmd_usage_error, it strips control characters from the message. */
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Flushes stdout; on a write error says so and returns 1, else status. */
int cmd_finish(int status);
/* Turns CMD_HELP_SHOWN and '?' from cmd_getopt into an exit status. */
int cmd_getopt_status(int c);
/* True when colour may be used on fp's terminal. */
bool cmd_color(const struct cmd_ctx *ctx, int fd);

struct interview;
struct io;
struct store;
struct tree;

/* How to run whyline again, for the commands it tells the user to type
 * (owned): "whyline" when that is this program on PATH, else its own
 * path; with the --db and --locale-dir it was given (cmd-run.c). */
char *cmd_self(const struct cmd_ctx *ctx);
/* Offers the client's answers from earlier calls at the interview's
 * questions (carry.h): carry > 0 at every question (--carry; it says how
 * many on stderr), < 0 at none (--no-carry), 0 at those the tree marks
 * `carry` (cmd-run.c). Returns 0, or the exit status, having said why. */
int cmd_carry(struct interview *iv, int carry);

/* The front end of a live interview: readline when stdin and stdout are
 * terminals (unless plain), else plain lines to stderr; in colour when
 * cmd_color allows it for the stream written to (never with plain). It
 * installs the signal handlers the front end needs. */
struct io *cmd_interview_io(const struct cmd_ctx *ctx, bool plain);
/* Prints why an interview ended in error, if it did; returns the exit
 * status for end (int, as enum interview_end). */
int cmd_interview_status(const struct interview *iv, int end);

/* Opens the database of ctx (--db, else the default) and prints why when it
 * cannot; returns 0 or EXIT_STORAGE. */
int cmd_store_open(const struct cmd_ctx *ctx, struct store **out);
/* The same for a command that only reads (list, show, export, brief): no
 * quick check of the whole file (see store_open_read). */
int cmd_store_open_read(const struct cmd_ctx *ctx, struct store **out);
/* Loads a session (session_load), its tree's strings in lang (NULL: the
 * session's language, else the one in use), and switches the program's
 * messages to that language too, as soon as the tree is there. */
enum session_status cmd_sess_load(const struct cmd_ctx *ctx, struct session *ss,
    struct store *s, const char *prefix, enum session_tree which,
    const char *lang, char **err);
/* Like cmd_sess_load, the kept tree read once into trees (see
 * session_load_shared). */
enum session_status cmd_sess_load_shared(const struct cmd_ctx *ctx,
    struct session *ss, struct store *s, const char *prefix,
    enum session_tree which, const char *lang, struct session_trees *trees,
    char **err);
/* The exit status for a session that could not be loaded. */
int cmd_sess_status(int session_status);
/* Loads and checks a tree to use it, printing its errors (warnings are for
 * `whyline check`); returns 0 or EXIT_INVALID. */
int cmd_tree_load(const char *path, struct tree **out);
/* The tree file for arg (owned): arg when it is a file, else the tree named
 * arg found in $WHYLINE_PATH, the user's folder or the installed one (see
 * tree-path.h); prints why and returns EXIT_INVALID when there is none. */
int cmd_tree_find(const char *arg, char **path);
/* cmd_tree_find, then cmd_tree_load: the tree arg names, loaded and
 * checked; returns 0 or the exit status, having said why. */
int cmd_tree_open(const char *arg, struct tree **out);

/* The consultant's name when none is given: $WHYLINE_CONSULTANT, else the
 * account's full name, else its login name (owned; NULL when none). */
char *cmd_default_consultant(void);

struct strset;
/* Adds to ids the sessions named (prefixes), once each, or every session,
 * newest first, when n is 0; returns 0 or the exit status, having said why
 * (an unknown or ambiguous name: EXIT_INVALID). */
int cmd_session_ids(struct store *s, char **names, int n, struct strset *ids);

#endif
