/* map.h: the ladder map across calls (Reynolds and Gutman's means-end
 * analysis): the codes of the rungs of many ladders, the implication matrix
 * of direct and indirect links between them, and the request-to-goal paths.
 *
 * A ladder is added as its paths: one per chain, from the request (step 0)
 * down through the rungs the chain hangs from to the chain's last rung.
 * Uncoded steps are left out of a path and a code repeated next to itself
 * counts once. In a path a, b, c, the links a->b and b->c are direct and
 * a->c is indirect. Each link counts once per ladder, however many of its
 * chains share it, so a count is a number of ladders. */
#ifndef WHYLINE_MAP_H
#define WHYLINE_MAP_H

#include <stdbool.h>
#include <stddef.h>

/* One step of a path: a rung's code (NULL: uncoded) and its text. */
struct map_step {
	const char *code;
	const char *text;
};

/* One chain of a ladder, from the request: goal when it stopped at /goal. */
struct map_path {
	const struct map_step *steps;
	size_t n;
	bool goal;
};

/* A code of the map. */
struct map_code {
	char *code;
	size_t sessions;	/* sessions whose ladders hold it */
	size_t requests;	/* ladders where it is the request */
	size_t goals;		/* ladders where it ends a chain stopped at /goal */
	double level;		/* its mean depth (0: the request) */
	bool linked_to_goal;	/* on a chain that stopped at /goal */
	/* internal */
	double level_sum;
	size_t level_n;
	char *last_session;
	size_t last_ladder;
};

/* A quoted example of a path: the client and the rungs as said. */
struct map_quote {
	char *client;		/* may be NULL */
	char **rungs;
	size_t n;
};

/* A request-to-goal path of codes and the ladders that hold it. */
struct map_goal_path {
	size_t *codes;		/* indexes into the map's codes */
	size_t n;
	size_t count;
	struct map_quote quotes[3];
	size_t nquotes;
	char *key;		/* internal: the codes joined */
	size_t last_ladder;	/* internal */
};

struct map {
	struct map_code *codes;
	size_t ncodes, capcodes;
	unsigned *direct, *indirect;	/* ncodes x ncodes, by code index */
	size_t dim;			/* the matrices' side */
	struct map_goal_path *paths;
	size_t npaths, cappaths;
	size_t sessions, ladders;
	/* internal */
	char *last_session;
	struct hmap *index;	/* code -> index + 1 */
	struct hmap *pindex;	/* path key -> index + 1 */
	size_t ladder_no;
};

struct map *map_new(void);
void map_free(struct map *m);
/* Adds one ladder of session (its id; ladders of one session come
 * together) of client (NULL: none), as its paths. */
void map_add_ladder(struct map *m, const char *session, const char *client,
    const struct map_path *paths, size_t n);
/* Sorts the codes (by mean level, then name; the matrices and paths
 * follow) and the paths (most ladders first, then shorter, then by
 * codes). Call once, after the last map_add_ladder. */
void map_finish(struct map *m);
/* The index of code, or -1. */
long map_find(const struct map *m, const char *code);
/* The counts of links from code i to code j. */
unsigned map_direct(const struct map *m, size_t i, size_t j);
unsigned map_indirect(const struct map *m, size_t i, size_t j);

#endif
