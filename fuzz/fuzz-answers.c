/* fuzz-answers.c: libFuzzer harness for the answers-file reader and the
 * replay: any bytes as an answers file (YAML or JSON) replayed against a
 * tree with every kind of question, a ladder, follow-ups, conditions and
 * flags, as `whyline run TREE --answers FILE` does before storing. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "engine.h"
#include "replay.h"
#include "tree.h"
#include "ydoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char tree_yaml[] =
    "whyline: 1\n"
    "id: fuzz\n"
    "title: Fuzz\n"
    "sections:\n"
    "  - id: request\n"
    "    title: The request\n"
    "    questions:\n"
    "      - {id: request, ask: What did the client ask for?, required: true}\n"
    "      - {id: why, type: ladder, from: request, ask: \"Why {{rung}}?\", depth: 3}\n"
    "  - id: context\n"
    "    title: Context\n"
    "    when: \"$request IS NOT NULL\"\n"
    "    questions:\n"
    "      - id: budget\n"
    "        type: choice\n"
    "        ask: How is the budget set?\n"
    "        choices: [fixed, results, unknown]\n"
    "        follow_up:\n"
    "          fixed:\n"
    "            - {id: amount, type: number, ask: How much?, min: 0, max: 1000000}\n"
    "      - {id: urgent, type: yesno, ask: Is it urgent?}\n"
    "      - {id: channels, type: multi, ask: Which channels?, choices: [web, print, radio]}\n"
    "      - {id: score, type: scale, ask: How sure?, min: 1, max: 5}\n"
    "      - {id: deadline, ask: By when?, validate: \"length($value) < 40\"}\n"
    "      - {id: later, ask: Later?, when: \"has($channels, 'web') AND $urgent = 'yes'\"}\n"
    "flags:\n"
    "  - {when: \"$budget = 'unknown'\", level: risk, say: Nobody knows the budget.}\n";

static struct tree *tree;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d = { 0 };
	struct ydoc *doc;
	const struct ynode *answers;
	struct engine *e;
	char *err = NULL;

	if (tree == NULL) {
		tree = tree_load_mem("fuzz-tree.yaml", tree_yaml, strlen(tree_yaml), &d);
		if (tree == NULL || d.nerrors > 0)
			abort();
		diags_free(&d);
		memset(&d, 0, sizeof d);
	}
	doc = ydoc_parse("answers.yaml", (const char *)data, size, &d);
	answers = doc != NULL ? replay_answers(doc, &d) : NULL;
	if (answers != NULL) {
		e = engine_new(tree, NULL, &err);
		if (e == NULL)
			abort();
		(void)replay_run(e, tree, answers, "answers.yaml", &d);
		engine_free(e);
	}
	ydoc_free(doc);
	diags_free(&d);
	return 0;
}
