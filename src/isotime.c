/* isotime.c: stored UTC times, parsed by hand (a brief reads one per stored
 * row), and shown in local time. */
#include "config.h"

#include "isotime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Reads n decimal digits at s into *v; false when one is not a digit. */
static bool
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian). */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parses "YYYY-MM-DDTHH:MM:SS[.mmm]Z" by hand rather than through sscanf
 * and timegm. */
bool
isotime_ms(const char *iso, long long *ms)
{
	int y, mo, d, h, mi, sec, frac = 0;

	if (iso == NULL || strlen(iso) < 19 || !digits(iso, 4, &y) || iso[4] != '-' ||
	    !digits(iso + 5, 2, &mo) || iso[7] != '-' || !digits(iso + 8, 2, &d) ||
	    iso[10] != 'T' || !digits(iso + 11, 2, &h) || iso[13] != ':' ||
	    !digits(iso + 14, 2, &mi) || iso[16] != ':' || !digits(iso + 17, 2, &sec))
		return false;
	if (iso[19] == '.' && !digits(iso + 20, 3, &frac))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return false;
	*ms = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000LL +
	    sec * 1000LL + frac;
	return true;
}

/* Reads iso into *tm, in local time; false when it cannot be read. */
static bool
isotime_tm(const char *iso, struct tm *tm)
{
	long long ms;
	time_t t;

	if (!isotime_ms(iso, &ms))
		return false;
	t = (time_t)(ms / 1000);
	return localtime_r(&t, tm) != NULL;
}

/* Writes iso in local time. */
void
isotime_local(const char *iso, bool seconds, char out[ISOTIME_LEN])
{
	struct tm tm;

	out[0] = '\0';
	if (iso == NULL)
		return;
	if (!isotime_tm(iso, &tm) ||
	    strftime(out, ISOTIME_LEN, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M",
	    &tm) == 0) {
		/* Not a time: any text a database could hold, cleaned. */
		char *c = str_terminal(iso, false);

		str_cut(c, ISOTIME_LEN - 1);
		strcpy(out, c);
		free(c);
	}
}

/* Formats a part of a stored time in local time. */
char *
isotime_format(const char *iso, enum isotime_part part)
{
	char out[ISOTIME_LEN];
	struct tm tm;
	size_t n = 0;

	if (!isotime_tm(iso, &tm))
		return NULL;
	switch (part) {
	case ISOTIME_DATE:
		n = strftime(out, sizeof out, "%Y-%m-%d", &tm);
		break;
	case ISOTIME_TIME:
		n = strftime(out, sizeof out, "%H:%M", &tm);
		break;
	case ISOTIME_TIME_ZONE:
		n = strftime(out, sizeof out, "%H:%M %Z", &tm);
		break;
	case ISOTIME_ZONE:
		n = strftime(out, sizeof out, "%Z", &tm);
		break;
	}
	return n > 0 ? xstrdup(out) : NULL;
}
