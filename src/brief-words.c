/* brief-words.c: the fixed words that every format of the brief shares:
 * a chain's stop, a flag level's title and the length of a call. */
#include "config.h"

#include "brief-words.h"

#include <string.h>

#include "i18n.h"
#include "util.h"

/* What a chain's stop says, after its last rung. */
const char *
brief_stop_text(const char *stop)
{
	if (stop == NULL)
		return _("not finished");
	if (strcmp(stop, "goal") == 0)
		return _("goal");
	if (strcmp(stop, "stuck") == 0)
		return _("stuck: the client could not go deeper");
	return _("stopped at the depth limit");
}

/* The title of a flag level, as the brief's flags are grouped. */
const char *
brief_level_title(enum flag_level l)
{
	switch (l) {
	case FLAG_RISK:
		return _("Risks");
	case FLAG_PREFERENCE:
		return _("Preferences");
	default:
		return _("Information");
	}
}

/* A length of time as a person says it. */
char *
brief_duration_text(long seconds)
{
	long m = seconds / 60;

	if (seconds < 60)
		return xstrdup(_("less than a minute"));
	if (m < 60)
		return xasprintf(ngettext("%ld minute", "%ld minutes", (unsigned long)m), m);
	/* TRANSLATORS: hours and minutes, as in "1 h 05 min". */
	return xasprintf(_("%ld h %02ld min"), m / 60, m % 60);
}
