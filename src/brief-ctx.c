/* brief-ctx.c: the brief as a JSON object for Mustache templates, and
 * rendering a template file over it. Every key is documented in
 * docs-brief.md; change both together. It includes <jansson.h> because
 * it builds the context value by value (jdoc.h lists every module that
 * may). */
#include "config.h"

#include "brief-ctx.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brief-md.h"
#include "brief-words.h"
#include "i18n.h"
#include "jdoc.h"
#include "mustache.h"
#include "util.h"
#include "isotime.h"

#define TEMPLATE_MAX (1024 * 1024)

/* Sets o[key] to the string s (NULL: null). */
static void
set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, jdoc_string_lossy(s));
}

/* Sets o[key] to the string s_take (owned, NULL: null) and frees it. */
static void
set_str_take(json_t *o, const char *key, char *s_take)
{
	json_object_set_new(o, key, jdoc_string_lossy(s_take));
	free(s_take);
}

/* The session's facts. */
static json_t *
ctx_session(const struct brief *b)
{
	const struct session_row *row = &b->ss->row;
	json_t *o = json_object();
	bool done = row->status != NULL && strcmp(row->status, "done") == 0;

	/* The session's id is the consultant's: not in a client's copy. */
	set_str_take(o, "id", b->share ? NULL : brief_str(row->id, false));
	set_str_take(o, "short_id", b->share ? NULL : str_short_id(row->id));
	set_str_take(o, "status", brief_str(row->status, false));
	json_object_set_new(o, "finished", json_boolean(done));
	set_str_take(o, "language", brief_str(row->language, false));
	set_str_take(o, "started_at", brief_str(row->started_at, false));
	set_str_take(o, "updated_at", brief_str(row->updated_at, false));
	set_str_take(o, "finished_at", brief_str(row->finished_at, false));
	set_str(o, "first_answer_at", b->first_at);
	set_str(o, "last_answer_at", b->last_at);
	set_str_take(o, "date", isotime_format(b->first_at, ISOTIME_DATE));
	set_str_take(o, "start_time", isotime_format(b->first_at, ISOTIME_TIME));
	set_str_take(o, "end_time", isotime_format(b->last_at, ISOTIME_TIME));
	set_str_take(o, "timezone", isotime_format(b->first_at, ISOTIME_ZONE));
	set_str_take(o, "duration", b->seconds >= 0 ? brief_duration_text(b->seconds) : NULL);
	json_object_set_new(o, "duration_minutes", b->seconds >= 0 ?
	    json_integer(b->seconds / 60) : json_null());
	json_object_set_new(o, "unanswered", json_integer((json_int_t)b->unanswered));
	return o;
}

/* The tree's facts. */
static json_t *
ctx_tree(const struct brief *b)
{
	const struct session_row *row = &b->ss->row;
	json_t *o = json_object();

	set_str_take(o, "id", brief_str(row->tree_id, false));
	set_str(o, "title", b->title);
	set_str_take(o, "version", brief_str(row->tree_version, false));
	set_str_take(o, "sha256", brief_str(row->tree_sha256, false));
	return o;
}

/* One chain of a ladder. */
static json_t *
ctx_chain(const struct brief_chain *c)
{
	json_t *o = json_object(), *rungs = json_array();
	size_t i;

	json_object_set_new(o, "index", json_integer(c->index));
	json_object_set_new(o, "parent_chain", c->parent_chain < 0 ? json_null() :
	    json_integer(c->parent_chain));
	json_object_set_new(o, "parent_rung", json_integer(c->parent_rung));
	set_str(o, "from", c->from);
	json_object_set_new(o, "first_level", json_integer(c->first_level));
	for (i = 0; i < c->nrungs; i++) {
		json_t *r = json_object();

		json_object_set_new(r, "level", json_integer(c->first_level + i));
		set_str(r, "text", c->rungs[i]);
		json_object_set_new(r, "last", json_boolean(i + 1 == c->nrungs));
		json_array_append_new(rungs, r);
	}
	json_object_set_new(o, "rungs", rungs);
	set_str(o, "last_rung", c->rungs[c->nrungs - 1]);
	set_str(o, "stop", c->stop);
	set_str(o, "stop_text", brief_stop_text(c->stop));
	return o;
}

/* The ladder drawn as a tree: one item per line, with its depth. */
static json_t *
ctx_outline(const struct brief_ladder *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->nnodes; i++) {
		const struct brief_node *n = &l->nodes[i];
		json_t *o = json_object();
		char *indent = xcalloc(2 * n->depth + 1, 1);

		memset(indent, ' ', 2 * n->depth);
		json_object_set_new(o, "depth", json_integer((json_int_t)n->depth));
		set_str_take(o, "indent", indent);
		set_str(o, "text", n->text);
		json_object_set_new(o, "request", json_boolean(n->chain < 0));
		json_object_set_new(o, "level", json_integer(n->level));
		json_object_set_new(o, "end", json_boolean(n->end));
		set_str(o, "stop", n->stop);
		set_str(o, "stop_text", n->end ? brief_stop_text(n->stop) : NULL);
		json_array_append_new(a, o);
	}
	return a;
}

/* One ladder; its first chain's goal goes into answers too. */
static json_t *
ctx_ladder(const struct brief_ladder *l, json_t *answers)
{
	json_t *o = json_object(), *chains = json_array(), *goals = json_array();
	size_t i;

	set_str(o, "id", l->q->id.s);
	set_str(o, "heading", l->heading);
	set_str(o, "request", l->request);
	for (i = 0; i < l->nchains; i++) {
		const struct brief_chain *c = &l->chains[i];

		json_array_append_new(chains, ctx_chain(c));
		if (c->index == 0)
			set_str(answers, l->q->id.s, c->rungs[c->nrungs - 1]);
	}
	for (i = 0; i < l->ngoals; i++)
		json_array_append_new(goals, jdoc_string_lossy(l->goals[i]));
	set_str(o, "goal", l->ngoals > 0 ? l->goals[0] : NULL);
	set_str(o, "stated_goal", l->stated);
	json_object_set_new(o, "goals", goals);
	json_object_set_new(o, "chains", chains);
	json_object_set_new(o, "outline", ctx_outline(l));
	return o;
}

/* One section with its answers, which go into answers too. */
static json_t *
ctx_section(const struct brief_section *s, json_t *answers)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;

	set_str(o, "id", s->s->id.s);
	set_str(o, "title", s->title);
	for (i = 0; i < s->n; i++) {
		const struct brief_qa *qa = &s->qa[i];
		json_t *x = json_object();

		set_str(x, "id", qa->q->id.s);
		set_str(x, "type", qtype_name(qa->q->type));
		set_str(x, "question", qa->question);
		set_str(x, "label", qa->label);
		json_object_set_new(x, "private", json_boolean(qa->q->private));
		set_str(x, "answer", qa->answer);
		set_str(x, "value", qa->value);
		set_str(x, "answered_at", qa->answered_at);
		set_str(x, "confirmed_from", qa->confirmed_from);
		set_str(x, "confirmed_text", qa->confirmed_text);
		json_array_append_new(a, x);
		set_str(answers, qa->q->id.s, qa->answer);
	}
	json_object_set_new(o, "answers", a);
	return o;
}

/* One flag with the answers that raised it. */
static json_t *
ctx_flag(const struct brief_flag *f)
{
	json_t *o = json_object(), *causes = json_array();
	size_t i;

	set_str(o, "level", flag_level_name(f->f->level));
	set_str(o, "level_title", brief_level_title(f->f->level));
	set_str(o, "text", f->text);
	for (i = 0; i < f->ncauses; i++) {
		json_t *c = json_object();

		set_str(c, "id", f->causes[i].q->id.s);
		set_str(c, "question", f->causes[i].question);
		set_str(c, "label", f->causes[i].label);
		set_str(c, "answer", f->causes[i].answer);
		json_array_append_new(causes, c);
	}
	json_object_set_new(o, "causes", causes);
	return o;
}

/* The flags, as a list and grouped by level (the levels that have some). */
static void
ctx_flags(json_t *ctx, const struct brief *b)
{
	json_t *flags = json_array(), *levels = json_array(), *group = NULL;
	size_t i;

	for (i = 0; i < b->nflags; i++) {
		const struct brief_flag *f = &b->flags[i];
		json_t *jf = ctx_flag(f);

		if (i == 0 || b->flags[i - 1].f->level != f->f->level) {
			json_t *lv = json_object();

			set_str(lv, "level", flag_level_name(f->f->level));
			set_str(lv, "title", brief_level_title(f->f->level));
			group = json_array();
			json_object_set_new(lv, "flags", group);
			json_array_append_new(levels, lv);
		}
		json_array_append(group, jf);
		json_array_append_new(flags, jf);
	}
	json_object_set_new(ctx, "flags", flags);
	json_object_set_new(ctx, "flag_levels", levels);
}

/* The open items. */
static json_t *
ctx_open(const struct brief *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->nopen; i++) {
		json_t *o = json_object();

		set_str(o, "id", b->open[i].q->id.s);
		set_str(o, "question", b->open[i].question);
		set_str(o, "label", b->open[i].label);
		set_str(o, "reason", b->open[i].reason);
		json_object_set_new(o, "unanswered", json_boolean(b->open[i].unanswered));
		json_array_append_new(a, o);
	}
	return a;
}

/* The notes. */
static json_t *
ctx_notes(const struct brief *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->nnotes; i++) {
		const struct brief_note *n = &b->notes[i];
		json_t *o = json_object();

		set_str(o, "id", n->q != NULL ? n->q->id.s : NULL);
		set_str(o, "question", n->question);
		set_str(o, "text", n->text);
		set_str(o, "at", n->at);
		set_str(o, "time", n->time);
		json_array_append_new(a, o);
	}
	return a;
}

/* The answers changed during the call, and those amended after it. */
static json_t *
ctx_changes(const struct brief *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->nchanges; i++) {
		const struct brief_change *c = &b->changes[i];
		json_t *o = json_object();

		set_str(o, "id", c->q->id.s);
		set_str(o, "question", c->question);
		set_str(o, "label", c->label);
		json_object_set_new(o, "rung", c->rung > 0 ? json_integer(c->rung) : json_null());
		set_str(o, "before", c->before);
		set_str(o, "after", c->after);
		json_object_set_new(o, "withdrawn", json_boolean(c->withdrawn));
		set_str(o, "at", c->at);
		set_str(o, "time", c->time);
		json_object_set_new(o, "amended", json_boolean(c->amended));
		json_object_set_new(o, "unanswered", json_boolean(c->unanswered));
		set_str(o, "reason", c->reason);
		set_str(o, "date", c->date);
		json_array_append_new(a, o);
	}
	return a;
}

/* The summary's lines. */
static json_t *
ctx_summary(const struct brief *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->nsummary; i++) {
		json_t *o = json_object();

		set_str(o, "id", b->summary[i].q != NULL ? b->summary[i].q->id.s : NULL);
		set_str(o, "label", b->summary[i].label);
		set_str(o, "answer", b->summary[i].answer);
		json_array_append_new(a, o);
	}
	return a;
}

/* The next steps. */
static json_t *
ctx_actions(const struct brief *b)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < b->nactions; i++) {
		const struct brief_action *x = &b->actions[i];
		json_t *o = json_object();

		set_str(o, "id", x->q->id.s);
		set_str(o, "label", x->label);
		set_str(o, "action", x->what);
		set_str(o, "owner", x->owner);
		set_str(o, "due", x->due);
		set_str(o, "due_text", x->due_text);
		set_str(o, "text", x->text);
		json_array_append_new(a, o);
	}
	return a;
}

/* Sets ctx[key] to list and ctx[has] to whether it has items. */
static void
set_list(json_t *ctx, const char *key, const char *has, json_t *list)
{
	json_object_set_new(ctx, has, json_boolean(json_array_size(list) > 0));
	json_object_set_new(ctx, key, list);
}

/* The context. */
json_t *
brief_context(const struct brief *b)
{
	const struct session_row *row = &b->ss->row;
	json_t *ctx = json_object(), *answers = json_object();
	json_t *ladders = json_array(), *sections = json_array();
	size_t i;

	json_object_set_new(ctx, "whyline", json_integer(1));
	json_object_set_new(ctx, "share", json_boolean(b->share));
	set_str(ctx, "language", b->lang);
	set_str(ctx, "title", b->title);
	set_str_take(ctx, "client", brief_str(row->client, false));
	set_str_take(ctx, "consultant", brief_str(row->consultant, false));
	set_str(ctx, "request", b->request);
	set_str(ctx, "goal", b->goal);
	set_list(ctx, "summary", "has_summary", ctx_summary(b));
	set_list(ctx, "next_steps", "has_next_steps", ctx_actions(b));
	json_object_set_new(ctx, "session", ctx_session(b));
	json_object_set_new(ctx, "tree", ctx_tree(b));
	for (i = 0; i < b->nladders; i++)
		json_array_append_new(ladders, ctx_ladder(&b->ladders[i], answers));
	for (i = 0; i < b->nsections; i++)
		json_array_append_new(sections, ctx_section(&b->sections[i], answers));
	set_list(ctx, "ladders", "has_ladders", ladders);
	set_list(ctx, "sections", "has_sections", sections);
	json_object_set_new(ctx, "answers", answers);
	set_list(ctx, "open_items", "has_open_items", ctx_open(b));
	/* A client's copy has no flag, note or change in its model. */
	ctx_flags(ctx, b);
	json_object_set_new(ctx, "has_flags", json_boolean(b->nflags > 0));
	set_list(ctx, "notes", "has_notes", ctx_notes(b));
	set_list(ctx, "changes", "has_changes", ctx_changes(b));
	return ctx;
}

/* Releases a context. */
void
brief_context_free(json_t *ctx)
{
	json_decref(ctx);
}

/* Reads a whole template file; NULL with d filled. */
static char *
template_read(const char *path, struct diags *d)
{
	static const struct mark whole = { 0, 0 };
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;
	FILE *fp = fopen(path, "r");

	if (fp == NULL) {
		diags_add(d, DIAG_ERROR, path, whole, "%s", strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (b.len + n > TEMPLATE_MAX) {
			diags_add(d, DIAG_ERROR, path, whole,
			    _("a template may be at most %d bytes"), TEMPLATE_MAX);
			goto fail;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(fp)) {
		diags_add(d, DIAG_ERROR, path, whole, "%s", strerror(errno));
		goto fail;
	}
	if (memchr(buf_str(&b), '\0', b.len) != NULL) {
		diags_add(d, DIAG_ERROR, path, whole, _("a template is text: this file holds a NUL byte"));
		goto fail;
	}
	fclose(fp);
	return buf_take(&b);
fail:
	fclose(fp);
	buf_free(&b);
	return NULL;
}

/* Renders a template file over ctx. */
char *
brief_template(const char *path, const json_t *ctx, struct diags *d)
{
	struct mustache_error err = { 0 };
	char *tmpl = template_read(path, d), *out;

	if (tmpl == NULL)
		return NULL;
	out = mustache_render(tmpl, ctx, brief_md_escape, NULL, &err);
	if (out == NULL) {
		struct mark m = { err.line, err.col };

		diags_add(d, DIAG_ERROR, path, m, "%s", err.msg);
		free(err.msg);
	}
	free(tmpl);
	return out;
}

/* The tree's template, kept under the tree's folder. */
char *
brief_tree_template(const char *dir, const char *name, char **why)
{
	char *path = xasprintf("%s/%s", dir != NULL ? dir : ".", name);
	char *real = realpath(path, NULL);
	int e = errno;		/* the next realpath may change it */
	char *top = realpath(dir != NULL ? dir : ".", NULL);
	size_t n = top != NULL ? strlen(top) : 0;

	*why = NULL;
	if (real == NULL || top == NULL)
		*why = xasprintf("%s: %s", path, strerror(real == NULL ? e : errno));
	else if (name[0] == '/' || strncmp(real, top, n) != 0 ||
	    (real[n] != '/' && strcmp(top, "/") != 0))
		*why = xasprintf(_("%s: the tree's brief: names a file outside the "
		    "tree's folder %s"), name, top);
	free(real);
	free(top);
	if (*why != NULL) {
		free(path);
		return NULL;
	}
	return path;
}
