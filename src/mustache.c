/* mustache.c: Mustache templates: a parser that turns a template into a flat
 * node list (applying the standalone-line rules and set-delimiter tags as it
 * goes), and a renderer that walks that list over a stack of JSON contexts.
 * It includes <jansson.h> to read those contexts, whatever their shape
 * (jdoc.h lists every module that may). */
#include "config.h"

#include "mustache.h"

#include <jansson.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

/* The longest delimiter a set-delimiter tag may choose. */
#define DELIM_MAX 16

enum mnode_kind {
	MNODE_TEXT,		/* literal text */
	MNODE_VAR,		/* {{name}}: escaped */
	MNODE_RAW,		/* {{{name}}} or {{& name}}: not escaped */
	MNODE_SECTION,		/* {{#name}} */
	MNODE_INVERTED		/* {{^name}} */
};

/* One node. text and len point into the template: the literal text, or a
 * tag's name as written. name is the same name owned, with its dotted parts
 * separated by NULs (nparts is 0 for "."). A section's body is the nodes
 * after it up to, not including, end. */
struct mnode {
	enum mnode_kind kind;
	const char *text;
	size_t len;
	char *name;
	size_t nparts;
	size_t end;
	size_t off;		/* the tag's offset in the template */
};

/* A parsed template. */
struct mtmpl {
	struct mnode *v;
	size_t n;
	size_t cap;
};

/* A tag as scanned: its extent in the template, its type character ('#',
 * '^', '/', '!', '=', '>', '{', '&', or 0 for a plain variable) and its
 * content without surrounding white space. */
struct tag {
	size_t start;
	size_t end;
	char type;
	const char *body;
	size_t len;
};

/* The state of one parse. */
struct parser {
	const char *tmpl;
	size_t pos;		/* where scanning resumes */
	size_t text;		/* where text not yet in a node starts */
	char otag[DELIM_MAX + 1];
	char ctag[DELIM_MAX + 1];
	size_t open[MUSTACHE_MAX_DEPTH];	/* the open sections' nodes */
	size_t depth;
	struct mtmpl *t;
	struct mustache_error *err;
};

/* The state of one rendering. */
struct render {
	const struct mtmpl *t;
	const json_t *stack[MUSTACHE_MAX_DEPTH + 1];
	size_t depth;
	struct buf out;
	mustache_escape_fn *esc;
	void *arg;
	locale_t c_locale;	/* made when a real is first printed */
	size_t steps;		/* nodes rendered so far */
	const struct mnode *over;	/* the node where a bound was passed */
};

static void fail(struct parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fills the parser's error with the place of offset off and a message. */
static void
fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	str_position(p->tmpl, strlen(p->tmpl), off, false, &p->err->line,
	    &p->err->col);
	va_start(ap, fmt);
	p->err->msg = xvasprintf(fmt, ap);
	va_end(ap);
}

/* Returns true for the white space allowed around a tag's content. */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Finds the next tag from the parser's position. Returns 1 with *tg filled,
 * 0 when there is none, or -1 (error filled) for a tag never closed. */
static int
next_tag(struct parser *p, struct tag *tg)
{
	const char *o, *b, *c;
	char close[DELIM_MAX + 2];

	o = strstr(p->tmpl + p->pos, p->otag);
	if (o == NULL)
		return 0;
	tg->start = (size_t)(o - p->tmpl);
	b = o + strlen(p->otag);
	tg->type = 0;
	if (*b != '\0' && strchr("#^/!=>{&", *b) != NULL)
		tg->type = *b++;
	snprintf(close, sizeof close, "%s%s", tg->type == '{' ? "}" :
	    tg->type == '=' ? "=" : "", p->ctag);
	c = strstr(b, close);
	if (c == NULL) {
		fail(p, tg->start, _("unclosed tag: \"%s\" without a \"%s\""),
		    p->otag, close);
		return -1;
	}
	tg->end = (size_t)(c - p->tmpl) + strlen(close);
	while (b < c && is_blank(*b))
		b++;
	while (c > b && is_blank(c[-1]))
		c--;
	tg->body = b;
	tg->len = (size_t)(c - b);
	return 1;
}

/* Returns true when tags of this type are removed with their line when they
 * are alone on it. */
static bool
may_stand_alone(char type)
{
	return type != 0 && type != '{' && type != '&';
}

/* Returns true when tg is alone on its line but for spaces and tabs; then
 * *from is where the line's leading blanks start and *to is past its end. */
static bool
standalone(const struct parser *p, const struct tag *tg, size_t *from,
    size_t *to)
{
	const char *s = p->tmpl;
	size_t a = tg->start, z = tg->end;

	while (a > 0 && (s[a - 1] == ' ' || s[a - 1] == '\t'))
		a--;
	if (a > 0 && s[a - 1] != '\n')
		return false;
	while (s[z] == ' ' || s[z] == '\t')
		z++;
	if (s[z] == '\r' && s[z + 1] == '\n')
		z += 2;
	else if (s[z] == '\n')
		z++;
	else if (s[z] != '\0')
		return false;
	*from = a;
	*to = z;
	return true;
}

/* Appends a node to t and returns its index. */
static size_t
add_node(struct mtmpl *t, const struct mnode *n)
{
	xgrow(&t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n] = *n;
	return t->n++;
}

/* Turns the pending text up to offset upto into a node. */
static void
flush_text(struct parser *p, size_t upto)
{
	struct mnode n = { .kind = MNODE_TEXT };

	if (upto <= p->text)
		return;
	n.text = p->tmpl + p->text;
	n.len = upto - p->text;
	n.off = p->text;
	add_node(p->t, &n);
}

/* Checks that tg's content is a name ("." or dotted parts); fails if not. */
static bool
check_name(struct parser *p, const struct tag *tg)
{
	const char *s = tg->body;
	size_t i;

	if (tg->len == 0) {
		fail(p, tg->start, _("tag without a name"));
		return false;
	}
	for (i = 0; i < tg->len; i++) {
		if (is_blank(s[i])) {
			fail(p, tg->start,
			    _("tag name \"%.*s\" contains white space"),
			    (int)tg->len, s);
			return false;
		}
	}
	if (tg->len == 1 && s[0] == '.')
		return true;
	for (i = 0; i < tg->len; i++) {
		if (s[i] == '.' &&
		    (i == 0 || i + 1 == tg->len || s[i + 1] == '.')) {
			fail(p, tg->start, _("tag name \"%.*s\" has a dot that "
			    "does not separate two names"), (int)tg->len, s);
			return false;
		}
	}
	return true;
}

/* Fills n's owned name from tg: its parts split at dots. */
static void
split_name(struct mnode *n, const struct tag *tg)
{
	size_t i;

	n->text = tg->body;
	n->len = tg->len;
	n->off = tg->start;
	n->name = xstrndup(tg->body, tg->len);
	if (tg->len == 1 && tg->body[0] == '.') {
		n->nparts = 0;
		return;
	}
	n->nparts = 1;
	for (i = 0; i < tg->len; i++) {
		if (n->name[i] == '.') {
			n->name[i] = '\0';
			n->nparts++;
		}
	}
}

/* Adds a variable node for tg. */
static bool
add_var(struct parser *p, const struct tag *tg)
{
	struct mnode n = { .kind = tg->type == 0 ? MNODE_VAR : MNODE_RAW };

	if (!check_name(p, tg))
		return false;
	split_name(&n, tg);
	add_node(p->t, &n);
	return true;
}

/* Adds a section or inverted section node for tg and opens it. */
static bool
open_section(struct parser *p, const struct tag *tg)
{
	struct mnode n = {
		.kind = tg->type == '#' ? MNODE_SECTION : MNODE_INVERTED
	};

	if (!check_name(p, tg))
		return false;
	if (p->depth == MUSTACHE_MAX_DEPTH) {
		fail(p, tg->start, _("sections nested more than %d deep"),
		    MUSTACHE_MAX_DEPTH);
		return false;
	}
	split_name(&n, tg);
	p->open[p->depth++] = add_node(p->t, &n);
	return true;
}

/* Closes the innermost open section with end tag tg, which must name it. */
static bool
close_section(struct parser *p, const struct tag *tg)
{
	struct mnode *top;
	unsigned line, col;

	if (!check_name(p, tg))
		return false;
	if (p->depth == 0) {
		fail(p, tg->start, _("\"%s/%.*s%s\" closes no open section"),
		    p->otag, (int)tg->len, tg->body, p->ctag);
		return false;
	}
	top = &p->t->v[p->open[p->depth - 1]];
	if (top->len != tg->len || memcmp(top->text, tg->body, tg->len) != 0) {
		str_position(p->tmpl, strlen(p->tmpl), top->off, false, &line, &col);
		fail(p, tg->start, _("\"%s/%.*s%s\" does not close section "
		    "\"%.*s\" (opened at line %u, column %u)"), p->otag,
		    (int)tg->len, tg->body, p->ctag, (int)top->len, top->text,
		    line, col);
		return false;
	}
	top->end = p->t->n;
	p->depth--;
	return true;
}

/* Applies a set-delimiter tag: two delimiters separated by white space,
 * neither holding white space or '='. */
static bool
set_delims(struct parser *p, const struct tag *tg)
{
	const char *s = tg->body, *end = tg->body + tg->len, *a = s, *b;
	size_t alen, blen;

	while (s < end && !is_blank(*s))
		s++;
	alen = (size_t)(s - a);
	while (s < end && is_blank(*s))
		s++;
	b = s;
	while (s < end && !is_blank(*s))
		s++;
	blen = (size_t)(s - b);
	if (alen == 0 || blen == 0 || s != end || alen > DELIM_MAX ||
	    blen > DELIM_MAX || memchr(a, '=', alen) != NULL ||
	    memchr(b, '=', blen) != NULL) {
		fail(p, tg->start, _("a set-delimiter tag needs two delimiters "
		    "of at most %d characters, without '=', separated by a "
		    "space, as in \"%s=<%% %%>=%s\""), DELIM_MAX, p->otag,
		    p->ctag);
		return false;
	}
	memcpy(p->otag, a, alen);
	p->otag[alen] = '\0';
	memcpy(p->ctag, b, blen);
	p->ctag[blen] = '\0';
	return true;
}

/* Acts on one tag. */
static bool
take_tag(struct parser *p, const struct tag *tg)
{
	switch (tg->type) {
	case '!':
		return true;
	case '=':
		return set_delims(p, tg);
	case '>':
		fail(p, tg->start,
		    _("partials (\"%s>...%s\") are not supported"),
		    p->otag, p->ctag);
		return false;
	case '#':
	case '^':
		return open_section(p, tg);
	case '/':
		return close_section(p, tg);
	default:
		return add_var(p, tg);
	}
}

/* Parses the whole template into p->t. */
static bool
parse(struct parser *p)
{
	struct tag tg;
	size_t upto, resume;
	int r;

	while ((r = next_tag(p, &tg)) > 0) {
		upto = tg.start;
		resume = tg.end;
		if (may_stand_alone(tg.type))
			standalone(p, &tg, &upto, &resume);
		flush_text(p, upto);
		p->pos = p->text = resume;
		if (!take_tag(p, &tg))
			return false;
	}
	if (r < 0)
		return false;
	flush_text(p, strlen(p->tmpl));
	if (p->depth > 0) {
		const struct mnode *n = &p->t->v[p->open[p->depth - 1]];

		fail(p, n->off, _("section \"%.*s\" is never closed"),
		    (int)n->len, n->text);
		return false;
	}
	return true;
}

/* Frees the nodes of t. */
static void
mtmpl_free(struct mtmpl *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
}

/* The value name n stands for in the context stack, or NULL when missing:
 * its first part is looked up from the top of the stack down, the others
 * each in the value before. */
static const json_t *
lookup(const struct render *r, const struct mnode *n)
{
	const json_t *v = NULL;
	const char *part = n->name;
	size_t i;

	if (n->nparts == 0)
		return r->stack[r->depth - 1];
	for (i = r->depth; i-- > 0 && v == NULL;)
		if (json_is_object(r->stack[i]))
			v = json_object_get(r->stack[i], part);
	for (i = 1; i < n->nparts && v != NULL; i++) {
		part += strlen(part) + 1;
		v = json_is_object(v) ? json_object_get(v, part) : NULL;
	}
	return v;
}

/* Returns true when v makes a section render. */
static bool
truthy(const json_t *v)
{
	if (v == NULL || json_is_false(v) || json_is_null(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return true;
}

/* Writes x into s in the fewest significant digits that read back as x,
 * with a '.' whatever the locale. */
static void
format_real(struct render *r, char *s, size_t size, double x)
{
	locale_t old = (locale_t)0;
	int prec;

	if (r->c_locale == (locale_t)0)
		r->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (r->c_locale != (locale_t)0)
		old = uselocale(r->c_locale);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(s, size, "%.*g", prec, x);
		if (strtod(s, NULL) == x)
			break;
	}
	if (r->c_locale != (locale_t)0)
		uselocale(old);
}

/* Appends s, through the escape function when escape is true. */
static void
emit(struct render *r, const char *s, bool escape)
{
	if (escape)
		r->esc(&r->out, s, r->arg);
	else
		buf_puts(&r->out, s);
}

/* Appends the text of value v (nothing for NULL). */
static void
interpolate(struct render *r, const json_t *v, bool escape)
{
	char num[64];
	const json_t *item;
	size_t i;

	if (v == NULL)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		emit(r, json_string_value(v), escape);
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		emit(r, num, escape);
		break;
	case JSON_REAL:
		format_real(r, num, sizeof num, json_real_value(v));
		emit(r, num, escape);
		break;
	case JSON_TRUE:
		emit(r, "true", escape);
		break;
	case JSON_FALSE:
		emit(r, "false", escape);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, item) {
			if (i > 0)
				buf_puts(&r->out, ", ");
			interpolate(r, item, escape);
		}
		break;
	default:
		break;
	}
}

static void render_range(struct render *r, size_t from, size_t to);

/* Renders the body of section node i with v on top of the context stack. */
static void
render_with(struct render *r, size_t i, const json_t *v)
{
	r->stack[r->depth++] = v;
	render_range(r, i + 1, r->t->v[i].end);
	r->depth--;
}

/* Renders section node i: once per item of a list, else once for a true
 * value, or not at all. */
static void
render_section(struct render *r, size_t i)
{
	const json_t *v = lookup(r, &r->t->v[i]), *item;
	size_t k;

	if (!truthy(v))
		return;
	if (!json_is_array(v)) {
		render_with(r, i, v);
		return;
	}
	json_array_foreach(v, k, item) {
		/* Each pass counts, even over an empty body. */
		if (r->over == NULL && ++r->steps > MUSTACHE_MAX_STEPS)
			r->over = &r->t->v[i];
		if (r->over != NULL)
			break;
		render_with(r, i, item);
	}
}

/* Renders nodes from up to, not including, to. */
static void
render_range(struct render *r, size_t from, size_t to)
{
	const struct mnode *n;
	size_t i = from;

	while (i < to && r->over == NULL) {
		n = &r->t->v[i];
		if (++r->steps > MUSTACHE_MAX_STEPS || r->out.len > MUSTACHE_MAX_OUTPUT) {
			r->over = n;
			break;
		}
		switch (n->kind) {
		case MNODE_TEXT:
			buf_add(&r->out, n->text, n->len);
			i++;
			break;
		case MNODE_VAR:
		case MNODE_RAW:
			interpolate(r, lookup(r, n), n->kind == MNODE_VAR);
			i++;
			break;
		case MNODE_SECTION:
			render_section(r, i);
			i = n->end;
			break;
		case MNODE_INVERTED:
			if (!truthy(lookup(r, n)))
				render_range(r, i + 1, n->end);
			i = n->end;
			break;
		}
	}
}

/* The default escape function: HTML entities for & " < > and '. */
void
mustache_escape_html(struct buf *out, const char *s, void *arg)
{
	const char *run = s, *ent;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(out, run, (size_t)(s - run));
		buf_puts(out, ent);
		run = s + 1;
	}
	buf_add(out, run, (size_t)(s - run));
}

/* Renders tmpl over ctx. */
char *
mustache_render(const char *tmpl, const json_t *ctx, mustache_escape_fn *esc,
    void *arg, struct mustache_error *err)
{
	struct mtmpl t = { 0 };
	struct parser p = {
		.tmpl = tmpl, .otag = "{{", .ctag = "}}", .t = &t, .err = err
	};
	struct render r = {
		.t = &t, .esc = esc != NULL ? esc : mustache_escape_html,
		.arg = arg, .c_locale = (locale_t)0
	};
	char *out = NULL;

	err->line = err->col = 0;
	err->msg = NULL;
	if (!parse(&p))
		goto out;
	r.stack[r.depth++] = ctx;
	render_range(&r, 0, t.n);
	if (r.over != NULL) {
		p.err = err;
		if (r.steps > MUSTACHE_MAX_STEPS)
			fail(&p, r.over->off, _("the template does too much work here "
			    "(more than %u million steps): are sections nested over long lists?"),
			    MUSTACHE_MAX_STEPS / 1000000);
		else
			fail(&p, r.over->off, _("the template's output is larger than %u MiB"),
			    MUSTACHE_MAX_OUTPUT / (1024 * 1024));
		goto out;
	}
	out = buf_take(&r.out);
out:
	if (r.c_locale != (locale_t)0)
		freelocale(r.c_locale);
	buf_free(&r.out);
	mtmpl_free(&t);
	return out;
}
