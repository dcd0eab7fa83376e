/* refusal.c: the words for the engine's refusals (see refusal.h). */
#include "config.h"

#include "refusal.h"

#include <string.h>

#include "i18n.h"
#include "util.h"

/* The message for a refusal that names no detail, or NULL. */
static const char *
refusal_plain(enum engine_why why)
{
	switch (why) {
	case ENGINE_WHY_COMPLETE:
		return _("the interview is complete");
	case ENGINE_WHY_REQUIRED:
		return _("an answer is required here");
	case ENGINE_WHY_INVALID:
		return _("this answer does not pass the question's check");
	case ENGINE_WHY_RUNG_REQUIRED:
		return _("type the client's reason, or /stuck if they cannot say");
	case ENGINE_WHY_RUNG_EMPTY:
		return _("type the client's reason, /stuck if they cannot say, or /skip");
	case ENGINE_WHY_NOT_MULTI:
		return _("a list answers only a question of type multi");
	case ENGINE_WHY_FIRST:
		return _("this is the first question");
	case ENGINE_WHY_SKIP_REQUIRED:
		return _("this question is required: it cannot be skipped");
	case ENGINE_WHY_LADDER_BEGUN:
		return _("the ladder has begun: /stuck ends this chain, /goal marks the goal");
	case ENGINE_WHY_NO_RUNG:
		return _("there is no reason yet to call the goal: type one, or /stuck");
	case ENGINE_WHY_ALSO_EMPTY:
		return _("/also needs the other reason, as in: /also to keep the staff busy in winter");
	case ENGINE_WHY_NOTE_EMPTY:
		return _("/note needs its text, as in: /note ask Sam for last year's numbers");
	case ENGINE_WHY_NO_QUESTION:
		return _("there is no question to attach a note to");
	case ENGINE_WHY_DROP_NOT_BACK:
		return _("/drop removes a reason you went back to: type /back first");
	default:
		return NULL;
	}
}

/* The message for a refusal: the detail itself when it is the message
 * (the answer checker's, the tree's `invalid`). */
char *
refusal_text(enum engine_why why, const char *detail)
{
	const char *plain;

	switch (why) {
	case ENGINE_WHY_ANSWER:
		return xstrdup(detail != NULL ? detail : "");
	case ENGINE_WHY_CHECK_ERROR:
		return xasprintf(_("the check of this question failed: %s"),
		    detail != NULL ? detail : "");
	case ENGINE_WHY_INVALID:
		if (detail != NULL)
			return xstrdup(detail);
		break;
	case ENGINE_WHY_NOT_LADDER:
		if (detail != NULL && strcmp(detail, "also") == 0)
			return xstrdup(_("/also is for a why ladder"));
		return xasprintf(_("/%s is for a why ladder"), detail != NULL ? detail : "");
	default:
		break;
	}
	plain = refusal_plain(why);
	return xstrdup(plain != NULL ? plain : "");
}

/* The message for the engine's last refusal. */
char *
refusal_last(const struct engine *e)
{
	const char *detail;
	enum engine_why why = engine_why(e, &detail);

	return refusal_text(why, detail);
}
