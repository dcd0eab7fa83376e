/* valid.c: the shapes of stored values (see valid.h). */
#include "config.h"

#include "valid.h"

#include <string.h>

#include "isotime.h"
#include "util.h"

/* True when the n bytes at s are hexadecimal digits (lowercase only when
 * lower). */
static bool
hex(const char *s, size_t n, bool lower)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		    (!lower && s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

bool
valid_uuid(const char *s)
{
	return s != NULL && strlen(s) == 36 && hex(s, 8, false) && s[8] == '-' &&
	    hex(s + 9, 4, false) && s[13] == '-' && hex(s + 14, 4, false) &&
	    s[18] == '-' && hex(s + 19, 4, false) && s[23] == '-' &&
	    hex(s + 24, 12, false);
}

bool
valid_time(const char *s)
{
	long long ms;
	size_t n = s != NULL ? strlen(s) : 0;

	return (n == 20 || (n == 24 && s[19] == '.')) && s[n - 1] == 'Z' &&
	    isotime_ms(s, &ms);
}

bool
valid_lang(const char *s)
{
	const char *p;

	if (s == NULL || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) ||
	    strlen(s) > 64 || strstr(s, "..") != NULL)
		return false;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("_.@-", *p) != NULL))
			return false;
	return true;
}

bool
valid_sha256(const char *s)
{
	return s != NULL && strlen(s) == 64 && hex(s, 64, true);
}

bool
valid_code(const char *s)
{
	size_t n = strlen(s), len;
	unsigned long cp;

	if (n == 0 || n > CODE_MAX || *s == '/')
		return false;
	while (*s != '\0') {
		if ((len = str_char_len(s, &cp)) == 0 || cp <= ' ' || cp == ',' ||
		    str_control_len(s) > 0 || cp == 0xA0)
			return false;
		s += len;
	}
	return true;
}
