/* test-ladder-aids.c: the ladder's live aids: a rung that repeats one
 * above it (the same words folded, or the same stemmed content words), a
 * rung that begins like a request (English and French, and a tree's own
 * means), and no hint at all on the example ladders of the shipped trees
 * and the README (tests/data/ladder-aids/examples). */
#include "config.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "ladder-aids.h"
#include "util.h"

/* How many steps back rung repeats a text of the path (NULL-ended). */
static size_t
circle(struct ladder_aids *a, const char *const *path, const char *rung)
{
	size_t n = 0;

	while (path[n] != NULL)
		n++;
	return ladder_aids_circle(a, path, n, rung);
}

static void
test_circle_en(void **state)
{
	struct ladder_aids *a = ladder_aids_new("en");
	const char *const path[] = { "Instagram posts", "More bookings",
	    "the steady income", "less stress", NULL };

	(void)state;
	/* the same words, case and punctuation aside */
	assert_int_equal(circle(a, path, "more  BOOKINGS!"), 3);
	assert_int_equal(circle(a, path, "less stress."), 1);
	/* the request itself */
	assert_int_equal(circle(a, path, "instagram posts"), 4);
	/* the same content words once stemmed, stop words aside */
	assert_int_equal(circle(a, path, "steady incomes"), 2);
	assert_int_equal(circle(a, path, "Income, steady"), 2);
	/* new words: no circle */
	assert_int_equal(circle(a, path, "steady incomes for the family"), 0);
	assert_int_equal(circle(a, path, "a stable revenue stream"), 0);
	assert_int_equal(circle(a, path, "more time"), 0);
	/* nothing but stop words never matches by stems */
	assert_int_equal(circle(a, path, "the"), 0);
	assert_int_equal(ladder_aids_circle(a, NULL, 0, "more bookings"), 0);
	ladder_aids_free(a);
}

static void
test_circle_fr(void **state)
{
	struct ladder_aids *a = ladder_aids_new("fr");
	const char *const path[] = { "des publications Instagram",
	    "plus de réservations", "des clients fidèles", "moins de stress", NULL };

	(void)state;
	assert_int_equal(circle(a, path, "Plus de réservations !"), 3);
	assert_int_equal(circle(a, path, "un client fidèle"), 2);
	assert_int_equal(circle(a, path, "Fidèles, les clients"), 2);
	/* "plus" and "de" are stop words: the content word is the same */
	assert_int_equal(circle(a, path, "Réservations, plus"), 3);
	assert_int_equal(circle(a, path, "du temps en famille"), 0);
	ladder_aids_free(a);
	/* the same words in English are not French stems, and vice versa */
	a = ladder_aids_new("en");
	assert_int_equal(circle(a, path, "un client fidèle"), 0);
	ladder_aids_free(a);
}

/* True when rung raises the means hint in lang, without a tree's means. */
static bool
means(const char *lang, const char *rung)
{
	struct ladder_aids *a = ladder_aids_new(lang);
	bool yes = ladder_aids_means(a, rung, NULL, 0);

	ladder_aids_free(a);
	return yes;
}

static void
test_means_en(void **state)
{
	(void)state;
	assert_true(means("en", "more posts"));
	assert_true(means("en", "More posts on Instagram"));
	assert_true(means("en", "a new website"));
	assert_true(means("en", "A new web site, like our rival's"));
	assert_true(means("en", "to hire someone"));
	assert_true(means("en", "Hiring a designer"));
	assert_true(means("en", "an app"));
	assert_true(means("en", "a better website"));
	assert_true(means("en", "We need a new website"));
	assert_true(means("en", "we'd like more videos"));
	/* reasons, even those that start alike */
	assert_false(means("en", "more bookings"));
	assert_false(means("en", "a stable revenue stream"));
	assert_false(means("en", "an application process that is quicker"));
	assert_false(means("en", "happier customers"));
	assert_false(means("en", "we need money"));
	assert_false(means("en", "website"));
	assert_false(means("en", ""));
	/* another language's words are not English means */
	assert_false(means("en", "un nouveau site"));
	/* a language without a built-in list has none */
	assert_false(means("de", "a new website"));
	assert_false(means(NULL, "a new website"));
}

static void
test_means_fr(void **state)
{
	(void)state;
	assert_true(means("fr", "plus de publications"));
	assert_true(means("fr", "Plus de vidéos sur YouTube"));
	assert_true(means("fr", "plus d'abonnés"));
	assert_true(means("fr", "un nouveau site"));
	assert_true(means("fr", "Un site web"));
	assert_true(means("fr", "embaucher quelqu'un"));
	assert_true(means("fr", "Il nous faut une appli"));
	assert_true(means("fr", "pour avoir un nouveau logo"));
	assert_false(means("fr", "plus de réservations"));
	assert_false(means("fr", "des revenus stables"));
	assert_false(means("fr", "moins de stress"));
	assert_false(means("fr", "a new website"));
}

static void
test_means_tree(void **state)
{
	struct ladder_aids *a = ladder_aids_new("en");
	const char *const mine[] = { "a booking system", "un système de réservation" };

	(void)state;
	assert_false(ladder_aids_means(a, "A booking system online", NULL, 0));
	assert_true(ladder_aids_means(a, "A booking system online", mine, 2));
	assert_true(ladder_aids_means(a, "we need booking systems", (const char *const[]){
	    "booking systems" }, 1));
	/* a tree's means apply in every language of the call */
	assert_true(ladder_aids_means(a, "un système de réservation", mine, 2));
	/* only at the start, after a lead-in */
	assert_false(ladder_aids_means(a, "fewer calls than a booking system", mine, 2));
	ladder_aids_free(a);
}

/* The text of file with PO line breaks ("\"\n\"") joined and runs of
 * white space made one space, ASCII lower-cased (owned). */
static char *
folded_file(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = { 0 };
	char chunk[4096], *s, *o, *p;
	size_t n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	s = buf_take(&b);
	for (o = p = s; *p != '\0'; p++) {
		if (p[0] == '"' && p[1] == '\n' && p[2] == '"') {
			p += 2;
			continue;
		}
		if (isspace((unsigned char)*p)) {
			if (o > s && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = (char)tolower((unsigned char)*p);
	}
	*o = '\0';
	return s;
}

/* Checks that text (lower-cased) is in the folded file. */
static void
in_file(const char *folded, const char *file, const char *text)
{
	char *t = xstrdup(text), *p;

	for (p = t; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strstr(folded, t) == NULL)
		fail_msg("\"%s\" is no longer in %s: change tests/data/ladder-aids/examples",
		    text, file);
	free(t);
}

/* Runs one example ladder (request > rung > ...) through the detectors. */
static void
example(const char *top, const char *file, const char *lang, char *ladder)
{
	char *path = xasprintf("%s/%s", top, file);
	char *folded = folded_file(path);
	struct ladder_aids *a = ladder_aids_new(lang);
	const char *rungs[32];
	size_t n = 0, i;
	char *tok, *save = NULL;

	for (tok = strtok_r(ladder, ">", &save); tok != NULL && n < 32;
	    tok = strtok_r(NULL, ">", &save)) {
		char *t = str_trim(tok);

		in_file(folded, file, t);
		rungs[n++] = t;
	}
	assert_true(n >= 2);
	for (i = 1; i < n; i++) {
		if (ladder_aids_means(a, rungs[i], NULL, 0))
			fail_msg("%s: false means hint on \"%s\"", file, rungs[i]);
		if (ladder_aids_circle(a, rungs, i, rungs[i]) != 0)
			fail_msg("%s: false circle on \"%s\"", file, rungs[i]);
	}
	for (i = 0; i < n; i++)
		free((char *)rungs[i]);
	ladder_aids_free(a);
	free(folded);
	free(path);
}

static void
test_examples_raise_nothing(void **state)
{
	const char *top = getenv("top_srcdir");
	char *list, line[1024];
	FILE *f;
	size_t count = 0;

	(void)state;
	if (top == NULL)
		top = ".";
	list = xasprintf("%s/tests/data/ladder-aids/examples", top);
	f = fopen(list, "r");
	if (f == NULL)
		fail_msg("cannot open %s", list);
	while (fgets(line, sizeof line, f) != NULL) {
		char *file, *lang, *ladder, *save = NULL;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		file = strtok_r(line, "|", &save);
		lang = strtok_r(NULL, "|", &save);
		ladder = strtok_r(NULL, "|", &save);
		assert_non_null(ladder);
		example(top, file, lang, ladder);
		count++;
	}
	fclose(f);
	free(list);
	/* the list was read: the README's, both trees', both languages */
	assert_true(count >= 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_circle_en),
		cmocka_unit_test(test_circle_fr),
		cmocka_unit_test(test_means_en),
		cmocka_unit_test(test_means_fr),
		cmocka_unit_test(test_means_tree),
		cmocka_unit_test(test_examples_raise_nothing),
	};

	return cmocka_run_group_tests_name("ladder-aids", tests, NULL, NULL);
}
