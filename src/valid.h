/* valid.h: the shapes of values whyline stores and later uses as names,
 * paths or times: what a row from another database (merge, pull) must
 * hold before it is kept, and what a language may be before it names a
 * folder. */
#ifndef WHYLINE_VALID_H
#define WHYLINE_VALID_H

#include <stdbool.h>

/* The longest code, in bytes. */
#define CODE_MAX 40

/* True when s is a session id: a UUID, "8-4-4-4-12" hexadecimal digits. */
bool valid_uuid(const char *s);
/* True when s is a stored time: "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (UTC). */
bool valid_time(const char *s);
/* True when s is a language as gettext names one ("fr", "pt_BR",
 * "de_DE.UTF-8", "sr@latin"): a letter, then letters, digits and "_.@-",
 * with no "..": never a path. */
bool valid_lang(const char *s);
/* True when s is a SHA-256 as whyline writes it: 64 lowercase hex digits. */
bool valid_sha256(const char *s);
/* True when s can be a code: 1 to CODE_MAX bytes of UTF-8 with no space,
 * control character (str_control_len: bidirectional ones too) or comma,
 * not starting with '/'. */
bool valid_code(const char *s);

#endif
