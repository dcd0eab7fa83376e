/* io-plain.c: an interview over plain lines (a pipe, a file, --plain):
 * prompts and messages to stderr, nothing to stdout. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "util.h"

struct io_plain {
	struct io io;
	FILE *in;
	FILE *out;
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

/* Reads one line, without its newline. */
static enum io_status
plain_read(struct io *io, const struct io_read *r, char **line)
{
	struct io_plain *p = (struct io_plain *)io;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	if (sig_stop_requested())
		return IO_STOP;
	fputs(r->prompt, p->out);
	fflush(p->out);
	errno = 0;
	n = getline(&buf, &cap, p->in);
	if (n < 0) {
		free(buf);
		if (sig_stop_requested())
			return IO_STOP;
		if (ferror(p->in) && errno != 0 && errno != EINTR)
			return IO_ERROR;
		fputc('\n', p->out);
		return IO_EOF;
	}
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	if (p->echo) {
		fprintf(p->out, "%s\n", buf);
		fflush(p->out);
	}
	*line = buf;
	return IO_LINE;
}

/* Frees the front end (not its streams). */
static void
plain_free(struct io *io)
{
	free(io);
}

/* A plain front end over in and out. */
struct io *
io_plain_new(FILE *in, FILE *out, bool color)
{
	struct io_plain *p = xcalloc(1, sizeof *p);

	p->io.print = plain_print;
	p->io.read = plain_read;
	p->io.free = plain_free;
	p->io.color = color;
	p->io.interactive = false;
	p->in = in;
	p->out = out;
	p->echo = !isatty(fileno(in));
	return &p->io;
}
