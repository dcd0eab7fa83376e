/* main.c: whyline's entry point: the locale, the options before the
 * command, --help and --version, and the dispatch to a command.
 *
 * Copyright (C) 2026 The whyline authors.
 * whyline is free software under the GNU General Public License, version 3
 * or any later version (SPDX-License-Identifier: GPL-3.0-or-later); see
 * COPYING. It comes with NO WARRANTY. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "lang.h"

/* Prints the program's help. */
static void
usage(void)
{
	size_t i;

	printf(_("Usage: whyline COMMAND [OPTION]... [ARGUMENT]...\n"));
	puts(_("Run a discovery call from a question tree, drill to the goal "
	       "behind a request,\nsave every answer as it is typed, and write "
	       "the brief.\n"));
	puts(_("Commands:"));
	for (i = 0; cmd_table[i] != NULL; i++)
		printf("  %-8s %s\n", cmd_table[i]->name, _(cmd_table[i]->summary));
	puts("");
	cmd_print_common_options();
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("  -h, --help             show this help and exit"));
	/* TRANSLATORS: keep the option names; align the descriptions. */
	puts(_("  -V, --version          show the version and exit"));
	puts("");
	puts(_("'whyline COMMAND --help' describes one command.\n"
	       "Exit status: 0 success, 1 invalid input, 2 usage error, 3 storage error."));
	cmd_print_bug_report();
}

/* Prints the version. */
static void
version(void)
{
	printf("whyline %s\n", PACKAGE_VERSION);
	puts("Copyright (C) 2026 The whyline authors.");
	puts(_("License: GPL-3.0-or-later. There is NO WARRANTY, to the extent permitted by law."));
}

/* Parses the options before the command, then runs it. */
int
main(int argc, char **argv)
{
	static const struct option own[] = {
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct option options[CMD_MAX_OPTIONS];	/* --help among them */
	struct cmd_ctx ctx = { 0 };
	const struct cmd_entry *e;
	char name[64];
	int c;

	setlocale(LC_ALL, "");
	/* Numbers are read and written with a point whatever the locale, so
	 * that 12.5 means the same in every language and every file. */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
	/* Catalogs of an uninstalled build (or a translator's) come first. */
	ctx.locale_dir = getenv("WHYLINE_LOCALEDIR");
	if (ctx.locale_dir != NULL && *ctx.locale_dir == '\0')
		ctx.locale_dir = NULL;
	if (ctx.locale_dir != NULL)
		lang_set(NULL, ctx.locale_dir);

	/* '+': stop at the command; its own options come after it. */
	cmd_options(options, own);
	while ((c = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
		if (cmd_common_option(&ctx, c, optarg)) {
			/* Before the command, --lang is the language of every
			 * message, --help's too, and --locale-dir's catalog
			 * comes first at once. */
			if (c == CMD_OPT_LANG)
				lang_set(optarg, ctx.locale_dir);
			else if (c == CMD_OPT_LOCALE_DIR)
				lang_set(NULL, ctx.locale_dir);
			continue;
		}
		switch (c) {
		case 'h':
		case CMD_OPT_HELP:
			usage();
			return cmd_finish(EXIT_SUCCESS);
		case 'V':
			version();
			return cmd_finish(EXIT_SUCCESS);
		default:
			fprintf(stderr, _("Try 'whyline --help' for more information.\n"));
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cmd_usage_error("%s", _("no command given"));
	e = cmd_find(argv[optind]);
	if (e == NULL)
		return cmd_usage_error(_("unknown command '%s'"), argv[optind]);
	argc -= optind;
	argv += optind;
	/* getopt names the program after argv[0] in its messages: make it
	 * "whyline check", not "check". */
	snprintf(name, sizeof name, "whyline %s", e->name);
	argv[0] = name;
	optind = 0;	/* reset getopt for the command's own options */
	return cmd_finish(e->exec(&ctx, argc, argv));
}
