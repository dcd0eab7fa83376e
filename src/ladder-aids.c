/* ladder-aids.c: circles and means in a why ladder (see ladder-aids.h).
 * The words that make a means are data: one list per language, which a
 * tree extends with `means`. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ladder-aids.h"
#include "stem.h"
#include "util.h"

/* What a rung that names a means begins with, per language: things a
 * client asks a consultant for, never what they are for (so "more
 * bookings" and "plus de réservations", reasons in the shipped examples,
 * are not here); and the lead-ins said before them. */
struct means_words {
	const char *lang;
	const char *const *means;
	const char *const *leads;
};

static const char *const means_en[] = {
	"more posts", "more content", "more videos", "more ads",
	"more adverts", "more followers", "more likes", "more newsletters",
	"more staff", "more people", "a new website", "a new site",
	"a new web site", "a website", "a site", "new website", "a better website",
	"better website", "a better site", "better tools", "better software",
	"a better app", "a new app", "an app", "a mobile app",
	"a new logo", "a logo", "a rebrand", "a redesign", "a new design",
	"a campaign", "an ad campaign", "a newsletter", "a blog", "a chatbot",
	"a crm", "a new crm", "a new tool", "a tool", "new software",
	"a new system", "a dashboard", "a brochure", "a video", "an assistant",
	"to hire", "hire", "hiring", "a new hire", "a hire", "to recruit",
	"recruit", "an agency", "a consultant", "seo", "instagram posts",
	"social media posts", NULL
};

static const char *const leads_en[] = {
	"we need", "we want", "we would like", "we'd like", "i need", "i want",
	"i would like", "i'd like", "they need", "they want", "to have",
	"to get", "to make", "having", "getting", NULL
};

static const char *const means_fr[] = {
	"plus de publications", "plus de posts", "plus de contenu",
	"plus de contenus", "plus de vidéos", "plus de pubs",
	"plus de publicités", "plus d'abonnés", "plus de likes",
	"plus de personnel", "plus de monde", "un nouveau site",
	"un site", "un nouveau site web", "un site web", "un site internet",
	"un meilleur site", "de meilleurs outils", "un meilleur logiciel",
	"une application", "une appli", "une nouvelle application",
	"une nouvelle appli", "un logo", "un nouveau logo", "une refonte",
	"une nouvelle charte", "une campagne", "une newsletter", "un blog",
	"un chatbot", "un crm", "un nouveau crm", "un outil", "un nouvel outil",
	"un logiciel", "un nouveau logiciel", "un tableau de bord",
	"une brochure", "une vidéo", "un assistant", "une assistante",
	"embaucher", "recruter", "une embauche", "un recrutement",
	"une agence", "un consultant", "du référencement",
	"des publications instagram", "des publications", NULL
};

static const char *const leads_fr[] = {
	"il nous faut", "il me faut", "il faut", "nous voulons", "on veut",
	"je veux", "nous voudrions", "on voudrait", "je voudrais",
	"nous avons besoin d", "nous avons besoin de", "on a besoin d",
	"on a besoin de", "j'ai besoin d", "j'ai besoin de", "avoir", "pour",
	NULL
};

static const struct means_words builtin[] = {
	{ "en", means_en, leads_en },
	{ "fr", means_fr, leads_fr },
};

struct ladder_aids {
	struct stemmer *st;
	const struct means_words *words;	/* NULL: none built in */
};

/* The aids for lang. */
struct ladder_aids *
ladder_aids_new(const char *lang)
{
	struct ladder_aids *a = xcalloc(1, sizeof *a);
	size_t i;

	a->st = stem_new(lang);
	for (i = 0; lang != NULL && i < sizeof builtin / sizeof builtin[0]; i++)
		if (strncmp(lang, builtin[i].lang, 2) == 0 &&
		    (lang[2] == '\0' || lang[2] == '_' || lang[2] == '-'))
			a->words = &builtin[i];
	return a;
}

void
ladder_aids_free(struct ladder_aids *a)
{
	if (a == NULL)
		return;
	stem_free(a->st);
	free(a);
}

/* A text's words, folded or stemmed. */
struct words {
	char **v;
	size_t n;
};

/* True when a and b hold the same words in the same order. */
static bool
same_seq(const struct words *a, const struct words *b)
{
	size_t i;

	if (a->n != b->n || a->n == 0)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* True when the distinct stems of a and b are the same set (stem_words
 * keeps each once). */
static bool
same_set(const struct words *a, const struct words *b)
{
	size_t i, j;

	if (a->n != b->n || a->n == 0)
		return false;
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++)
			if (strcmp(a->v[i], b->v[j]) == 0)
				break;
		if (j == b->n)
			return false;
	}
	return true;
}

/* How many steps back rung repeats a text of path; 0: none. */
size_t
ladder_aids_circle(struct ladder_aids *a, const char *const *path, size_t n,
    const char *rung)
{
	struct words fold, stems, f, s;
	size_t i, back = 0;

	fold.n = stem_tokens(a->st, rung, false, &fold.v);
	stems.n = stem_words(a->st, rung, &stems.v);
	for (i = n; back == 0 && i-- > 0;) {
		f.n = stem_tokens(a->st, path[i], false, &f.v);
		s.n = stem_words(a->st, path[i], &s.v);
		if (same_seq(&fold, &f) || same_set(&stems, &s))
			back = n - i;
		stem_words_free(f.v, f.n);
		stem_words_free(s.v, s.n);
	}
	stem_words_free(fold.v, fold.n);
	stem_words_free(stems.v, stems.n);
	return back;
}

/* How many words of text, from word at, phrase's words match (stemmed);
 * 0 when they do not all match. */
static size_t
match_at(struct ladder_aids *a, const struct words *text, size_t at,
    const char *phrase)
{
	struct words p;
	size_t i, got = 0;

	p.n = stem_tokens(a->st, phrase, true, &p.v);
	if (p.n > 0 && at + p.n <= text->n) {
		for (i = 0; i < p.n; i++)
			if (strcmp(p.v[i], text->v[at + i]) != 0)
				break;
		if (i == p.n)
			got = p.n;
	}
	stem_words_free(p.v, p.n);
	return got;
}

/* True when one of list's phrases (NULL-ended, or n long when n is not
 * (size_t)-1) matches text from word at. */
static bool
any_at(struct ladder_aids *a, const struct words *text, size_t at,
    const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && (n == (size_t)-1 ? list[i] != NULL : i < n); i++)
		if (match_at(a, text, at, list[i]) > 0)
			return true;
	return false;
}

/* True when rung begins like a request. */
bool
ladder_aids_means(struct ladder_aids *a, const char *rung,
    const char *const *extra, size_t n)
{
	struct words t;
	size_t at = 0, i, got, best;
	bool yes;

	t.n = stem_tokens(a->st, rung, true, &t.v);
	/* lead-ins, each the longest that fits ("we need" before "we"),
	 * as in "pour avoir un site" */
	do {
		best = 0;
		for (i = 0; a->words != NULL && a->words->leads[i] != NULL; i++)
			if ((got = match_at(a, &t, at, a->words->leads[i])) > best &&
			    at + got < t.n)
				best = got;
		at += best;
	} while (best > 0);
	yes = (a->words != NULL && any_at(a, &t, at, a->words->means, (size_t)-1)) ||
	    any_at(a, &t, at, extra, n);
	stem_words_free(t.v, t.n);
	return yes;
}
