/* atomic.c: write to a temporary file beside the target, fsync, rename over
 * the target, fsync the folder. */
#include "config.h"

#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* The folder path is in ("." when it has no slash); owned. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Creates a new temporary file for path in its folder; returns the open
 * descriptor and its name in *tmp (owned), or -1. */
static int
tmp_create(const char *path, char **tmp)
{
	const char *base = strrchr(path, '/');
	char *dir = dir_of(path);
	unsigned long seed = (unsigned long)getpid() ^ (unsigned long)time(NULL);
	int fd = -1, i;

	base = base != NULL ? base + 1 : path;
	for (i = 0; i < 100 && fd < 0; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		*tmp = xasprintf("%s/.%s.%06lx.tmp", dir, base, (seed >> 20) & 0xffffff);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0) {
			free(*tmp);
			*tmp = NULL;
			if (errno != EEXIST)
				break;
		}
	}
	free(dir);
	return fd;
}

/* Writes all of data to fd. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Flushes the folder of path, so that the rename is on disk. */
static int
dir_sync(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = -1;

	if (fd >= 0) {
		rc = fsync(fd);
		/* Some file systems cannot sync a folder; the data itself is. */
		if (rc < 0 && (errno == EINVAL || errno == EROFS))
			rc = 0;
		close(fd);
	}
	free(dir);
	return rc;
}

/* Writes data to something that is not a regular file (a FIFO, a
 * terminal, /dev/stdout): it cannot be replaced, only written to. */
static int
write_through(const char *path, const char *data, size_t len, char **err)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0 || write_all(fd, data, len) < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (close(fd) < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Replaces the regular file path (or creates it) through a temporary
 * file beside it, which gets mode (the file's, or -1 for a new file: 0666
 * less the umask). */
static int
replace(const char *path, const char *data, size_t len, int mode, char **err)
{
	char *tmp = NULL;
	int fd, saved;

	fd = tmp_create(path, &tmp);
	if (fd < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (write_all(fd, data, len) < 0 ||
	    (mode >= 0 && fchmod(fd, (mode_t)mode) < 0) ||
	    fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	tmp = NULL;
	if (dir_sync(path) < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
fail:
	saved = errno;
	*err = xasprintf("%s: %s", path, strerror(saved));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

/* Replaces path with data: the file a symbolic link points to, so the
 * link stays; a device or a FIFO is written to instead. */
int
atomic_write(const char *path, const char *data, size_t len, char **err)
{
	char *real = NULL;
	struct stat st;
	int rc, mode = -1;

	*err = NULL;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			*err = xasprintf("%s: %s", path, strerror(EISDIR));
			return -1;
		}
		if (!S_ISREG(st.st_mode))
			return write_through(path, data, len, err);
		mode = (int)(st.st_mode & 07777);
		real = realpath(path, NULL);
	}
	rc = replace(real != NULL ? real : path, data, len, mode, err);
	free(real);
	return rc;
}
