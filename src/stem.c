/* stem.c: content words, lower-cased, stop words left out, stemmed with
 * libstemmer (see stem.h), which is loaded with dlopen the first time a
 * stemmer is made: mapping it costs every start of the program about 90
 * page faults (0.1 ms), and only the ladder's aids and the map use it. */
#include "config.h"

#include <dlfcn.h>
#include <libstemmer.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "buf.h"
#include "stem.h"
#include "util.h"

struct stemmer {
	struct sb_stemmer *sb;	/* NULL: lower-case only */
	const char *const *stops;
	locale_t ctype;		/* C.UTF-8 for towlower_l; may be 0 */
};

static const char *const stops_en[] = {
	"a", "about", "after", "all", "also", "an", "and", "any", "are", "as",
	"at", "be", "because", "been", "but", "by", "can", "could", "do",
	"does", "for", "from", "get", "had", "has", "have", "he", "her", "his",
	"how", "i", "if", "in", "into", "is", "it", "its", "just", "like",
	"make", "more", "most", "my", "no", "not", "of", "on", "one", "or",
	"our", "out", "over", "own", "she", "so", "some", "than", "that",
	"the", "their", "them", "then", "there", "these", "they", "this", "to",
	"too", "up", "us", "very", "was", "we", "were", "what", "when",
	"which", "who", "why", "will", "with", "would", "you", "your", NULL
};

static const char *const stops_fr[] = {
	"a", "afin", "au", "aussi", "aux", "avec", "avoir", "c", "ce", "ces",
	"cette", "d", "dans", "de", "des", "donc", "du", "elle", "en", "est",
	"et", "être", "faire", "il", "ils", "j", "je", "l", "la", "le", "les",
	"leur", "leurs", "lui", "m", "mais", "me", "mes", "moi", "mon", "n",
	"ne", "nos", "notre", "nous", "on", "ont", "ou", "où", "par", "pas",
	"plus", "pour", "pourquoi", "qu", "que", "qui", "s", "sa", "sans",
	"se", "ses", "son", "sont", "sur", "ta", "te", "tes", "ton", "tu",
	"un", "une", "vos", "votre", "vous", "y", NULL
};

/* Snowball's name for an ISO 639-1 code it knows under another name. */
static const char *
algorithm(const char *lang)
{
	static const char *const names[][2] = {
		{ "en", "english" }, { "fr", "french" }, { "de", "german" },
		{ "es", "spanish" }, { "it", "italian" }, { "pt", "portuguese" },
		{ "nl", "dutch" }, { "sv", "swedish" }, { "da", "danish" },
		{ "no", "norwegian" }, { "nb", "norwegian" }, { "fi", "finnish" },
		{ "ru", "russian" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(lang, names[i][0], 2) == 0 &&
		    (lang[2] == '\0' || lang[2] == '_' || lang[2] == '-'))
			return names[i][1];
	return lang;
}

#define SB_FUNCS(X) \
	X(sb_stemmer_new) X(sb_stemmer_delete) X(sb_stemmer_stem) \
	X(sb_stemmer_length)

#define SB_FIELD(f) __typeof__(f) *f;
/* libstemmer's functions, once loaded; tried: loading was tried. */
static struct {
	bool tried;
	SB_FUNCS(SB_FIELD)
} sb;
#undef SB_FIELD

/* Loads libstemmer once; false when it cannot be (its package,
 * libstemmer0d, is a dependency: without it words are only lower-cased). */
static bool
load_libstemmer(void)
{
	void *h;

	if (sb.tried)
		return sb.sb_stemmer_new != NULL;
	sb.tried = true;
	if ((h = dlopen("libstemmer.so.0d", RTLD_NOW | RTLD_LOCAL)) == NULL)
		return false;
#define SB_LOAD(f) \
	if ((*(void **)&sb.f = dlsym(h, #f)) == NULL) { \
		memset(&sb, 0, sizeof sb); \
		sb.tried = true; \
		dlclose(h); \
		return false; \
	}
	SB_FUNCS(SB_LOAD)
#undef SB_LOAD
	return true;
}

/* A stemmer for lang. */
struct stemmer *
stem_new(const char *lang)
{
	struct stemmer *st = xcalloc(1, sizeof *st);

	st->ctype = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (lang == NULL || *lang == '\0')
		return st;
	if (load_libstemmer())
		st->sb = sb.sb_stemmer_new(algorithm(lang), "UTF_8");
	if (strncmp(lang, "en", 2) == 0 && (lang[2] == '\0' || lang[2] == '_'))
		st->stops = stops_en;
	else if (strncmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '_'))
		st->stops = stops_fr;
	return st;
}

void
stem_free(struct stemmer *st)
{
	if (st == NULL)
		return;
	if (st->sb != NULL)
		sb.sb_stemmer_delete(st->sb);
	if (st->ctype != (locale_t)0)
		freelocale(st->ctype);
	free(st);
}

/* Appends code point cp to b as UTF-8. */
static void
put_utf8(struct buf *b, unsigned long cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* True when cp is part of a word: a letter or a digit. */
static bool
word_char(const struct stemmer *st, unsigned long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	if (st->ctype == (locale_t)0)
		return true;
	return iswalnum_l((wint_t)cp, st->ctype) != 0;
}

/* The lower-case form of cp. */
static unsigned long
lower(const struct stemmer *st, unsigned long cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	if (st->ctype == (locale_t)0)
		return cp;
	return (unsigned long)towlower_l((wint_t)cp, st->ctype);
}

/* True when word is one of the stop words. */
static bool
is_stop(const struct stemmer *st, const char *word)
{
	size_t i;

	if (st->stops == NULL)
		return false;
	for (i = 0; st->stops[i] != NULL; i++)
		if (strcmp(st->stops[i], word) == 0)
			return true;
	return false;
}

/* How stem_scan keeps a word: a content word's stem once (stem_words), or
 * every word, stemmed or not (stem_tokens). */
enum scan {
	SCAN_CONTENT,
	SCAN_ALL_STEMMED,
	SCAN_ALL
};

/* Adds the word in b to the list, as the scan keeps it. */
static void
add_word(struct stemmer *st, const struct buf *b, enum scan how, char ***v,
    size_t *n, size_t *cap)
{
	const char *w = buf_str(b);
	char *stem;
	size_t i;

	if (how == SCAN_CONTENT && (str_chars(w, strlen(w)) < 2 || is_stop(st, w)))
		return;
	if (how == SCAN_ALL) {
		stem = xstrdup(w);
	} else if (st->sb != NULL) {
		const sb_symbol *s = sb.sb_stemmer_stem(st->sb,
		    (const sb_symbol *)w, (int)strlen(w));

		stem = s != NULL ? xstrndup((const char *)s,
		    (size_t)sb.sb_stemmer_length(st->sb)) : xstrdup(w);
	} else {
		stem = xstrdup(w);
	}
	for (i = 0; how == SCAN_CONTENT && i < *n; i++)
		if (strcmp((*v)[i], stem) == 0) {
			free(stem);
			return;
		}
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = stem;
}

/* The words of text, kept as how says. */
static size_t
stem_scan(struct stemmer *st, const char *text, enum scan how, char ***out)
{
	struct buf b = { 0 };
	char **v = NULL;
	size_t n = 0, cap = 0, len;
	unsigned long cp;

	while (text != NULL && *text != '\0') {
		len = str_char_len(text, &cp);
		if (len == 0)
			len = 1, cp = 0xFFFD;
		if (word_char(st, cp)) {
			put_utf8(&b, lower(st, cp));
		} else if (b.len > 0) {
			add_word(st, &b, how, &v, &n, &cap);
			buf_reset(&b);
		}
		text += len;
	}
	if (b.len > 0)
		add_word(st, &b, how, &v, &n, &cap);
	buf_free(&b);
	*out = v;
	return n;
}

/* The distinct stems of text's content words. */
size_t
stem_words(struct stemmer *st, const char *text, char ***out)
{
	return stem_scan(st, text, SCAN_CONTENT, out);
}

/* Every word of text in order, lower-cased, stemmed when stemmed. */
size_t
stem_tokens(struct stemmer *st, const char *text, bool stemmed, char ***out)
{
	return stem_scan(st, text, stemmed ? SCAN_ALL_STEMMED : SCAN_ALL, out);
}

void
stem_words_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
