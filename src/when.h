/* when.h: the store's UTC ISO 8601 times ("2024-05-01T09:30:00.123Z") as a
 * person reads them: in local time. */
#ifndef WHYLINE_WHEN_H
#define WHYLINE_WHEN_H

#include <stdbool.h>

#define WHEN_LEN 64

/* Writes iso in local time, "2024-05-01 11:30" (with ":00" seconds when
 * seconds), to out. A time that does not parse is copied as it is; NULL
 * gives "". */
void when_local(const char *iso, bool seconds, char out[WHEN_LEN]);

#endif
