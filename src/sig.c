/* sig.c: signals during an interview: SIGTERM and SIGHUP pause the session,
 * SIGINT discards the line being typed, SIGWINCH redraws. Handlers only
 * note the signal; reads see it when their wait is interrupted. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/select.h>

#include "io.h"

static volatile sig_atomic_t last_signal;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t int_stops;

/* Notes a signal. */
static void
on_signal(int sig)
{
	last_signal = sig;
	if (sig == SIGTERM || sig == SIGHUP || (sig == SIGINT && int_stops))
		stop_requested = 1;
}

static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGWINCH };

/* Installs the handlers, without SA_RESTART so that waits are cut short. */
void
sig_install(bool int_stop)
{
	struct sigaction sa;
	size_t i;

	int_stops = int_stop;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Takes the last signal noted. */
int
sig_take(void)
{
	int s = last_signal;

	last_signal = 0;
	return s;
}

/* True when a signal asked the session to pause. */
bool
sig_stop_requested(void)
{
	return stop_requested != 0;
}

/* Waits until fd can be read or one of our signals arrives. The signals are
 * blocked from the check to the wait, which unblocks them atomically, so
 * one that comes just before the wait still ends it. */
enum sig_wait
sig_wait(int fd)
{
	sigset_t block, old;
	enum sig_wait r = SIG_WAIT_SIGNAL;
	fd_set fds;
	size_t i;
	int rc;

	sigemptyset(&block);
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (stop_requested == 0 && last_signal == 0) {
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		rc = pselect(fd + 1, &fds, NULL, NULL, NULL, &old);
		if (rc > 0)
			r = SIG_WAIT_READY;
		else if (rc < 0 && errno != EINTR)
			r = SIG_WAIT_ERROR;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}
