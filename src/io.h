/* io.h: the two front ends of an interview, one interface: readline on a
 * terminal (term.c), plain lines otherwise (io-plain.c). */
#ifndef WHYLINE_IO_H
#define WHYLINE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum io_status {
	IO_LINE,	/* *line holds a line (owned) */
	IO_EOF,		/* end of input: pause */
	IO_STOP,	/* SIGTERM or SIGHUP: pause and leave */
	IO_ERROR
};

struct io_read {
	const char *prompt;		/* the input line's prompt, plain text */
	const char *edit;		/* text offered for editing, or NULL */
	const char *const *words;	/* words Tab completes */
	size_t nwords;
	bool lines;			/* the answer may hold line breaks (a
					 * paragraph); else a pasted one's are
					 * folded to spaces */
};

struct io {
	/* Shows text (it ends with a newline when it should). */
	void (*print)(struct io *io, const char *text);
	/* Reads one line. */
	enum io_status (*read)(struct io *io, const struct io_read *r, char **line);
	void (*free)(struct io *io);
	/* The width text is folded to; 0: not folded (plain lines). */
	size_t (*width)(struct io *io);
	bool color;
	bool interactive;	/* readline on a terminal */
	bool continues;		/* the last line read ended with Alt-Enter: the
				 * answer goes on on the next line */
};

/* Plain lines from in; prompts and messages to out. */
struct io *io_plain_new(FILE *in, FILE *out, bool color);
/* GNU readline on the terminal (stdin and stdout are terminals). */
struct io *term_new(bool color);

/* Catches SIGTERM and SIGHUP (and SIGINT when int_stops) so that a read
 * returns IO_STOP; SIGINT otherwise and SIGWINCH are noted for term.c. */
void sig_install(bool int_stops);
/* Takes the signal noted last (0: none). */
int sig_take(void);
/* True when SIGTERM or SIGHUP (or a stopping SIGINT) arrived. */
bool sig_stop_requested(void);

enum sig_wait {
	SIG_WAIT_READY,		/* the descriptor can be read */
	SIG_WAIT_SIGNAL,	/* a signal was noted: see sig_stop_requested, sig_take */
	SIG_WAIT_ERROR
};
/* Waits for fd to be readable, or for a signal, without the race of
 * checking the flags and then blocking. */
enum sig_wait sig_wait(int fd);

#endif
