/* store-fault.c: a SQLite VFS that fails a chosen write or sync, for the
 * fault-injection tests (tests/cli/vfs-fault.sh). It wraps the default VFS
 * and is installed, as the default, only when WHYLINE_VFS_FAULT is set:
 *
 *   WHYLINE_VFS_FAULT=write:N    the Nth write fails, once (SQLITE_FULL, as
 *                                on a full disk)
 *   WHYLINE_VFS_FAULT=write:N+   the Nth write and every one after it
 *   WHYLINE_VFS_FAULT=sync:N     the Nth sync fails, once (SQLITE_IOERR_FSYNC)
 *   WHYLINE_VFS_FAULT=sync:N+    the Nth sync and every one after it
 *   WHYLINE_VFS_FAULT=count      nothing fails; at exit, the writes and syncs
 *                                made are printed on standard error
 *
 * Writes and syncs are counted across every file of the connection (the
 * database, its WAL and its shared memory are not written through xWrite). */
#include "config.h"

#include "store-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;	/* follows this struct in the same block */
};

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *real_vfs;
static unsigned long nwrites, nsyncs, fail_at;
static bool fail_sync, fail_after, counting;

/* True when this write (or sync) is the one to fail. */
static bool
fault_now(bool sync)
{
	unsigned long n = sync ? ++nsyncs : ++nwrites;

	if (fail_at == 0 || sync != fail_sync)
		return false;
	return n == fail_at || (fail_after && n > fail_at);
}

#define REAL(f) (((struct fault_file *)(f))->real)

static int
f_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods != NULL ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;

	return rc;
}

static int
f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}

static int
f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	if (fault_now(false))
		return SQLITE_FULL;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}

static int
f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int
f_sync(sqlite3_file *f, int flags)
{
	if (fault_now(true))
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
f_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int
f_lock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xLock(REAL(f), lock);
}

static int
f_unlock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}

static int
f_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int
f_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
f_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
f_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, p);
}

static int
f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void
f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int
f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}

static int
f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods fault_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock,
	f_unlock, f_check_lock, f_control, f_sector, f_device, f_shm_map,
	f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch
};

/* Opens through the default VFS, then wraps the file's methods. */
static int
f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
	struct fault_file *ff = (struct fault_file *)file;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	memset(ff->real, 0, (size_t)real_vfs->szOsFile);
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	/* The methods a file without its own (a failed open) must not be
	 * called: SQLite checks pMethods before xClose. */
	file->pMethods = ff->real->pMethods != NULL ? &fault_methods : NULL;
	return rc;
}

static int
f_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int
f_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
f_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *
f_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void
f_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*f_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void
f_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int
f_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int
f_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int
f_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int
f_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, msg);
}

static int
f_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

/* Prints the writes and syncs made. */
static void
fault_report(void)
{
	fprintf(stderr, "whyline: %lu writes, %lu syncs\n", nwrites, nsyncs);
}

/* Installs the VFS when WHYLINE_VFS_FAULT asks for it (once). */
void
store_fault_install(void)
{
	static bool done;
	const char *spec = getenv("WHYLINE_VFS_FAULT");
	char *end;

	if (done || spec == NULL || *spec == '\0')
		return;
	done = true;
	if (strcmp(spec, "count") == 0) {
		counting = true;
	} else if (strncmp(spec, "write:", 6) == 0 || strncmp(spec, "sync:", 5) == 0) {
		fail_sync = spec[0] == 's';
		fail_at = strtoul(strchr(spec, ':') + 1, &end, 10);
		fail_after = *end == '+';
	} else {
		return;
	}
	real_vfs = sqlite3_vfs_find(NULL);
	if (real_vfs == NULL)
		return;
	fault_vfs.iVersion = 2;
	fault_vfs.szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile;
	fault_vfs.mxPathname = real_vfs->mxPathname;
	fault_vfs.zName = "whyline-fault";
	fault_vfs.xOpen = f_open;
	fault_vfs.xDelete = f_delete;
	fault_vfs.xAccess = f_access;
	fault_vfs.xFullPathname = f_full_path;
	fault_vfs.xDlOpen = f_dlopen;
	fault_vfs.xDlError = f_dlerror;
	fault_vfs.xDlSym = f_dlsym;
	fault_vfs.xDlClose = f_dlclose;
	fault_vfs.xRandomness = f_random;
	fault_vfs.xSleep = f_sleep;
	fault_vfs.xCurrentTime = f_time;
	fault_vfs.xGetLastError = f_last_error;
	fault_vfs.xCurrentTimeInt64 = f_time64;
	if (sqlite3_vfs_register(&fault_vfs, 1) == SQLITE_OK && counting)
		atexit(fault_report);
}
