/* atomic.h: replacing a file all at once, so that a reader (or a crash)
 * sees the old contents or the new, never half of them. */
#ifndef WHYLINE_ATOMIC_H
#define WHYLINE_ATOMIC_H

#include <stddef.h>

/* Writes len bytes of data to path: into a new temporary file in the same
 * folder, flushed to disk with fsync, renamed over path, and the folder
 * flushed too. A new file gets mode 0666 less the umask; a file replaced
 * keeps its mode; a symbolic link stays and the file it points to is
 * replaced. What is not a regular file (a FIFO, a terminal, a device) is
 * not replaced but written to, as it is. Returns 0, or -1 with *err
 * (owned) saying why; the temporary file is then removed. */
int atomic_write(const char *path, const char *data, size_t len, char **err);

#endif
