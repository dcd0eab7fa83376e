/* ladder-aids.h: the live aids of a why ladder, worked out from the rungs'
 * words in the session's language (stem.h): a rung that repeats one above
 * it (a circle), and a rung that names a means, as a request does ("a new
 * website"), rather than a reason. Pure: the interview words and shows
 * them. */
#ifndef WHYLINE_LADDER_AIDS_H
#define WHYLINE_LADDER_AIDS_H

#include <stdbool.h>
#include <stddef.h>

struct ladder_aids;

/* The aids for language lang (ISO 639-1, may be NULL): its stemmer and its
 * built-in list of means (English and French; none for another language). */
struct ladder_aids *ladder_aids_new(const char *lang);
void ladder_aids_free(struct ladder_aids *a);
/* How many steps back rung repeats a text of path, the texts above it
 * from the request (path[0]) down to the rung right above it
 * (path[n - 1]): the same words once case, spaces and punctuation are
 * folded, or the same content words once stemmed (stop words left out).
 * The nearest counts; 0 when it repeats none. */
size_t ladder_aids_circle(struct ladder_aids *a, const char *const *path,
    size_t n, const char *rung);
/* True when rung begins like a request: with one of the language's means
 * or of extra (a tree's `means`, n of them), word for word once stemmed,
 * after a lead-in such as "we need" or "il nous faut". */
bool ladder_aids_means(struct ladder_aids *a, const char *rung,
    const char *const *extra, size_t n);

#endif
