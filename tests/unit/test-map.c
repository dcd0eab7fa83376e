/* test-map.c: the ladder map's counting rules (direct and indirect links,
 * uncoded rungs left out, a code repeated next to itself, each link once
 * per ladder, sessions counted once, goals and paths, the order of codes),
 * the content words and stems of stem.c, and the suggestion of a code. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "codes.h"
#include "map.h"
#include "stem.h"

/* The link counts from code a to code b, as "D/I". */
static void
assert_link(const struct map *m, const char *a, const char *b, unsigned d,
    unsigned i)
{
	long x = map_find(m, a), y = map_find(m, b);

	assert_true(x >= 0);
	assert_true(y >= 0);
	assert_int_equal(map_direct(m, (size_t)x, (size_t)y), d);
	assert_int_equal(map_indirect(m, (size_t)x, (size_t)y), i);
}

#define STEPS(...) ((const struct map_step[]){ __VA_ARGS__ })
#define NSTEPS(...) (sizeof (const struct map_step[]){ __VA_ARGS__ } / sizeof (struct map_step))
#define PATH(goal, ...) { STEPS(__VA_ARGS__), NSTEPS(__VA_ARGS__), goal }

static void
test_links(void **state)
{
	struct map *m = map_new();
	/* a > (uncoded) > b > b > c, goal */
	const struct map_path one[] = {
		PATH(true, { "a", "A" }, { NULL, "?" }, { "b", "B1" }, { "b", "B2" }, { "c", "C" }),
	};
	/* two chains sharing a > b: the shared links count once */
	const struct map_path two[] = {
		PATH(true, { "a", "A" }, { "b", "B" }, { "c", "C" }),
		PATH(false, { "a", "A" }, { "b", "B" }, { "d", "D" }),
	};
	size_t i;

	(void)state;
	map_add_ladder(m, "s1", "Ann", one, 1);
	map_add_ladder(m, "s2", "Ben", two, 2);
	map_add_ladder(m, "s2", "Ben", two, 1);	/* a second ladder of s2 */
	map_finish(m);
	assert_int_equal(m->sessions, 2);
	assert_int_equal(m->ladders, 3);
	assert_int_equal(m->ncodes, 4);
	assert_link(m, "a", "b", 3, 0);
	assert_link(m, "b", "c", 3, 0);
	assert_link(m, "a", "c", 0, 3);
	assert_link(m, "b", "d", 1, 0);
	assert_link(m, "a", "d", 0, 1);
	assert_link(m, "b", "b", 0, 0);
	assert_link(m, "c", "a", 0, 0);
	assert_link(m, "d", "c", 0, 0);
	/* codes by mean level: a 0, b 1.33 (2, 1, 1), d 2, c 2.67 (4, 2, 2) */
	assert_string_equal(m->codes[0].code, "a");
	assert_string_equal(m->codes[1].code, "b");
	assert_string_equal(m->codes[2].code, "d");
	assert_string_equal(m->codes[3].code, "c");
	i = (size_t)map_find(m, "a");
	assert_int_equal(m->codes[i].sessions, 2);
	assert_int_equal(m->codes[i].requests, 3);
	i = (size_t)map_find(m, "c");
	assert_int_equal(m->codes[i].goals, 3);
	assert_true(m->codes[i].linked_to_goal);
	assert_false(m->codes[map_find(m, "d")].linked_to_goal);
	/* one path a > b > c, in three ladders, quoted as said */
	assert_int_equal(m->npaths, 1);
	assert_int_equal(m->paths[0].count, 3);
	assert_int_equal(m->paths[0].n, 3);
	assert_int_equal(m->paths[0].nquotes, 3);
	assert_string_equal(m->paths[0].quotes[0].client, "Ann");
	assert_string_equal(m->paths[0].quotes[0].rungs[1], "B1");
	map_free(m);
}

static void
test_paths_order(void **state)
{
	struct map *m = map_new();
	const struct map_path x[] = { PATH(true, { "r", "" }, { "g", "" }) };
	const struct map_path y[] = { PATH(true, { "r", "" }, { "m", "" }, { "h", "" }) };
	const struct map_path stuck[] = { PATH(false, { "r", "" }, { "h", "" }) };
	const struct map_path open_end[] = { PATH(true, { "r", "" }, { NULL, "" }) };

	(void)state;
	map_add_ladder(m, "1", NULL, x, 1);
	map_add_ladder(m, "2", NULL, y, 1);
	map_add_ladder(m, "3", NULL, y, 1);
	map_add_ladder(m, "4", NULL, stuck, 1);
	map_add_ladder(m, "5", NULL, open_end, 1);
	map_finish(m);
	assert_int_equal(m->npaths, 2);
	assert_int_equal(m->paths[0].count, 2);
	assert_string_equal(m->codes[m->paths[0].codes[2]].code, "h");
	assert_int_equal(m->paths[1].count, 1);
	assert_null(m->paths[1].quotes[0].client);
	map_free(m);
}

static void
test_stems(void **state)
{
	struct stemmer *en = stem_new("en"), *fr = stem_new("fr"), *none = stem_new(NULL);
	char **w;
	size_t n;

	(void)state;
	n = stem_words(en, "The steadier INCOMES of our clients, and income!", &w);
	assert_int_equal(n, 3);
	assert_string_equal(w[0], "steadier");
	assert_string_equal(w[1], "incom");
	assert_string_equal(w[2], "client");
	stem_words_free(w, n);
	n = stem_words(fr, "Les clients fidèles d'une entreprise", &w);
	assert_int_equal(n, 3);
	assert_string_equal(w[0], "client");
	assert_string_equal(w[1], "fidel");
	assert_string_equal(w[2], "entrepris");
	stem_words_free(w, n);
	n = stem_words(none, "Les Clients", &w);
	assert_int_equal(n, 2);
	assert_string_equal(w[0], "les");
	assert_string_equal(w[1], "clients");
	stem_words_free(w, n);
	n = stem_words(en, "", &w);
	assert_int_equal(n, 0);
	stem_words_free(w, n);
	stem_free(en);
	stem_free(fr);
	stem_free(none);
}

static void
test_suggest(void **state)
{
	struct suggester *sg = suggester_new("en");

	(void)state;
	assert_null(suggester_best(sg, "anything"));
	suggester_add(sg, "revenue", "a stable revenue stream");
	suggester_add(sg, "bookings", "more bookings");
	suggester_add(sg, "bookings", "a fuller calendar of bookings");
	assert_string_equal(suggester_best(sg, "steady revenues"), "revenue");
	assert_string_equal(suggester_best(sg, "booking calendar"), "bookings");
	/* a tie (one word each): the code with more texts */
	assert_string_equal(suggester_best(sg, "revenue bookings"), "bookings");
	assert_null(suggester_best(sg, "the and of"));
	suggester_free(sg);
}

static void
test_code_names(void **state)
{
	(void)state;
	assert_true(valid_code("revenue"));
	assert_true(valid_code("revenu-stable"));
	assert_true(valid_code("sécurité"));
	assert_false(valid_code(""));
	assert_false(valid_code("two words"));
	assert_false(valid_code("a,b"));
	assert_false(valid_code("/skip"));
	assert_false(valid_code("tab\there"));
	assert_false(valid_code("12345678901234567890123456789012345678901"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_paths_order),
		cmocka_unit_test(test_stems),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_code_names),
	};

	return cmocka_run_group_tests_name("map", tests, NULL, NULL);
}
