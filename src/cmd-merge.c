/* cmd-merge.c: `whyline merge FILE.db...`: imports every session of other
 * whyline databases (a colleague's file, a backup) into this one, in one
 * transaction; see store-merge.h for how rows are matched. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "i18n.h"
#include "store-merge.h"

static int cmd_merge_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_merge_entry = {
	"merge", "FILE.db...",
	N_("import every session of other whyline databases into this one"),
	cmd_merge_exec
};

/* Merges the files named on the command line. */
static int
cmd_merge_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_merge_stats stats;
	struct store *s = NULL;
	int c, status;

	if ((c = cmd_getopt(ctx, &cmd_merge_entry, argc, argv, "", NULL)) != -1)
		return cmd_getopt_status(c);
	if (optind >= argc)
		return cmd_usage_error("%s", _("merge: name at least one "
		    "database file"));
	if (argc - optind > STORE_MERGE_MAX)
		return cmd_usage_error(_("merge: at most %d files at a time"),
		    STORE_MERGE_MAX);
	if ((status = cmd_store_open(ctx, &s)) != 0)
		return status;
	if (store_merge(s, (const char *const *)argv + optind,
	    (size_t)(argc - optind), &stats) != STORE_OK)
		status = cmd_error(EXIT_STORAGE, "%s", store_error(s));
	else
		printf(ngettext("%ld session read, %ld new, %ld rows added or "
		    "updated\n", "%ld sessions read, %ld new, %ld rows added "
		    "or updated\n", stats.sessions), stats.sessions,
		    stats.added, stats.rows);
	store_close(s);
	return status;
}
