/* cmd-new.c: `whyline new ID [--title T]`: a starter tree that passes
 * check (a request, a why ladder, a success question and a wrap-up), with
 * the schema line editors read, written to ID.yaml or -o FILE. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "i18n.h"
#include "tree.h"
#include "tree-path.h"
#include "util.h"

static int cmd_new_exec(struct cmd_ctx *, int, char **);

/* The help of each option, one string per option. */
static const char *const new_help[] = {
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("      --title TITLE      the tree's title (default: from its id)"),
	/* TRANSLATORS: keep the option names; align the descriptions. */
	N_("  -o, --output FILE      write to FILE, - for standard output (default\n"
	   "                         ID.yaml); an existing file is never replaced"),
	NULL
};

const struct cmd_entry cmd_new_entry = {
	"new", "ID [--title TITLE] [-o FILE]",
	N_("write a starter tree that passes check"),
	cmd_new_exec,
	new_help
};

/* The tree itself: %1$s the schema, %2$s the file's name, %3$s the id, %4$s
 * the title as a YAML double-quoted string. */
#define STARTER \
    "# yaml-language-server: $schema=%1$s\n" \
    "# %2$s: a starter tree written by `whyline new`. Change the questions to\n" \
    "# your call, then: whyline check %2$s && whyline run %2$s\n" \
    "# The format: man 5 whyline-tree.\n" \
    "whyline: 1\n" \
    "id: %3$s\n" \
    "title: %4$s\n" \
    "version: \"0.1\"\n" \
    "language: en\n" \
    "intro: We start from what you asked for, and ask why until we reach the\n" \
    "  goal behind it.\n" \
    "sections:\n" \
    "  - id: request\n" \
    "    title: The request\n" \
    "    questions:\n" \
    "      - id: request\n" \
    "        label: Request\n" \
    "        ask: What would you like us to do, in your own words?\n" \
    "        required: true\n" \
    "      - id: why\n" \
    "        type: ladder\n" \
    "        from: request\n" \
    "        ask: What would {{rung}} give you?\n" \
    "        help: Ask again about each answer, until the client names a goal\n" \
    "          of their own (/goal) or cannot go deeper (/stuck).\n" \
    "        goal: Underlying goal\n" \
    "  - id: success\n" \
    "    title: Success\n" \
    "    questions:\n" \
    "      - id: success\n" \
    "        label: Sign of success\n" \
    "        summary: true\n" \
    "        type: paragraph\n" \
    "        ask: Six months from now, what would tell you that this worked?\n" \
    "  - id: wrap_up\n" \
    "    title: Wrap-up\n" \
    "    questions:\n" \
    "      - id: next_step\n" \
    "        label: What they want next\n" \
    "        ask: What would you like to happen after this call?\n" \
    "      - id: thanks\n" \
    "        type: note\n" \
    "        ask: Thank the client, and say when they will receive the brief.\n"

/* s as a YAML double-quoted scalar, control characters escaped. */
static char *
yaml_quote(const char *s)
{
	struct buf b = { 0 };
	const unsigned char *p;

	buf_putc(&b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(&b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(&b, "\\x%02x", *p);
		else
			buf_putc(&b, (char)*p);
	}
	buf_putc(&b, '"');
	return buf_take(&b);
}

/* The default title: the id with - and _ as spaces, its first letter in
 * capitals ("client-onboarding": "Client onboarding"). */
static char *
title_of(const char *id)
{
	char *t = xstrdup(id), *p;

	for (p = t; *p != '\0'; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

/* Writes text to path, which must not exist yet (- : standard output). */
static int
write_new(const char *path, const char *text)
{
	size_t len = strlen(text);
	ssize_t w;
	size_t off = 0;
	int fd;

	if (strcmp(path, "-") == 0) {
		fputs(text, stdout);
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return cmd_error(EXIT_INVALID, errno == EEXIST ?
		    _("%s: the file exists already; choose another with -o") : "%s: %s",
		    path, strerror(errno));
	while (off < len) {
		w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			cmd_error(EXIT_INVALID, "%s: %s", path, strerror(errno));
			close(fd);
			unlink(path);
			return EXIT_INVALID;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		cmd_error(EXIT_INVALID, "%s: %s", path, strerror(errno));
		unlink(path);
		return EXIT_INVALID;
	}
	fprintf(stderr, _("whyline: wrote %s; check it with: whyline check %s\n"), path, path);
	return 0;
}

/* Writes the starter tree. */
static int
cmd_new_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "title", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const char *title = NULL, *out = NULL, *id, *p;
	char *path, *name, *quoted, *deftitle = NULL, *text;
	size_t len;
	int c, status;

	while ((c = cmd_getopt(ctx, &cmd_new_entry, argc, argv, "o:", options)) != -1) {
		if (c == 't')
			title = optarg;
		else if (c == 'o')
			out = optarg;
		else
			return cmd_getopt_status(c);
	}
	if (argc - optind != 1)
		return cmd_usage_error("%s", _("new: give the new tree's id"));
	id = argv[optind];
	if (!tree_id_valid(id))
		return cmd_usage_error(_("new: '%s' is not a tree id: it must match [a-z0-9][a-z0-9_-]*"), id);
	if (title == NULL)
		title = deftitle = title_of(id);
	if (str_blank(title))
		return cmd_usage_error("%s", _("new: the title is empty"));
	/* A YAML file is UTF-8: a tree with another title would not load. */
	for (p = title; *p != '\0'; p += len)
		if ((len = str_char_len(p, NULL)) == 0)
			return cmd_usage_error("%s", _("new: the title is not UTF-8 text"));
	path = out != NULL ? xstrdup(out) : xasprintf("%s.yaml", id);
	name = xstrdup(strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path);
	quoted = yaml_quote(title);
	text = xasprintf(STARTER, TREE_PATH_SCHEMA, strcmp(path, "-") == 0 ?
	    "TREE.yaml" : name, id, quoted);
	status = write_new(path, text);
	free(text);
	free(quoted);
	free(name);
	free(path);
	free(deftitle);
	return status;
}
