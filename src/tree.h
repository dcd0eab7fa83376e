/* tree.h: a question tree (SPEC section 2) as a model with the place of
 * every value in its file.
 *
 * tree_load reads a YAML file and builds the model in one pass over its
 * nodes, reporting every problem of shape (unknown, missing, duplicated or
 * ill-kinded keys, malformed ids, unknown types...) to a diags list. The
 * meaning of the tree (conditions, templates, references between questions)
 * is checked apart, by check.c. The tree owns everything it points to; its
 * strings stay in the YAML document it was read from, which it keeps. */
#ifndef WHYLINE_TREE_H
#define WHYLINE_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "hmap.h"

#define TREE_FORMAT 1
#define TREE_MAX_QUESTIONS 100000
#define TREE_MAX_DEPTH 20
/* A list in a file of YDOC_MAX_BYTES holds fewer items (tree-load.c
 * checks it). */
#define TREE_MAX_SECTIONS ((1u << 24) - 1)
#define TREE_DEFAULT_DEPTH 5
#define TREE_MAX_SCALE 1000000000	/* a scale's min and max, either sign */

/* A string from the file and where it was; s is NULL when the key is absent. */
struct text {
	const char *s;		/* in the tree's document: never freed on its own */
	struct mark mark;
};

enum qtype {
	QT_TEXT,
	QT_PARAGRAPH,
	QT_CHOICE,
	QT_MULTI,
	QT_YESNO,
	QT_NUMBER,
	QT_SCALE,
	QT_LADDER,
	QT_NOTE,
	QT_ACTION		/* a next step: what, who, by when */
};

enum flag_level {
	FLAG_RISK,
	FLAG_PREFERENCE,
	FLAG_INFO
};

struct choice {
	struct text value;
	struct text label;
};

/* A scale's label for one value. */
struct scale_label {
	long value;
	struct text label;
};

struct question;

/* The questions asked right after their question when value is given. */
struct follow_up {
	struct text value;
	struct question **questions;
	size_t n;
};

struct section;

/* What few questions have, kept apart so that a question without any of it
 * costs less (a tree may hold 100,000 questions). */
struct question_extra {
	struct text def, validate, invalid;
	struct scale_label *labels;	/* scale */
	size_t nlabels;
	struct text from;		/* ladder */
	struct text goal;
	/* The brief (issue 9): a short label, a number's unit, and the
	 * earlier answer this one corrects. */
	struct text label, unit, corrects;
	struct follow_up *follow_ups;
	size_t nfollow_ups;
	struct text *asks;		/* ladder: `ask` as a list, used in turn (asks[0] is ask) */
	size_t nasks;
	struct text *means;		/* ladder: words that begin a means, besides the built-in ones */
	size_t nmeans;

	/* Derived by tree_load. */
	struct question *from_q;	/* ladder: the question its first rung comes from */
	struct question *corrects_q;	/* the question named by corrects */
	/* A choice or multi question without choices: where its type is
	 * (check reports it there); kept only then. */
	struct mark type_mark;
};

/* The extra part of every question that has none: all zero, read only. */
extern const struct question_extra question_no_extra;

/* A question's help and condition, which many questions lack. */
struct question_texts {
	struct text help, when;
};

/* The texts of every question that has neither: all zero, read only. */
extern const struct question_texts question_no_texts;

/* What a question's answer may be, which most questions leave open: its
 * choices, and its min and max as written (see question_min for
 * defaults). */
struct question_values {
	struct choice *choices;
	size_t nchoices;
	double min, max;
	struct mark min_mark, max_mark;
};

/* The values of every question that has none: all zero, read only. */
extern const struct question_values question_no_values;

/* tree-pack.c writes and reads every field of the structs of this file
 * that tree_load fills: a field added here is added there too. */
struct question {
	struct text id;
	struct text ask;
	/* help and when; never NULL (&question_no_texts until one is set,
	 * which question_texts_mut does). */
	struct question_texts *tx;
	struct mark mark;		/* the question's mapping */
	/* Its choices, min and max; never NULL (&question_no_values until
	 * one is set, which question_values_mut does). */
	struct question_values *vals;
	/* The rare keys; never NULL (&question_no_extra until one is set,
	 * which question_extra_mut does). */
	struct question_extra *x;
	/* Bit fields, in two 32-bit words (their address cannot be
	 * taken): a tree has at most TREE_MAX_QUESTIONS questions and
	 * TREE_MAX_SECTIONS sections. */
	unsigned index : 20;		/* document order, 0-based, in tree.all */
	enum qtype type : 4;
	unsigned depth : 5;		/* ladder, at most TREE_MAX_DEPTH */
	bool required : 1;
	bool in_brief : 1;		/* false: left out of the brief */
	bool craft : 1;			/* false: no craft warnings (check-craft.c) */
	/* Its section's place in tree.sections, set by tree_load: read it
	 * with question_section. */
	unsigned section_index : 24;
	bool has_min : 1, has_max : 1;
	bool integer : 1;
	bool summary : 1;		/* in the brief's summary */
	bool private : 1;		/* never in a copy for the client */
	/* `carry`: its answer in the client's earlier calls is offered
	 * again (carry.h); carry_set: the question (or the question it
	 * follows up) says so, which wins over its section. After
	 * tree_load, carry holds either way. */
	bool carry : 1, carry_set : 1;
	/* Its id is an earlier question's too (set by tree_index_ids):
	 * tree_question finds the first. */
	bool id_twice : 1;
};

struct section {
	struct text id, title, when;
	struct mark mark;
	unsigned minutes;		/* `minutes`: the time budget; 0: none */
	bool private;			/* never in a copy for the client */
	bool carry;			/* its questions' answers are offered again */
	/* Its questions, follow-ups left out: when it has none, a part of
	 * tree.all (questions_in_all), else a list of its own. */
	struct question **questions;
	size_t n;
	bool questions_in_all;
	size_t index;
	size_t first;			/* index in tree.all of its first question */
	size_t end;			/* one past its last question */
};

struct flag {
	struct text when, say;
	enum flag_level level;
	size_t index;
};

struct tree {
	char *path;			/* as given, for messages */
	/* The folder the file is in, where its brief: template and catalogs
	 * are; NULL for a kept copy whose file is not at its path here
	 * (session.c): nothing beside it is read. */
	char *dir;
	char sha256_hex[65];		/* see tree_sha256; "" until asked */
	struct ydoc *doc;		/* the document its strings live in */
	int format;
	struct text id, title, version, language, domain, intro, brief;
	struct section **sections;
	size_t nsections;
	struct flag *flags;
	size_t nflags;
	struct question **all;		/* every question, document order */
	size_t nall;
	/* id -> first question with it (tree_index_ids): open addressing
	 * over 4/3 slots a question, each slot the question's index + 1
	 * (0: empty) under 15 bits of its id's hash. */
	uint32_t *by_id;
	size_t by_id_cap;
	uint32_t by_id_seed;
	struct question_block *qblocks;	/* where the questions are (tree_question_new) */
	struct tree_block *blocks;	/* their small parts (question_texts_mut) */
	char *strs;			/* a tree from tree_unpack: its strings */
};

/* Loads path ("-": standard input). Returns NULL when the file cannot be
 * read or is not YAML; otherwise a tree, possibly with errors in d (check
 * d->nerrors before trusting it). */
struct tree *tree_load(const char *path, struct diags *d);
/* Loads path as tree_load does, keeping only the model: the file's bytes
 * are freed once parsed, before the tree is built (`whyline check` holds
 * less at once), so tree_source gives NULL and tree_sha256 must not be
 * asked. */
struct tree *tree_load_model(const char *path, struct diags *d);
/* tree_load_model from len bytes of buf, as if read from path. */
struct tree *tree_load_model_mem(const char *path, const char *buf, size_t len,
    struct diags *d);
/* Builds a tree from len bytes of buf, as if read from path. */
struct tree *tree_load_mem(const char *path, const char *buf, size_t len,
    struct diags *d);
void tree_free(struct tree *t);
/* A new empty tree read from path, which names it in messages and locates
 * its folder. */
struct tree *tree_new(const char *path);
/* Derives what the model does not hold once every question is read: the
 * index of ids, each ladder's first rung, the question a `corrects` names,
 * and the private and carry that sections and questions pass on. Running
 * it again changes nothing. */
void tree_link(struct tree *t);
/* Indexes the questions of t->all by id (the first of each id), once
 * they are all read. */
void tree_index_ids(struct tree *t);
/* A new question, zeroed, kept in t's blocks (many questions cost one
 * allocation); tree_free frees it. */
struct question *tree_question_new(struct tree *t);
/* Makes t->all: the t->nall questions of tree_question_new, each at its
 * index (which each must have, from 0 up in the order they were made). */
void tree_index_all(struct tree *t);
/* Copies into out the n questions of tree_question_new whose indexes run
 * from first, in order (before tree_index_all). */
void tree_questions_at(const struct tree *t, size_t first, size_t n,
    struct question **out);
/* q's help and when, made its own (zeroed, in t's blocks) the first time:
 * for writing. */
struct question_texts *question_texts_mut(struct tree *t, struct question *q);
/* q's extra part, made its own (zeroed) the first time: for writing. */
struct question_extra *question_extra_mut(struct question *q);
/* q's choices, min and max, made its own (zeroed, in t's blocks) the first
 * time: for writing. */
struct question_values *question_values_mut(struct tree *t, struct question *q);
/* n zeroed choices, in t's blocks: for question_values.choices. */
struct choice *tree_choices_new(struct tree *t, size_t n);

/* The hex SHA-256 of the tree's bytes, computed the first time it is asked
 * for (check has no use for it). */
const char *tree_sha256(struct tree *t);
/* True when t's source is the len bytes at src, whose SHA-256 is sha
 * (hex): then sha is t's, and tree_sha256 need not hash the source. */
bool tree_source_is(struct tree *t, const char *src, size_t len,
    const char *sha);
/* The file's bytes, as read (kept in the tree's document); NULL for a
 * tree from tree_load_model. */
const char *tree_source(const struct tree *t, size_t *len);
/* The question with id, or NULL. */
struct question *tree_question(const struct tree *t, const char *id);
/* The choice of q with value, or NULL. */
const struct choice *question_choice(const struct question *q, const char *value);
/* The follow-up questions of q for value, or NULL. */
const struct follow_up *question_follow_up(const struct question *q, const char *value);
/* The scale label for value, or NULL. */
const char *question_scale_label(const struct question *q, long value);
/* The phrasing of q's `ask` for the why at level (1 for the first): a
 * ladder's list is used in turn. */
const struct text *question_ask(const struct question *q, unsigned level);
/* True when q or its section is private. */
bool question_private(const struct question *q);
/* The section q is in (a follow-up: its question's). */
struct section *question_section(const struct tree *t, const struct question *q);
/* The question's minimum and maximum, with the type's defaults. */
double question_min(const struct question *q);
double question_max(const struct question *q);

/* Names, for messages and storage. */
const char *qtype_name(enum qtype t);
bool qtype_parse(const char *s, enum qtype *t);
const char *flag_level_name(enum flag_level l);
bool flag_level_parse(const char *s, enum flag_level *l);

/* True when id is a well-formed question id ([a-z][a-z0-9_]*). */
bool tree_question_id_valid(const char *id);
/* True when id is a well-formed tree or section id ([a-z0-9][a-z0-9_-]*). */
bool tree_id_valid(const char *id);

#endif
