/* check-craft.c: craft warnings for `whyline check`: questions that lead
 * the client, ask two things at once, look for a culprit, load a word
 * against the client, or close a question an open one would teach more
 * from. Word lists for English and French; tests/data/craft/corpus.tsv
 * measures them. */
#include "config.h"

#include "check-craft.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "placeholder.h"
#include "util.h"

/* The words of one language; each list ends with NULL. */
struct craft_lang {
	const char *const *lead_start;	/* leading when the question starts so */
	const char *const *lead_any;	/* leading anywhere */
	const char *const *lead_tag;	/* leading at the end ("..., right?") */
	const char *const *blame;	/* asking for a culprit, anywhere */
	const char *const *loaded;	/* absolute words */
	const char *const *loaded_ok;	/* a word after a loaded one that makes
					 * it plain ("every week") */
	const char *const *hypothetical;/* a word before one that makes it a
					 * hypothesis ("would never") */
	const char *const *client;	/* words that aim at the client */
	const char *const *join;	/* and, or */
	const char *const *prep;	/* skipped after a join ("and with whom") */
	const char *const *wh;		/* the open question words */
	const char *const *aux;		/* the verbs a closed question starts with */
	const char *const *request;	/* "tell", "describe": aux + you + request is open */
	bool inverted;			/* French: "avez-vous" is a verb before its subject */
};

static const char *const en_lead_start[] = {
	"isn't it", "isn't that", "isn't this", "isn't the", "isn't your",
	"aren't you", "aren't they", "aren't the", "aren't your", "doesn't your",
	"doesn't it", "doesn't that", "don't they", "don't you", "didn't they",
	"didn't you", "wasn't it", "weren't they", "haven't you", "haven't they",
	"hasn't it", "shouldn't", "wouldn't", "won't you", "can't you",
	"couldn't you", "surely", "obviously", "so you", NULL
};
static const char *const en_lead_any[] = {
	"don't you think", "do you not think", "wouldn't you agree",
	"don't you agree", "would you agree", "wouldn't you say", "surely",
	"obviously", "of course", "isn't it because", "isn't it true",
	"i'm sure you", "i am sure you", "i assume", "you must have",
	"you must be", "you'd agree", "you would agree", "you agree that",
	"must be frustrating", "must have been", NULL
};
static const char *const en_lead_tag[] = {
	", right?", ", correct?", ", isn't it?", ", aren't they?", ", don't you?",
	", doesn't it?", ", wouldn't it?", ", wouldn't you?", ", surely?",
	", yes?", ", no?", ", didn't they?", ", don't they?", ", isn't that so?",
	", am i right?", ", true?", NULL
};
static const char *const en_blame[] = {
	"who is to blame", "who's to blame", "who was to blame", "whose fault",
	"who is at fault", "who was at fault", "who messed up", "who screwed up",
	"who dropped the ball", "who let you down", "who let them down",
	"who caused", "who is responsible for the failure",
	"who was responsible for the failure", "blame", "blamed", "blaming",
	"their fault", "your fault", NULL
};
static const char *const en_loaded[] = {
	"always", "never", "every", "everyone", "everybody", "nobody",
	"constantly", "all the time", NULL
};
static const char *const en_loaded_ok[] = {
	"day", "days", "week", "weeks", "month", "months", "quarter", "year",
	"years", "morning", "evening", "other", NULL
};
static const char *const en_hypothetical[] = {
	"would", "will", "could", "should", "you'd", "they'd", NULL
};
static const char *const en_client[] = {
	"you", "your", "yours", "you're", "you've", "you'd", "yourself",
	"yourselves", "they", "them", "their", "they're", "they've",
	"themselves", NULL
};
static const char *const en_join[] = { "and", "or", NULL };
static const char *const en_prep[] = {
	"with", "for", "from", "to", "by", "in", "on", "at", "about", "also",
	"then", NULL
};
static const char *const en_wh[] = {
	"what", "what's", "how", "why", "who", "whom", "whose", "when", "where",
	"which", "whether", NULL
};
static const char *const en_aux[] = {
	"is", "are", "was", "were", "do", "does", "did", "have", "has", "had",
	"can", "could", "will", "would", "should", "shall", "may", "might",
	"must", "isn't", "aren't", "don't", "doesn't", "didn't", "won't",
	"wouldn't", "can't", "couldn't", "haven't", "hasn't", NULL
};
static const char *const en_request[] = {
	"tell", "describe", "walk", "explain", "share", "give", "talk", "say",
	"show", "help", "list", "name", "picture", "imagine", "think", NULL
};

static const char *const fr_lead_start[] = {
	"n'est-il pas", "n'est-ce pas", "ne serait-il pas", "ne serait-ce pas",
	"ne faudrait-il pas", "ne vaudrait-il pas", "n'avez-vous pas",
	"n'ont-ils pas", "ne sont-ils pas", "ne devriez-vous pas",
	"ne pourriez-vous pas", "ne pensez-vous pas", "ne trouvez-vous pas",
	"ne croyez-vous pas", "sûrement", "évidemment", "forcément", "alors vous",
	"donc vous", NULL
};
static const char *const fr_lead_any[] = {
	"ne pensez-vous pas", "ne trouvez-vous pas", "ne croyez-vous pas",
	"vous ne pensez pas", "vous ne trouvez pas", "vous ne croyez pas",
	"n'êtes-vous pas d'accord", "vous êtes d'accord", "vous serez d'accord",
	"n'est-ce pas", "sûrement", "évidemment", "bien sûr", "forcément",
	"il est évident", "j'imagine que", "je suppose que", "vous devez être",
	"vous avez dû", "ça a dû", "ça doit être", NULL
};
static const char *const fr_lead_tag[] = {
	", non?", ", pas vrai?", ", hein?", ", n'est-ce pas?", ", c'est ça?",
	", d'accord?", ", oui?", ", j'imagine?", ", je suppose?", NULL
};
static const char *const fr_blame[] = {
	"à qui la faute", "la faute à qui", "la faute de qui", "qui est fautif",
	"qui est coupable", "qui est responsable de l'échec", "qui a fait échouer",
	"qui a causé", "à qui en voulez-vous", "reprochent", "reprochez",
	"reprochent-ils", "reprochent-elles", "reprochez-vous", "reproche",
	"reproché", "blâme", "blâment", "blâmez", "blâmé", "blâment-ils",
	"leur faute", "votre faute", "sa faute", "la faute", NULL
};
static const char *const fr_loaded[] = {
	"toujours", "jamais", "chaque", "tous", "toutes", "tout le monde",
	"sans cesse", "constamment", "systématiquement", NULL
};
static const char *const fr_loaded_ok[] = {
	"jour", "jours", "semaine", "semaines", "mois", "année", "années", "an",
	"ans", "trimestre", "matin", "soir", "deux", "trois", "les", NULL
};
static const char *const fr_hypothetical[] = {
	"voudriez", "feriez", "accepteriez", "pourriez", "faudrait", NULL
};
static const char *const fr_client[] = {
	"vous", "votre", "vos", "ils", "elles", "leur", "leurs", "-vous", NULL
};
static const char *const fr_join[] = { "et", "ou", NULL };
static const char *const fr_pas[] = { "pas", NULL };	/* "ne ... pas" */
static const char *const fr_prep[] = {
	"avec", "pour", "de", "à", "par", "en", "sur", "chez", "dans", "aussi",
	"puis", NULL
};
static const char *const fr_wh[] = {
	"que", "qu'", "quoi", "comment", "pourquoi", "qui", "quand", "où",
	"quel", "quelle", "quels", "quelles", "combien", "est-ce", "lequel",
	"laquelle", NULL
};
static const char *const fr_aux[] = { "est-ce", "y", NULL };
static const char *const fr_request[] = {
	"décrire", "raconter", "expliquer", "dire", "préciser", "détailler",
	"présenter", "parler", "partager", "citer", "imaginer", "me", "nous",
	NULL
};

static const struct craft_lang lang_en = {
	en_lead_start, en_lead_any, en_lead_tag, en_blame, en_loaded,
	en_loaded_ok, en_hypothetical, en_client, en_join, en_prep, en_wh,
	en_aux, en_request, false
};
static const struct craft_lang lang_fr = {
	fr_lead_start, fr_lead_any, fr_lead_tag, fr_blame, fr_loaded,
	fr_loaded_ok, fr_hypothetical, fr_client, fr_join, fr_prep, fr_wh,
	fr_aux, fr_request, true
};

#define MAX_WORDS 200

/* A question made ready to compare: lower case, straight apostrophes,
 * one space between words, no space before punctuation, {{id}} as "x";
 * and its words. s and the words share one block, on the stack (space)
 * when the question is short. */
struct norm {
	char *s;
	char *w[MAX_WORDS];
	size_t nw;
	char space[512];
};

/* True for a byte that is part of a word: letters, digits, the bytes of
 * other UTF-8 letters, apostrophes and hyphens. */
static const bool word_bytes[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline bool
word_byte(unsigned char c)
{
	return word_bytes[c];
}

/* Fills n from ask. No substitution makes the text longer, so the text
 * and a copy of it to cut into words fit in twice ask's length. */
static void
norm_make(struct norm *n, const char *ask)
{
	static const struct { const char *from, *to; size_t len; } subst[] = {
		{ "\xe2\x80\x99", "'", 3 }, { "\xe2\x80\x98", "'", 3 },
		{ "\xc2\xa0", " ", 2 }, { "\xe2\x80\xaf", " ", 3 },
		{ "\xc3\x89", "\xc3\xa9", 2 }, { "\xc3\x8a", "\xc3\xaa", 2 },
		{ "\xc3\x88", "\xc3\xa8", 2 }, { "\xc3\x80", "\xc3\xa0", 2 },
		{ "\xc3\x87", "\xc3\xa7", 2 }, { "\xc3\x94", "\xc3\xb4", 2 },
		{ "\xe2\x80\x9c", "\"", 3 }, { "\xe2\x80\x9d", "\"", 3 },
		{ "\xc2\xab", "\"", 2 }, { "\xc2\xbb", "\"", 2 },
	};
	size_t len = strlen(ask), i, k;
	const char *p = ask, *end, *t;
	char *q, *w, *o, c;

	n->s = 2 * (len + 1) <= sizeof n->space ? n->space : xmalloc(2 * (len + 1));
	o = n->s;
	while (*p != '\0') {
		if (p[0] == '{' && p[1] == '{' && (end = strstr(p, "}}")) != NULL) {
			*o++ = 'x';
			p = end + 2;
			continue;
		}
		/* Every substitution starts with a byte past ASCII: an ASCII
		 * byte is copied without trying them. */
		k = sizeof subst / sizeof *subst;
		if ((unsigned char)*p >= 0x80)
			for (k = 0; k < sizeof subst / sizeof *subst; k++)
				if (strncmp(p, subst[k].from, subst[k].len) == 0)
					break;
		if (k < sizeof subst / sizeof *subst) {
			for (t = subst[k].to; *t != '\0'; t++)
				*o++ = *t;
			p += subst[k].len;
			continue;
		}
		c = *p++;
		*o++ = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') :
		    c == '\n' || c == '\t' || c == '\r' ? ' ' : c;
	}
	*o = '\0';
	/* One space between words, none before punctuation or at the ends. */
	for (p = n->s, q = n->s; *p != '\0'; p++) {
		if (*p == ' ' && (q == n->s || q[-1] == ' ' || p[1] == '?' ||
		    p[1] == '!' || p[1] == ':' || p[1] == ';' || p[1] == ',' ||
		    p[1] == ' ' || p[1] == '\0'))
			continue;
		*q++ = *p;
	}
	*q = '\0';
	/* The words, in a copy cut at every other byte. */
	w = q + 1;
	memcpy(w, n->s, (size_t)(q - n->s) + 1);
	n->nw = 0;
	for (i = 0; w[i] != '\0' && n->nw < MAX_WORDS;) {
		if (!word_byte((unsigned char)w[i]) || w[i] == '\'' || w[i] == '-') {
			i++;
			continue;
		}
		n->w[n->nw++] = &w[i];
		while (word_byte((unsigned char)w[i]))
			i++;
		if (w[i] != '\0')
			w[i++] = '\0';
	}
}

static void
norm_free(struct norm *n)
{
	if (n->s != n->space)
		free(n->s);
}


/* True when the byte before at (in s) and the one after its len bytes end
 * a word. */
static bool
whole(const char *s, const char *at, size_t len)
{
	return (at == s || !word_byte((unsigned char)at[-1])) &&
	    !word_byte((unsigned char)at[len]);
}

/* The phrases of a list by first byte: the first phrase starting with
 * byte b is list[head[b] - 1], the one after list[k] is list[next[k] - 1]
 * (0: none), in the list's order; their lengths; and, in order, those
 * of more than one word (multi). */
struct phrase_index {
	const char *const *list;
	unsigned char head[256], next[64];
	unsigned char len[64];		/* each phrase's length */
	unsigned char multi[64], nmulti;
};

/* Makes x the index of list (at most 63 phrases of at most 255 bytes). */
static void
phrase_index_make(struct phrase_index *x, const char *const *list)
{
	size_t k;

	memset(x, 0, sizeof *x);
	x->list = list;
	for (k = 0; list[k] != NULL; k++) {
		x->len[k] = (unsigned char)strlen(list[k]);
		if (strchr(list[k], ' ') != NULL)
			x->multi[x->nmulti++] = (unsigned char)k;
	}
	while (k-- > 0) {
		x->next[k] = x->head[(unsigned char)list[k][0]];
		x->head[(unsigned char)list[k][0]] = (unsigned char)(k + 1);
	}
}

/* The lists of one language, indexed. */
struct craft_words {
	struct phrase_index lead_start, lead_any, lead_tag, blame, loaded, loaded_ok,
	    hypothetical, client, join, prep, wh, aux, request, pas;
	bool inverted;
};

/* The words of lang ("fr...": French, else English), indexed the first
 * time (whyline runs one thread). */
static const struct craft_words *
craft_words(const char *lang)
{
	static struct craft_words words[2];
	static bool made[2];
	bool fr = lang != NULL && str_prefix(lang, "fr");
	const struct craft_lang *L = fr ? &lang_fr : &lang_en;
	struct craft_words *W = &words[fr];

	if (made[fr])
		return W;
	phrase_index_make(&W->lead_start, L->lead_start);
	phrase_index_make(&W->lead_any, L->lead_any);
	phrase_index_make(&W->lead_tag, L->lead_tag);
	phrase_index_make(&W->blame, L->blame);
	phrase_index_make(&W->loaded, L->loaded);
	phrase_index_make(&W->loaded_ok, L->loaded_ok);
	phrase_index_make(&W->hypothetical, L->hypothetical);
	phrase_index_make(&W->client, L->client);
	phrase_index_make(&W->join, L->join);
	phrase_index_make(&W->prep, L->prep);
	phrase_index_make(&W->wh, L->wh);
	phrase_index_make(&W->aux, L->aux);
	phrase_index_make(&W->request, L->request);
	phrase_index_make(&W->pas, fr_pas);
	W->inverted = L->inverted;
	made[fr] = true;
	return W;
}

/* True when s is one of x's list. */
static inline bool
in(const char *s, const struct phrase_index *x)
{
	size_t k;

	for (k = x->head[(unsigned char)s[0]]; k != 0; k = x->next[k - 1])
		if (strcmp(s, x->list[k - 1]) == 0)
			return true;
	return false;
}

/* The smallest index below *best of a phrase of x's list that starts at p
 * as a whole word, into *best. */
static inline void
phrase_at(const struct phrase_index *x, const char *p, size_t *best)
{
	size_t k;

	for (k = x->head[(unsigned char)*p]; k != 0 && k - 1 < *best; k = x->next[k - 1])
		if (str_prefix(p, x->list[k - 1]) && !word_byte((unsigned char)p[x->len[k - 1]])) {
			*best = k - 1;
			return;
		}
}

/* The first phrase of xa's list (in the list's order) in s as a whole word,
 * or NULL, into *wa; the same for xb's (NULL: none) into *wb. One pass
 * over the places a word can start, trying there only the phrases that
 * start with its byte. */
static void
find_any(const char *s, const struct phrase_index *xa, const char **wa,
    const struct phrase_index *xb, const char **wb)
{
	size_t ba = SIZE_MAX, bb = xb != NULL ? SIZE_MAX : 0;
	const char *p;

	for (p = s; *p != '\0' && (ba > 0 || bb > 0); p++) {
		if (p != s && word_byte((unsigned char)p[-1]))
			continue;
		phrase_at(xa, p, &ba);
		if (xb != NULL)
			phrase_at(xb, p, &bb);
	}
	*wa = ba != SIZE_MAX ? xa->list[ba] : NULL;
	if (wb != NULL)
		*wb = xb != NULL && bb != SIZE_MAX ? xb->list[bb] : NULL;
}

/* The phrase of x's list s starts with, or NULL. Quotes and dashes at the
 * start are passed over. */
static const char *
starts_any(const char *s, const struct phrase_index *x)
{
	const char *const *list = x->list;
	size_t k;

	while (*s == '"' || *s == '\'' || *s == '-' || *s == ' ' || *s == '(')
		s++;
	for (k = x->head[(unsigned char)s[0]]; k != 0; k = x->next[k - 1])
		if (str_prefix(s, list[k - 1]) && whole(s, s, x->len[k - 1]))
			return list[k - 1];
	return NULL;
}

/* The phrase of x's list s ends with, or NULL. */
static const char *
ends_any(const char *s, const struct phrase_index *x)
{
	const char *const *list = x->list;
	size_t n = strlen(s), i, k;

	for (i = 0; list[i] != NULL; i++) {
		k = x->len[i];
		if (n >= k && k > 0 && s[n - 1] == list[i][k - 1] &&
		    (k < 2 || s[n - 2] == list[i][k - 2]) && memcmp(s + n - k, list[i], k) == 0)
			return list[i];
	}
	return NULL;
}

/* True when w is a French verb before its subject: "avez-vous",
 * "a-t-il". */
static bool
inverted(const char *w)
{
	static const char *const subj[] = {
		"-vous", "-ils", "-elles", "-il", "-elle", "-on", "-je", "-tu",
		"-nous", NULL
	};
	const char *const *s;
	size_t n = strlen(w), k;

	for (s = subj; *s != NULL; s++) {
		k = strlen(*s);
		if (n > k && strcmp(w + n - k, *s) == 0)
			return true;
	}
	return false;
}

/* The word that starts a question from word i on (a question word, or a
 * verb a question starts with, after a preposition perhaps), or NULL. */
static const char *
starts_ask(const struct craft_words *W, const struct norm *n, size_t i)
{
	if (i < n->nw && in(n->w[i], &W->prep))
		i++;
	if (i >= n->nw)
		return NULL;
	return in(n->w[i], &W->wh) || str_prefix(n->w[i], "qu'") ||
	    (!W->inverted && in(n->w[i], &W->aux) && i + 1 < n->nw &&
	    (in(n->w[i + 1], &W->client) || strcmp(n->w[i + 1], "it") == 0 ||
	    strcmp(n->w[i + 1], "there") == 0 || strcmp(n->w[i + 1], "this") == 0 ||
	    strcmp(n->w[i + 1], "that") == 0 || strcmp(n->w[i + 1], "we") == 0 ||
	    strcmp(n->w[i + 1], "i") == 0)) ||
	    (W->inverted && inverted(n->w[i])) ? n->w[i] : NULL;
}

/* Two asks in one: two question marks, or a join followed by a question. */
static const char *
find_double(const struct craft_words *W, const struct norm *n)
{
	const char *q = strchr(n->s, '?'), *w;
	size_t i;

	if (q != NULL && strchr(q + 1, '?') != NULL && strspn(q + 1, " ?!.\"") != strlen(q + 1))
		return "?";
	for (i = 1; i + 1 < n->nw; i++)
		if (in(n->w[i], &W->join) && (w = starts_ask(W, n, i + 1)) != NULL)
			return w;
	return NULL;
}

/* True when word i names the client ("you", "they", "avez-vous"). */
static bool
is_client(const struct craft_words *W, const struct norm *n, size_t i)
{
	return in(n->w[i], &W->client) || (W->inverted && inverted(n->w[i]));
}

/* True when word w is one of x's list, or one of them before a subject
 * ("feriez-vous"). */
static bool
in_stem(const char *w, const struct phrase_index *x)
{
	size_t k, n;

	for (k = x->head[(unsigned char)w[0]]; k != 0; k = x->next[k - 1]) {
		n = x->len[k - 1];
		if (strncmp(w, x->list[k - 1], n) == 0 && (w[n] == '\0' || w[n] == '-'))
			return true;
	}
	return false;
}

/* True when a word naming the client is within 3 words of word i. */
static bool
near_client(const struct craft_words *W, const struct norm *n, size_t i)
{
	size_t j;

	for (j = i >= 3 ? i - 3 : 0; j <= i + 3 && j < n->nw; j++)
		if (j != i && is_client(W, n, j))
			return true;
	return false;
}

/* A loaded word aimed at the client: one of the absolutes, within three
 * words of one that names the client ("they never", "you always", "blame
 * every provider"), not followed by a word that makes it plain ("every
 * week") nor preceded by one that makes it a hypothesis ("would never"). */
static const char *
find_loaded(const struct craft_words *W, const struct norm *n)
{
	const struct phrase_index *x = &W->loaded;
	size_t i, j, k;
	const char *at;

	for (j = 0; j < x->nmulti; j++) {
		/* Phrases: "all the time", "tout le monde". */
		k = x->multi[j];
		if ((at = strstr(n->s, x->list[k])) != NULL && whole(n->s, at, x->len[k]))
			for (i = 0; i < n->nw; i++)
				if (is_client(W, n, i))
					return x->list[k];
	}
	for (i = 0; i < n->nw; i++) {
		if (!in(n->w[i], &W->loaded) || !near_client(W, n, i))
			continue;
		if (i + 1 < n->nw && in(n->w[i + 1], &W->loaded_ok))
			continue;
		if ((i >= 1 && in_stem(n->w[i - 1], &W->hypothetical)) ||
		    (i >= 2 && in_stem(n->w[i - 2], &W->hypothetical)))
			continue;
		return n->w[i];
	}
	return NULL;
}

/* A closed question: it starts with a verb (English), "est-ce que" or a
 * verb before its subject (French), unless it asks to tell or describe. */
static const char *
find_closed(const struct craft_words *W, const struct norm *n)
{
	size_t i = 0;

	if (n->nw == 0)
		return NULL;
	if (W->inverted && strcmp(n->w[0], "est-ce") == 0)
		return n->w[0];
	if (in(n->w[0], &W->wh) || str_prefix(n->w[0], "qu'"))
		return NULL;
	if (!W->inverted) {
		if (!in(n->w[0], &W->aux))
			return NULL;
		/* "Can you tell me...", "Could you walk us through...". */
		for (i = 1; i < 4 && i < n->nw; i++)
			if (in(n->w[i], &W->request))
				return NULL;
		return n->w[0];
	}
	if (strcmp(n->w[0], "est-ce") == 0 || (n->nw > 1 && strcmp(n->w[0], "y") == 0 &&
	    inverted(n->w[1])))
		return n->w[0];
	/* French: "Avez-vous", "Le budget est-il fixé", with no question word
	 * before the verb ("à quoi sert-il" is open); "Pouvez-vous décrire"
	 * asks to tell. */
	for (i = 0; i < 4 && i < n->nw; i++) {
		if (in(n->w[i], &W->wh) || str_prefix(n->w[i], "qu'"))
			return NULL;
		if (inverted(n->w[i]))
			break;
	}
	if (i == 4 || i == n->nw)
		return NULL;
	if (i + 1 < n->nw && (in(n->w[i + 1], &W->request) ||
	    (i + 2 < n->nw && in(n->w[i + 2], &W->request))))
		return NULL;
	return n->w[i];
}

/* The first problem of ask. */
enum craft_kind
craft_judge(const char *ask, const char *lang, bool closed_matters, char **word)
{
	const struct craft_words *W = craft_words(lang);
	struct norm n;
	enum craft_kind k = CRAFT_OK;
	const char *w = NULL, *lead, *blame, *pas;

	*word = NULL;
	norm_make(&n, ask);
	find_any(n.s, &W->lead_any, &lead, &W->blame, &blame);
	if ((w = lead) != NULL ||
	    (w = starts_any(n.s, &W->lead_start)) != NULL || (w = ends_any(n.s, &W->lead_tag)) != NULL ||
	    (W->inverted && n.nw > 2 && (strcmp(n.w[0], "ne") == 0 || str_prefix(n.w[0], "n'")) &&
	    (find_any(n.s, &W->pas, &pas, NULL, NULL), pas != NULL) && (w = n.w[0]) != NULL))
		k = CRAFT_LEADING;
	else if ((w = blame) != NULL)
		k = CRAFT_BLAME;
	else if ((w = find_double(W, &n)) != NULL)
		k = CRAFT_DOUBLE;
	else if ((w = find_loaded(W, &n)) != NULL)
		k = CRAFT_LOADED;
	else if (closed_matters && (w = find_closed(W, &n)) != NULL)
		k = CRAFT_CLOSED;
	if (k != CRAFT_OK && w != NULL)
		*word = xstrdup(w);
	norm_free(&n);
	return k;
}

/* The name of a kind. */
const char *
craft_kind_name(enum craft_kind k)
{
	static const char *const names[] = {
		"ok", "leading", "blame", "double", "loaded", "closed"
	};

	return names[k];
}

/* ---- a tree ---- */

/* Marks in named (a bit for each question of t, by index) the questions
 * that $id and {{id}} in s name: for each id, the first question with it. */
static void
refs_add(const struct tree *t, unsigned char *named, const char *s)
{
	const struct question *q;
	const char *p, *e;
	char *name, look[64];

	for (p = s; s != NULL && (p = strpbrk(p, "${")) != NULL; p++) {
		if (*p == '$')
			e = p + 1;
		else if (p[0] == '{' && p[1] == '{')
			e = p + 2;
		else
			continue;
		while (*e == ' ')
			e++;
		p = e;
		while ((*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_')
			e++;
		if (e == p && *e == '\0')
			break;		/* "$" or "{{" at the end: no name */
		if (e == p)
			continue;
		/* Looked up in place when short. */
		if ((size_t)(e - p) < sizeof look) {
			memcpy(look, p, (size_t)(e - p));
			look[e - p] = '\0';
			q = tree_question(t, look);
		} else {
			name = xstrndup(p, (size_t)(e - p));
			q = tree_question(t, name);
			free(name);
		}
		if (q != NULL)
			named[q->index / 8] |= (unsigned char)(1u << q->index % 8);
		p = e - 1;
	}
}

/* True when closing q (which has an id) matters: its answer is written as
 * text, or it is a yes/no that leads nowhere (no follow-up, its id named
 * by no condition, template or flag). */
static bool
closed_matters(const struct tree *t, const struct question *q, const unsigned char *named)
{
	const struct question *first;

	switch (q->type) {
	case QT_TEXT:
	case QT_PARAGRAPH:
	case QT_LADDER:
		return true;
	case QT_YESNO:
		first = q->id_twice ? tree_question(t, q->id.s) : q;
		return q->x->nfollow_ups == 0 &&
		    !(named[first->index / 8] & (1u << first->index % 8));
	default:
		return false;
	}
}

/* The warning for kind k (not CRAFT_OK), a format with one %s: the words
 * that show it. */
static const char *
craft_format(enum craft_kind k)
{
	switch (k) {
	case CRAFT_LEADING:
		/* TRANSLATORS: %s is the words of the question that lead. */
		return _("leading question (\"%s\"): it tells the client what to answer; "
		    "ask it neutrally, as in \"What do you make of ...?\" (craft: false keeps it)");
	case CRAFT_BLAME:
		return _("blaming question (\"%s\"): it asks for a culprit and puts people "
		    "on the defensive; ask what happened, as in \"What got in the way?\" (craft: "
		    "false keeps it)");
	case CRAFT_DOUBLE:
		return _("double-barrelled question (a second ask at \"%s\"): the client "
		    "will answer one half; split it into two questions (craft: false keeps it)");
	case CRAFT_LOADED:
		return _("loaded word (\"%s\") aimed at the client: it sounds like a "
		    "judgement; ask how often or how many, as in \"How often does that happen?\" "
		    "(craft: false keeps it)");
	default:
		return _("yes/no question (\"%s ...\"): an open question teaches more, as "
		    "in \"How is the budget set?\" rather than \"Is the budget fixed?\" (craft: "
		    "false keeps it)");
	}
}

/* What check_craft has said so far, by kind: the format, translated once
 * per check (gettext costs more than the rest of a warning), and the last
 * words shown with their message, which the same words at another
 * question say again without formatting it. */
struct said {
	const char *fmt;
	char *word;
	const char *msg;
};

/* Adds the warning of kind k at q's ask. */
static void
craft_warn(struct diags *d, const struct tree *t, const struct question *q,
    enum craft_kind k, const char *word, struct said *said)
{
	struct said *s = &said[k];

	if (s->word != NULL && strcmp(s->word, word) == 0) {
		diags_add_held(d, DIAG_WARNING, t->path, q->ask.mark, s->msg);
		return;
	}
	if (s->fmt == NULL)
		s->fmt = craft_format(k);
	/* Every format, translated or not, has one %s (msgfmt -c checks
	 * the catalogs). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	s->msg = diags_add(d, DIAG_WARNING, t->path, q->ask.mark, s->fmt, word);
#pragma GCC diagnostic pop
	free(s->word);
	s->word = xstrdup(word);
}

/* Warns about each question that goes wrong in a known way. */
void
check_craft(const struct tree *t, struct diags *d)
{
	const char *lang = t->language.s != NULL ? t->language.s : "en";
	struct said said[CRAFT_CLOSED + 1] = { { NULL, NULL, NULL } };
	unsigned char *named;
	char *word;
	size_t i;
	const struct question *q;
	enum craft_kind kind;

	/* The rules know English and French only. */
	if (!str_prefix(lang, "en") && !str_prefix(lang, "fr"))
		return;
	named = xcalloc(t->nall / 8 + 1, 1);
	for (i = 0; i < t->nall; i++) {
		q = t->all[i];
		refs_add(t, named, q->tx->when.s);
		refs_add(t, named, q->x->validate.s);
		refs_add(t, named, q->ask.s);
		refs_add(t, named, q->tx->help.s);
		refs_add(t, named, q->x->def.s);
	}
	for (i = 0; i < t->nsections; i++) {
		refs_add(t, named, t->sections[i]->when.s);
		refs_add(t, named, t->sections[i]->title.s);
	}
	for (i = 0; i < t->nflags; i++) {
		refs_add(t, named, t->flags[i].when.s);
		refs_add(t, named, t->flags[i].say.s);
	}
	for (i = 0; i < t->nall; i++) {
		q = t->all[i];
		if (!q->craft || q->type == QT_NOTE || q->ask.s == NULL || q->id.s == NULL)
			continue;
		kind = craft_judge(q->ask.s, lang, closed_matters(t, q, named), &word);
		/* A next step is one answer in three parts (what, who, by
		 * when): asking for all three is its point, not a fault. */
		if (kind == CRAFT_DOUBLE && q->type == QT_ACTION)
			kind = CRAFT_OK;
		if (kind != CRAFT_OK)
			craft_warn(d, t, q, kind, word, said);
		free(word);
	}
	free(named);
	for (i = 0; i <= CRAFT_CLOSED; i++)
		free(said[i].word);
}
