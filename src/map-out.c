/* map-out.c: the map as CSV and JSON (see map-out.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "map-out.h"
#include "util.h"

/* The matrix as CSV. */
void
map_csv(const struct map *m, bool clean, struct buf *b)
{
	const char **f = xcalloc(m->ncodes + 1, sizeof *f);
	char **cells = xcalloc(m->ncodes + 1, sizeof *cells);
	size_t i, j;

	f[0] = "code";
	for (i = 0; i < m->ncodes; i++)
		f[i + 1] = m->codes[i].code;
	csv_row(b, f, m->ncodes + 1, clean);
	for (i = 0; i < m->ncodes; i++) {
		f[0] = m->codes[i].code;
		for (j = 0; j < m->ncodes; j++) {
			unsigned d = map_direct(m, i, j), n = map_indirect(m, i, j);

			cells[j] = d + n > 0 ? xasprintf("%u/%u", d, n) : NULL;
			f[j + 1] = cells[j];
		}
		csv_row(b, f, m->ncodes + 1, clean);
		for (j = 0; j < m->ncodes; j++)
			free(cells[j]);
	}
	free(cells);
	free(f);
}

/* Appends s as a JSON string. */
void
map_json_string(struct buf *b, const char *s)
{
	unsigned long cp;
	size_t len;

	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s += len) {
		if ((len = str_char_len(s, &cp)) == 0) {
			buf_puts(b, "\\ufffd");
			len = 1;
		} else if (cp == '"' || cp == '\\') {
			buf_printf(b, "\\%c", (char)cp);
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    cp == 0x2028 || cp == 0x2029) {
			buf_printf(b, "\\u%04lx", cp);
		} else {
			buf_add(b, s, len);
		}
	}
	buf_putc(b, '"');
}

/* A path's codes as a JSON array. */
static void
json_codes(struct buf *b, const struct map *m, const struct map_goal_path *p)
{
	size_t k;

	buf_putc(b, '[');
	for (k = 0; k < p->n; k++) {
		if (k > 0)
			buf_puts(b, ", ");
		map_json_string(b, m->codes[p->codes[k]].code);
	}
	buf_putc(b, ']');
}

/* The map as JSON. */
void
map_json(const struct map *m, const struct codebook *book, bool share,
    struct buf *b)
{
	const struct code_def *def;
	size_t i, j, k, n = 0;

	buf_printf(b, "{\n  \"whyline\": 1,\n  \"sessions\": %zu,\n  \"ladders\": %zu,\n"
	    "  \"codes\": [", m->sessions, m->ladders);
	for (i = 0; i < m->ncodes; i++) {
		const struct map_code *c = &m->codes[i];

		def = codebook_find(book, c->code);
		buf_puts(b, i > 0 ? ",\n    {\"code\": " : "\n    {\"code\": ");
		map_json_string(b, c->code);
		buf_puts(b, ", \"label\": ");
		map_json_string(b, def != NULL ? def->label : NULL);
		buf_printf(b, ", \"sessions\": %zu, \"requests\": %zu, \"goals\": %zu,"
		    " \"level\": %.2f, \"linked_to_goal\": %s}", c->sessions,
		    c->requests, c->goals, c->level, c->linked_to_goal ? "true" : "false");
	}
	buf_puts(b, m->ncodes > 0 ? "\n  ],\n  \"links\": [" : "],\n  \"links\": [");
	for (i = 0; i < m->ncodes; i++)
		for (j = 0; j < m->ncodes; j++) {
			unsigned d = map_direct(m, i, j), ind = map_indirect(m, i, j);

			if (d + ind == 0)
				continue;
			buf_puts(b, n++ > 0 ? ",\n    {\"from\": " : "\n    {\"from\": ");
			map_json_string(b, m->codes[i].code);
			buf_puts(b, ", \"to\": ");
			map_json_string(b, m->codes[j].code);
			buf_printf(b, ", \"direct\": %u, \"indirect\": %u}", d, ind);
		}
	buf_puts(b, n > 0 ? "\n  ],\n  \"paths\": [" : "],\n  \"paths\": [");
	for (i = 0; i < m->npaths; i++) {
		const struct map_goal_path *p = &m->paths[i];

		buf_puts(b, i > 0 ? ",\n    {\"codes\": " : "\n    {\"codes\": ");
		json_codes(b, m, p);
		buf_printf(b, ", \"ladders\": %zu, \"quotes\": [", p->count);
		for (k = 0; k < p->nquotes; k++) {
			buf_puts(b, k > 0 ? ", {" : "{");
			if (!share) {
				buf_puts(b, "\"client\": ");
				map_json_string(b, p->quotes[k].client);
				buf_puts(b, ", ");
			}
			buf_puts(b, "\"rungs\": [");
			for (j = 0; j < p->quotes[k].n; j++) {
				if (j > 0)
					buf_puts(b, ", ");
				map_json_string(b, p->quotes[k].rungs[j]);
			}
			buf_puts(b, "]}");
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, m->npaths > 0 ? "\n  ],\n  \"unlinked\": [" : "],\n  \"unlinked\": [");
	for (i = 0, n = 0; i < m->ncodes; i++)
		if (!m->codes[i].linked_to_goal) {
			if (n++ > 0)
				buf_puts(b, ", ");
			map_json_string(b, m->codes[i].code);
		}
	buf_puts(b, "]\n}\n");
}
