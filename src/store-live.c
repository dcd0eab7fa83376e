/* store-live.c: which sessions a whyline is running now. A call holds a
 * write lock (fcntl) on one byte of a side file beside the database,
 * DB-live, at an offset drawn from its session id, for as long as the
 * process lives: the kernel drops it when the process ends, a crash or a
 * kill -9 too, so a lock is never left behind. A second whyline that
 * would run the same session finds the byte locked and is refused. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "store-int.h"
#include "util.h"

/* The byte of the side file that stands for session id: FNV-1a of the id,
 * in a range wide enough that two sessions hardly ever share one. */
static off_t
live_offset(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id != '\0'; id++) {
		h ^= (unsigned char)*id;
		h *= 16777619u;
	}
	return (off_t)(h & 0x3fffffffu);
}

/* Marks session id as run by this process until it ends. */
enum store_status
store_live_take(struct store *s, const char *id)
{
	struct flock fl;
	char *path;

	store_ok(s);
	if (s->live_fd < 0) {
		path = xasprintf("%s-live", s->path);
		s->live_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (s->live_fd < 0) {
			store_failf(s, STORE_ERROR, "%s: %s", path, strerror(errno));
			free(path);
			return STORE_ERROR;
		}
		free(path);
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = live_offset(id);
	fl.l_len = 1;
	if (fcntl(s->live_fd, F_SETLK, &fl) == 0)
		return STORE_OK;
	if (errno != EACCES && errno != EAGAIN)
		return store_failf(s, STORE_ERROR, "%s-live: %s", s->path, strerror(errno));
	/* Who holds it, to name in the message (0 when it just ended). */
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = live_offset(id);
	fl.l_len = 1;
	if (fcntl(s->live_fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
		fl.l_pid = 0;
	return store_failf(s, STORE_BUSY, _("session %.8s is being run by another whyline "
	    "(process %ld): finish or pause it there first"), id, (long)fl.l_pid);
}
