/* codes.c: the codebook file, code names and suggestions (see codes.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "hmap.h"
#include "i18n.h"
#include "stem.h"
#include "util.h"
#include "ydoc.h"

#define err(d, file, n, ...) \
	diags_add((d), DIAG_ERROR, (file), (n)->mark, __VA_ARGS__)

/* True when s can be a code. */
bool
code_name_valid(const char *s)
{
	size_t n = strlen(s), len;
	unsigned long cp;

	if (n == 0 || n > CODE_MAX || *s == '/')
		return false;
	while (*s != '\0') {
		if ((len = str_char_len(s, &cp)) == 0 || cp <= ' ' || cp == ',' ||
		    str_control_len(s) > 0 || cp == 0xA0)
			return false;
		s += len;
	}
	return true;
}

/* A string scalar's text, or NULL after an error. */
static const char *
string_of(const struct ynode *n, const char *file, const char *what,
    struct diags *d)
{
	if (n->kind != YNODE_SCALAR || n->nul || ynode_is_null(n) || str_blank(n->str)) {
		err(d, file, n, _("%s must be a string, not %s"), what, ynode_kind_name(n));
		return NULL;
	}
	return n->str;
}

/* Reads one code's mapping into c; false after an error. */
static bool
code_read(const struct ynode *v, const char *file, struct code_def *c,
    struct diags *d)
{
	const struct ynode *k, *p;
	const char *s;
	uint32_t i, j;
	bool ok = true;

	if (v->kind != YNODE_MAP) {
		err(d, file, v, _("code '%s' must be a mapping with a label, not %s"),
		    c->code, ynode_kind_name(v));
		return false;
	}
	for (i = 0; i < v->n; i++) {
		k = v->items[2 * i];
		p = v->items[2 * i + 1];
		if (strcmp(k->str, "label") == 0) {
			if ((s = string_of(p, file, "label", d)) == NULL)
				ok = false;
			else
				c->label = xstrdup(s);
		} else if (strcmp(k->str, "phrases") == 0) {
			if (p->kind != YNODE_SEQ) {
				err(d, file, p, _("phrases must be a list of texts, not %s"),
				    ynode_kind_name(p));
				ok = false;
				continue;
			}
			c->phrases = xcalloc(p->n + 1, sizeof *c->phrases);
			for (j = 0; j < p->n; j++)
				if ((s = string_of(p->items[j], file, "a phrase", d)) == NULL)
					ok = false;
				else
					c->phrases[c->nphrases++] = xstrdup(s);
		} else {
			err(d, file, k, _("unknown key '%s' in code '%s' (expected label or phrases)"),
			    k->str, c->code);
			ok = false;
		}
	}
	if (ok && c->label == NULL) {
		err(d, file, v, _("code '%s' has no label"), c->code);
		ok = false;
	}
	return ok;
}

/* Reads the codebook at path. */
bool
codebook_load(const char *path, struct codebook *out, struct diags *d)
{
	struct ydoc *doc = ydoc_load(path, d);
	const struct ynode *root, *codes, *k;
	size_t before = d->nerrors;
	uint32_t i;

	memset(out, 0, sizeof *out);
	if (doc == NULL)
		return false;
	root = ydoc_root(doc);
	if (root == NULL || root->kind != YNODE_MAP) {
		diags_add(d, DIAG_ERROR, path, root != NULL ? root->mark : (struct mark){ 0, 0 },
		    "%s", _("a codebook must be a mapping with the key 'codes'"));
		goto out;
	}
	for (i = 0; i < root->n; i++)
		if (strcmp(root->items[2 * i]->str, "codes") != 0)
			err(d, path, root->items[2 * i],
			    _("unknown key '%s' in a codebook (expected codes)"),
			    root->items[2 * i]->str);
	if ((codes = ynode_get(root, "codes")) == NULL || codes->kind != YNODE_MAP) {
		diags_add(d, DIAG_ERROR, path, codes != NULL ? codes->mark : root->mark,
		    "%s", _("'codes' must be a mapping from each code to its label and phrases"));
		goto out;
	}
	out->v = xcalloc(codes->n + 1, sizeof *out->v);
	for (i = 0; i < codes->n; i++) {
		struct code_def *c = &out->v[out->n];

		k = codes->items[2 * i];
		if (k->nul || !code_name_valid(k->str)) {
			err(d, path, k, _("'%s' cannot be a code: use at most %d characters,"
			    " without spaces or commas"), k->str, CODE_MAX);
			continue;
		}
		c->code = xstrdup(k->str);
		c->mark = k->mark;
		out->n++;
		code_read(codes->items[2 * i + 1], path, c, d);
	}
out:
	ydoc_free(doc);
	if (d->nerrors > before) {
		codebook_clear(out);
		return false;
	}
	return true;
}

/* The entry for code. */
const struct code_def *
codebook_find(const struct codebook *b, const char *code)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (strcmp(b->v[i].code, code) == 0)
			return &b->v[i];
	return NULL;
}

void
codebook_clear(struct codebook *b)
{
	size_t i, j;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].code);
		free(b->v[i].label);
		for (j = 0; j < b->v[i].nphrases; j++)
			free(b->v[i].phrases[j]);
		free(b->v[i].phrases);
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}

/* ---- suggestions ---- */

/* A code and how many texts were added for it. */
struct sg_code {
	char *code;
	size_t texts;
	size_t score;		/* during suggester_best */
};

/* The codes whose texts hold a stem. */
struct sg_stem {
	char *stem;
	size_t *codes;		/* indexes into codes, each once */
	size_t n, cap;
};

struct suggester {
	struct stemmer *st;
	struct sg_code *codes;
	size_t ncodes, capcodes;
	struct hmap stems;	/* stem -> struct sg_stem */
	struct hmap byname;	/* code -> index + 1 */
	struct sg_stem **all;
	size_t nall, capall;
};

struct suggester *
suggester_new(const char *lang)
{
	struct suggester *sg = xcalloc(1, sizeof *sg);

	sg->st = stem_new(lang);
	return sg;
}

void
suggester_free(struct suggester *sg)
{
	size_t i;

	if (sg == NULL)
		return;
	for (i = 0; i < sg->nall; i++) {
		free(sg->all[i]->stem);
		free(sg->all[i]->codes);
		free(sg->all[i]);
	}
	free(sg->all);
	for (i = 0; i < sg->ncodes; i++)
		free(sg->codes[i].code);
	free(sg->codes);
	hmap_free(&sg->stems);
	hmap_free(&sg->byname);
	stem_free(sg->st);
	free(sg);
}

/* Records that text means code. */
void
suggester_add(struct suggester *sg, const char *code, const char *text)
{
	uintptr_t at = (uintptr_t)hmap_get(&sg->byname, code);
	struct sg_stem *e;
	char **w;
	size_t i, k, n, c;

	if (at == 0) {
		xgrow(&sg->codes, &sg->capcodes, sg->ncodes + 1, sizeof *sg->codes);
		sg->codes[sg->ncodes] = (struct sg_code){ xstrdup(code), 0, 0 };
		at = ++sg->ncodes;
		hmap_put(&sg->byname, sg->codes[at - 1].code, (void *)at);
	}
	c = at - 1;
	sg->codes[c].texts++;
	n = stem_words(sg->st, text, &w);
	for (i = 0; i < n; i++) {
		if ((e = hmap_get(&sg->stems, w[i])) == NULL) {
			e = xcalloc(1, sizeof *e);
			e->stem = xstrdup(w[i]);
			hmap_put(&sg->stems, e->stem, e);
			xgrow(&sg->all, &sg->capall, sg->nall + 1, sizeof *sg->all);
			sg->all[sg->nall++] = e;
		}
		for (k = 0; k < e->n && e->codes[k] != c; k++)
			;
		if (k == e->n) {
			xgrow(&e->codes, &e->cap, e->n + 1, sizeof *e->codes);
			e->codes[e->n++] = c;
		}
	}
	stem_words_free(w, n);
}

/* The code sharing the most content words with text. */
const char *
suggester_best(struct suggester *sg, const char *text)
{
	struct sg_stem *e;
	char **w;
	size_t i, k, n, best = (size_t)-1;

	for (i = 0; i < sg->ncodes; i++)
		sg->codes[i].score = 0;
	n = stem_words(sg->st, text, &w);
	for (i = 0; i < n; i++)
		if ((e = hmap_get(&sg->stems, w[i])) != NULL)
			for (k = 0; k < e->n; k++)
				sg->codes[e->codes[k]].score++;
	stem_words_free(w, n);
	for (i = 0; i < sg->ncodes; i++) {
		const struct sg_code *c = &sg->codes[i];

		if (c->score == 0)
			continue;
		if (best == (size_t)-1 || c->score > sg->codes[best].score ||
		    (c->score == sg->codes[best].score && c->texts > sg->codes[best].texts))
			best = i;
	}
	return best == (size_t)-1 ? NULL : sg->codes[best].code;
}

/* ---- the rungs of a session ---- */

/* The ladders of ss reached and not skipped. */
size_t
rung_ladders(struct session *ss, struct rung_ladder **out)
{
	const struct tree *t = ss->tree;
	struct rung_ladder *v = NULL;
	struct engine_chain c;
	size_t i, k, j, n = 0, cap = 0, nc;
	bool skipped;

	for (i = 0; i < t->nall; i++) {
		const struct question *q = t->all[i];
		struct rung_ladder *l;

		if (q->type != QT_LADDER || !engine_reached(ss->engine, q))
			continue;
		engine_value(ss->engine, q, NULL, &skipped, NULL);
		if (skipped || (nc = engine_nchains(ss->engine, q)) == 0)
			continue;
		xgrow(&v, &cap, n + 1, sizeof *v);
		l = &v[n++];
		memset(l, 0, sizeof *l);
		l->question = q->id.s;
		l->chains = xcalloc(nc, sizeof *l->chains);
		l->nchains = nc;
		for (k = 0; k < nc; k++) {
			struct rung_chain *rc = &l->chains[k];

			if (!engine_chain(ss->engine, q, k, &c)) {
				rc->dropped = true;
				continue;
			}
			if (l->request == NULL && c.parent_chain < 0)
				l->request = xstrdup(c.from != NULL ? c.from : "");
			rc->parent_chain = c.parent_chain;
			rc->parent_rung = c.parent_rung;
			rc->first_level = c.first_level;
			rc->stop = xstrdup_null(c.stop);
			rc->nrungs = c.nrungs;
			rc->rungs = xcalloc(c.nrungs + 1, sizeof *rc->rungs);
			for (j = 0; j < c.nrungs; j++)
				rc->rungs[j] = xstrdup(c.rungs[j] != NULL ? c.rungs[j] : "");
		}
		if (l->request == NULL)
			l->request = xstrdup("");
	}
	*out = v;
	return n;
}

void
rung_ladder_clear(struct rung_ladder *l)
{
	size_t k, j;

	for (k = 0; k < l->nchains; k++) {
		for (j = 0; j < l->chains[k].nrungs; j++)
			free(l->chains[k].rungs[j]);
		free(l->chains[k].rungs);
		free(l->chains[k].stop);
	}
	free(l->chains);
	free(l->request);
	memset(l, 0, sizeof *l);
}

void
rung_ladders_free(struct rung_ladder *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rung_ladder_clear(&v[i]);
	free(v);
}
