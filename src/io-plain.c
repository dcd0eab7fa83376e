/* io-plain.c: an interview over plain lines (a pipe, a file, --plain):
 * prompts and messages to stderr, nothing to stdout. Input is read from the
 * descriptor with its own buffer, not stdio, so that a wait for a line can
 * be ended by SIGTERM or SIGHUP without a race (see sig_wait). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "io.h"
#include "util.h"

#define CHUNK 4096

struct io_plain {
	struct io io;
	int fd;
	FILE *out;
	struct buf pending;	/* read but not yet handed out */
	size_t start;		/* where the unread part of pending begins */
	bool eof;
	bool echo;		/* input is not a terminal: show what was read */
};

/* Shows text. */
static void
plain_print(struct io *io, const char *text)
{
	struct io_plain *p = (struct io_plain *)io;

	fputs(text, p->out);
	fflush(p->out);
}

/* Takes the next line (without its newline) from what was read, or the
 * rest at the end of input; NULL when a whole line is not there yet. *nul
 * says whether the line held a NUL byte (which would cut it short). */
static char *
take_line(struct io_plain *p, bool *nul)
{
	const char *s = p->pending.s != NULL ? p->pending.s + p->start : "";
	size_t avail = p->pending.len - p->start;
	const char *nl = memchr(s, '\n', avail);
	size_t n;
	char *line;

	if (nl == NULL && (!p->eof || avail == 0))
		return NULL;
	n = nl != NULL ? (size_t)(nl - s) : avail;
	*nul = memchr(s, '\0', n) != NULL;
	line = xstrndup(s, n);
	p->start += nl != NULL ? n + 1 : n;
	if (p->start == p->pending.len) {
		buf_reset(&p->pending);
		p->start = 0;
	}
	n = strlen(line);
	if (n > 0 && line[n - 1] == '\r')
		line[n - 1] = '\0';
	return line;
}

/* Reads more input, waiting for it; IO_LINE when something (or the end of
 * input) arrived. */
static enum io_status
fill(struct io_plain *p)
{
	char chunk[CHUNK];
	ssize_t n;

	for (;;) {
		switch (sig_wait(p->fd)) {
		case SIG_WAIT_ERROR:
			return IO_ERROR;
		case SIG_WAIT_SIGNAL:
			if (sig_stop_requested())
				return IO_STOP;
			(void)sig_take();
			continue;
		case SIG_WAIT_READY:
			break;
		}
		n = read(p->fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return IO_ERROR;
		if (n == 0)
			p->eof = true;
		else
			buf_add(&p->pending, chunk, (size_t)n);
		return IO_LINE;
	}
}

/* Reads one line, without its newline. */
static enum io_status
plain_read(struct io *io, const struct io_read *r, char **line)
{
	struct io_plain *p = (struct io_plain *)io;
	enum io_status st;
	bool nul = false;
	char *l;

	if (sig_stop_requested())
		return IO_STOP;
	fputs(r->prompt, p->out);
	fflush(p->out);
	while ((l = take_line(p, &nul)) == NULL || nul) {
		if (l != NULL) {
			/* Never an answer cut short at the NUL: refused whole,
			 * and the question asked again. */
			free(l);
			fprintf(p->out, "\n  %s\n%s", _("a line holding a NUL byte is "
			    "not an answer; it is not used"), r->prompt);
			fflush(p->out);
			continue;
		}
		if (p->eof || (st = fill(p)) != IO_LINE) {
			fputc('\n', p->out);
			fflush(p->out);
			return p->eof ? IO_EOF : st;
		}
	}
	if (p->echo) {
		/* What the prompt shows is cleaned; the answer is as read. */
		char *shown = str_terminal(l, true);

		fprintf(p->out, "%s\n", shown);
		fflush(p->out);
		free(shown);
	}
	*line = l;
	return IO_LINE;
}

/* Plain lines are not folded: a pipe has no width. */
static size_t
plain_width(struct io *io)
{
	(void)io;
	return 0;
}

/* Frees the front end (not its streams). */
static void
plain_free(struct io *io)
{
	struct io_plain *p = (struct io_plain *)io;

	buf_free(&p->pending);
	free(p);
}

/* A plain front end over in and out. */
struct io *
io_plain_new(FILE *in, FILE *out, bool color)
{
	struct io_plain *p = xcalloc(1, sizeof *p);

	p->io.print = plain_print;
	p->io.read = plain_read;
	p->io.free = plain_free;
	p->io.width = plain_width;
	p->io.color = color;
	p->io.interactive = false;
	p->fd = fileno(in);
	p->out = out;
	p->echo = !isatty(p->fd);
	return &p->io;
}
