/* pot.c: a gettext template of a tree's strings, written as xgettext
 * writes one: a header, then entries with extracted comments (#.),
 * references (#:), a msgctxt (what the string is: the question id and
 * field, so that the same words in two places can be translated apart),
 * msgid and an empty msgstr. */
#include "config.h"

#include "pot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hmap.h"
#include "tree-strs.h"
#include "util.h"

#define WIDTH 79	/* xgettext's page width */

/* One string in one context (what it is: "question budget: ask") and
 * where it comes from. */
struct entry {
	char *key;		/* msgctxt, \004, msgid: as gettext keys it */
	char *msgctxt;
	const char *msgid;	/* in key, after the \004 */
	char **refs;		/* "FILE:LINE", each once */
	size_t nrefs, crefs;
};

struct pot {
	struct entry *v;
	size_t n, cap;
	struct hmap by_key;	/* key -> index + 1 */
};

/* A new, empty template. */
struct pot *
pot_new(void)
{
	return xcalloc(1, sizeof(struct pot));
}

/* Adds s (taken) to a list of distinct strings. */
static void
add_once(char ***v, size_t *n, size_t *cap, char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0) {
			free(s);
			return;
		}
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* The entry for msgid in context ctx, made when it is new. */
static struct entry *
entry_for(struct pot *p, const char *ctx, const char *msgid)
{
	char *key = xasprintf("%s\004%s", ctx, msgid);
	uintptr_t k = (uintptr_t)hmap_get(&p->by_key, key);
	struct entry *e;

	if (k != 0) {
		free(key);
		return &p->v[k - 1];
	}
	xgrow(&p->v, &p->cap, p->n + 1, sizeof *p->v);
	e = &p->v[p->n++];
	memset(e, 0, sizeof *e);
	e->key = key;
	e->msgctxt = xstrdup(ctx);
	e->msgid = key + strlen(ctx) + 1;
	hmap_put(&p->by_key, e->key, (void *)(uintptr_t)p->n);
	return e;
}

/* Adds a tree's strings. */
void
pot_add_tree(struct pot *p, const struct tree *t)
{
	size_t n, i;
	struct tree_str *v = tree_strs(t, &n);

	for (i = 0; i < n; i++) {
		struct entry *e = entry_for(p, v[i].what, v[i].text->s);

		add_once(&e->refs, &e->nrefs, &e->crefs,
		    xasprintf("%s:%u", t->path, v[i].text->mark.line));
	}
	tree_strs_free(v, n);
}

/* Appends the PO escape of byte c. */
static void
escape_char(struct buf *out, unsigned char c)
{
	switch (c) {
	case '\\': buf_puts(out, "\\\\"); return;
	case '"': buf_puts(out, "\\\""); return;
	case '\n': buf_puts(out, "\\n"); return;
	case '\t': buf_puts(out, "\\t"); return;
	case '\r': buf_puts(out, "\\r"); return;
	default:
		break;
	}
	if (c < 0x20 || c == 0x7f)
		buf_printf(out, "\\%03o", c);
	else
		buf_putc(out, (char)c);
}

/* Appends one line of a continued string: the escaped text in quotes. */
static void
put_line(struct buf *out, const char *esc, size_t n)
{
	buf_putc(out, '"');
	buf_add(out, esc, n);
	buf_puts(out, "\"\n");
}

/* Appends an escaped segment (ending with \n or at the string's end) as
 * lines of at most WIDTH columns, broken after a space; a word longer
 * than a line is not broken. */
static void
put_segment(struct buf *out, const char *esc, size_t n)
{
	while (n > 0) {
		size_t i, w = 2, cut = 0;	/* 2: the quotes */

		for (i = 0; i < n; i++) {
			w += str_chars(esc + i, 1);
			if (w > WIDTH && cut > 0)
				break;
			if (esc[i] == ' ' && i + 1 < n)
				cut = i + 1;
		}
		if (i == n) {
			put_line(out, esc, n);
			return;
		}
		put_line(out, esc, cut);
		esc += cut;
		n -= cut;
	}
}

/* Appends s as a PO string after keyword (msgid, msgstr): escaped, and
 * split over "" continuation lines when it holds a newline or is long. */
static void
pot_string(struct buf *out, const char *keyword, const char *s)
{
	struct buf esc = { 0 };
	const char *p, *nl = strchr(s, '\n');
	size_t start, i, n;

	for (p = s; *p != '\0'; p += n) {
		/* A C1 or bidirectional control is escaped byte by byte, as
		 * C0 ones are: msgfmt reads the octal escapes back, and the
		 * msgid stays the tree's string. Other characters are whole. */
		if ((unsigned char)*p < 0x80) {
			escape_char(&esc, (unsigned char)*p);
			n = 1;
		} else if ((n = str_control_len(p)) > 0) {
			for (i = 0; i < n; i++)
				buf_printf(&esc, "\\%03o", (unsigned char)p[i]);
		} else {
			if ((n = str_char_len(p, NULL)) == 0)
				n = 1;
			buf_add(&esc, p, n);
		}
	}
	p = buf_str(&esc);
	/* One line when it fits and holds no newline but at its end. */
	if (str_chars(p, esc.len) + strlen(keyword) + 3 <= WIDTH &&
	    (nl == NULL || nl[1] == '\0')) {
		buf_printf(out, "%s \"%s\"\n", keyword, p);
		buf_free(&esc);
		return;
	}
	buf_printf(out, "%s \"\"\n", keyword);
	for (start = i = 0; i < esc.len; i++) {
		if (p[i] != '\\')
			continue;
		if (p[i + 1] == 'n') {
			put_segment(out, p + start, i + 2 - start);
			start = i + 2;
		}
		i++;	/* the escaped character cannot start an escape */
	}
	if (start < esc.len)
		put_segment(out, p + start, esc.len - start);
	buf_free(&esc);
}

/* Appends text for a comment line, which has no escapes: cleaned
 * (str_terminal), newlines and tabs as spaces. */
static void
put_comment_text(struct buf *out, const char *s)
{
	char *c = str_terminal(s, false);

	buf_puts(out, c);
	free(c);
}

/* Appends the references, wrapped as xgettext wraps them. */
static void
put_refs(struct buf *out, const struct entry *e)
{
	size_t col = 0, i;

	for (i = 0; i < e->nrefs; i++) {
		size_t w = str_chars(e->refs[i], strlen(e->refs[i]));

		if (col > 0 && col + 1 + w > WIDTH) {
			buf_putc(out, '\n');
			col = 0;
		}
		if (col == 0) {
			buf_puts(out, "#:");
			col = 2;
		}
		buf_putc(out, ' ');
		put_comment_text(out, e->refs[i]);
		col += 1 + w;
	}
	if (col > 0)
		buf_putc(out, '\n');
}

/* Appends one entry. */
static void
put_entry(struct buf *out, const struct entry *e)
{
	buf_putc(out, '\n');
	buf_puts(out, "#. ");
	put_comment_text(out, e->msgctxt);
	buf_putc(out, '\n');
	if (strstr(e->msgid, "{{") != NULL)
		buf_puts(out, "#. {{...}} is filled with an answer: keep it as it is.\n");
	put_refs(out, e);
	pot_string(out, "msgctxt", e->msgctxt);
	pot_string(out, "msgid", e->msgid);
	buf_puts(out, "msgstr \"\"\n");
}

/* The header entry. */
static void
put_header(struct buf *out, const char *project, const char *domain,
    const char *date)
{
	struct buf h = { 0 };

	buf_puts(out, "# Strings of a whyline tree, gettext domain ");
	put_comment_text(out, domain);
	buf_puts(out, ".\n# Make a catalog: msginit -i FILE.pot -l LL -o LL.po; "
	    "translate LL.po;\n# then: msgfmt -o locale/LL/LC_MESSAGES/");
	put_comment_text(out, domain);
	buf_puts(out, ".mo LL.po\n#\n#, fuzzy\nmsgid \"\"\n");
	buf_puts(&h, "Project-Id-Version: ");
	put_comment_text(&h, project);
	buf_putc(&h, '\n');
	buf_puts(&h, "Report-Msgid-Bugs-To: \n");
	buf_printf(&h, "POT-Creation-Date: %s\n", date);
	buf_puts(&h, "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
	    "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
	    "Language-Team: LANGUAGE <LL@li.org>\n"
	    "Language: \n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: 8bit\n");
	pot_string(out, "msgstr", buf_str(&h));
	buf_free(&h);
}

/* The POT file. */
char *
pot_text(const struct pot *p, const char *project, const char *domain,
    const char *date)
{
	struct buf out = { 0 };
	size_t i;

	put_header(&out, project, domain, date);
	for (i = 0; i < p->n; i++)
		put_entry(&out, &p->v[i]);
	return buf_take(&out);
}

/* Frees the template. */
void
pot_free(struct pot *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		for (j = 0; j < p->v[i].nrefs; j++)
			free(p->v[i].refs[j]);
		free(p->v[i].refs);
		free(p->v[i].msgctxt);
		free(p->v[i].key);
	}
	free(p->v);
	hmap_free(&p->by_key);
	free(p);
}
