/* stem.h: the content words of a text, stemmed in a language with the
 * Snowball stemmers (libstemmer; the only module that includes it), so
 * that "steadier income" and "steady incomes" share their words. Words are
 * lower-cased; the language's stop words ("the", "of", "le", "de"...) and
 * one-letter words are left out. */
#ifndef WHYLINE_STEM_H
#define WHYLINE_STEM_H

#include <stdbool.h>
#include <stddef.h>

struct stemmer;

/* A stemmer for language lang (an ISO 639-1 code such as "en" or "fr", or
 * a Snowball name); for NULL or a language Snowball lacks, words are only
 * lower-cased. Stop words are known for English and French. */
struct stemmer *stem_new(const char *lang);
void stem_free(struct stemmer *st);
/* The distinct stems of text's content words, in the order met: *out is an
 * owned array of owned strings (free with stem_words_free). Returns the
 * count. */
size_t stem_words(struct stemmer *st, const char *text, char ***out);
/* Every word of text in order (repeats and stop words too), lower-cased,
 * and stemmed when stemmed: how a text reads with case, spaces and
 * punctuation folded away. Free with stem_words_free. */
size_t stem_tokens(struct stemmer *st, const char *text, bool stemmed, char ***out);
void stem_words_free(char **v, size_t n);

#endif
