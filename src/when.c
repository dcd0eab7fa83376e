/* when.c: stored UTC times in local time. */
#include "config.h"

#include "when.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Writes iso in local time. */
void
when_local(const char *iso, bool seconds, char out[WHEN_LEN])
{
	struct tm tm = { 0 };
	time_t t;
	int n = 0;

	out[0] = '\0';
	if (iso == NULL)
		return;
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 || n == 0) {
		snprintf(out, WHEN_LEN, "%s", iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (t == (time_t)-1 || localtime_r(&t, &tm) == NULL ||
	    strftime(out, WHEN_LEN, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M",
	    &tm) == 0)
		snprintf(out, WHEN_LEN, "%s", iso);
}
