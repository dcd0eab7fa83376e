/* isotime.h: the store's UTC ISO 8601 times ("2024-05-01T09:30:00.123Z") read
 * once, and shown as a person reads them: in local time. */
#ifndef WHYLINE_ISOTIME_H
#define WHYLINE_ISOTIME_H

#include <stdbool.h>

#define ISOTIME_LEN 64

/* Parses a stored time, "YYYY-MM-DDTHH:MM:SS" with optional ".mmm" (what
 * follows is not read), into milliseconds since the epoch; returns false
 * when iso (NULL too) is not one. */
bool isotime_ms(const char *iso, long long *ms);

/* Writes iso in local time, "2024-05-01 11:30" (with ":00" seconds when
 * seconds), to out. A time that does not parse is copied cleaned for a
 * terminal (str_terminal) and cut to fit; NULL gives "". */
void isotime_local(const char *iso, bool seconds, char out[ISOTIME_LEN]);

/* Parts of a stored time, in local time. */
enum isotime_part {
	ISOTIME_DATE,		/* 2026-03-31 */
	ISOTIME_TIME,		/* 14:05 */
	ISOTIME_TIME_ZONE,		/* 14:05 CET */
	ISOTIME_ZONE		/* CET */
};
/* A part of a stored time (owned), or NULL when it cannot be read. */
char *isotime_format(const char *iso, enum isotime_part part);

#endif
