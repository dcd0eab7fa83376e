/* term.c: the interview on a terminal, with GNU readline (the only module
 * that includes it). It uses readline's callback interface under its own
 * wait (sig_wait, a pselect), so that Ctrl-C discards the line, SIGTERM and SIGHUP end the
 * wait, and a resize redraws. History stays in memory: no answer is ever
 * written to a history file. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "io.h"
#include "util.h"

struct term {
	struct io io;
	char *line;
	bool done;
	bool offered;		/* the line is the offered text, unedited */
	bool eof;		/* Ctrl-D on the offered text: the end of input */
	const struct io_read *req;
};

/* readline's callbacks take no argument: the read under way. */
static struct term *active;

static const char *const commands[] = {
	"/back", "/skip", "/note", "/goal", "/stuck", "/also", "/drop", "/help",
	"/progress", "/flags", "/show", "/lang", "/pause", NULL
};

/* Receives a finished line (NULL at end of input). */
static void
on_line(char *line)
{
	active->line = line;
	active->done = true;
	rl_callback_handler_remove();
}

/* True when the i-th word to complete is one before it in another case (a
 * label and a value "Time" and "time"): offered once. */
static bool
word_seen(size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (strcasecmp(active->req->words[k], active->req->words[i]) == 0)
			return true;
	return false;
}

/* Offers the completions of the word being typed (after the last comma,
 * in any case), one per call. */
static char *
complete_next(const char *text, int state)
{
	static size_t i;
	const char *t = text;
	size_t lead, len;

	while (*t == ' ')
		t++;
	lead = (size_t)(t - text);
	len = strlen(t);
	if (state == 0)
		i = 0;
	if (*t == '/' && rl_point == (int)(lead + len) && strchr(rl_line_buffer, ' ') == NULL) {
		while (commands[i] != NULL) {
			const char *c = commands[i++];

			if (strncmp(c, t, len) == 0)
				return xstrdup(c);
		}
		return NULL;
	}
	while (i < active->req->nwords) {
		const char *w = active->req->words[i++];

		if (strncasecmp(w, t, len) == 0 && !word_seen(i - 1))
			return xasprintf("%.*s%s", (int)lead, text, w);
	}
	return NULL;
}

/* Completes choices and commands, never file names; a space follows a
 * command (its text comes next), nothing a choice (readline sets the
 * space again before each completion). */
static char **
complete(const char *text, int start, int end)
{
	(void)start, (void)end;
	rl_attempted_completion_over = 1;
	rl_completion_append_character = text[strspn(text, " ")] == '/' ? ' ' : '\0';
	return rl_completion_matches(text, complete_next);
}

/* Puts the offered text on the line for editing. */
static int
prefill(void)
{
	if (active != NULL && active->req->edit != NULL) {
		rl_insert_text(active->req->edit);
		rl_point = rl_end;
		active->offered = true;
	}
	rl_startup_hook = NULL;
	return 0;
}

/* '/': typed over an offered answer the consultant has not edited, it
 * begins a command, so the offer gives way. */
static int
slash_key(int count, int key)
{
	if (active != NULL && active->offered && active->req->edit != NULL &&
	    strcmp(rl_line_buffer, active->req->edit) == 0) {
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
	}
	if (active != NULL)
		active->offered = false;
	return rl_insert(count, key);
}

/* Ctrl-D: on a line that is still exactly the offered answer, the end of
 * input (a pause), as on an empty line, where readline itself sees it;
 * elsewhere readline's delete-char. */
static int
eof_key(int count, int key)
{
	if (active != NULL && active->req->edit != NULL &&
	    strcmp(rl_line_buffer, active->req->edit) == 0) {
		active->eof = true;
		rl_done = 1;
		return 0;
	}
	return rl_delete(count, key);
}

/* Alt-Enter: ends the line, and says the answer goes on on the next. */
static int
newline_key(int count, int key)
{
	if (active != NULL)
		active->io.continues = true;
	return rl_newline(count, key);
}

/* Shows text above the prompt. */
static void
term_print(struct io *io, const char *text)
{
	(void)io;
	fputs(text, stdout);
	fflush(stdout);
}

/* Handles a signal that cut the wait short; returns true to stop. */
static bool
term_signal(void)
{
	int s = sig_take();

	if (sig_stop_requested()) {
		rl_callback_handler_remove();
		fputc('\n', stdout);
		return true;
	}
	if (s == SIGINT) {
		/* Ctrl-C: the line is discarded, the question stays. */
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
		fputs("^C\n", stdout);
		rl_on_new_line();
		rl_redisplay();
	} else if (s == SIGWINCH) {
		rl_resize_terminal();
	}
	return false;
}

/* A paste (bracketed, so not run line by line) may bring line breaks:
 * each becomes one space on a line that holds one, or one newline where
 * the answer may hold several (CR LF and CR as LF). */
static void
fold_breaks(char *line, bool lines)
{
	char *w = line;
	const char *c;

	for (c = line; *c != '\0'; c++) {
		if (*c == '\r' || *c == '\n') {
			*w++ = lines ? '\n' : ' ';
			if (c[0] == '\r' && c[1] == '\n')
				c++;
		} else {
			*w++ = *c;
		}
	}
	*w = '\0';
}

/* Reads one line with readline. */
static enum io_status
term_read(struct io *io, const struct io_read *r, char **line)
{
	struct term *t = (struct term *)io;
	char *prompt;

	if (sig_stop_requested())
		return IO_STOP;
	active = t;
	t->req = r;
	t->done = false;
	t->offered = false;
	t->eof = false;
	t->line = NULL;
	io->continues = false;
	prompt = io->color ? xasprintf("\001\033[1;36m\002%s\001\033[0m\002", r->prompt) :
	    xstrdup(r->prompt);
	rl_startup_hook = prefill;
	rl_callback_handler_install(prompt, on_line);
	while (!t->done) {
		enum sig_wait w = sig_wait(STDIN_FILENO);

		if (w == SIG_WAIT_ERROR) {
			rl_callback_handler_remove();
			free(prompt);
			return IO_ERROR;
		}
		if (w == SIG_WAIT_SIGNAL) {
			if (term_signal()) {
				free(prompt);
				return IO_STOP;
			}
			continue;
		}
		rl_callback_read_char();
		/* An offer edited (or moved away from) is no longer one. */
		if (!t->done && t->offered && (r->edit == NULL ||
		    strcmp(rl_line_buffer, r->edit) != 0))
			t->offered = false;
	}
	free(prompt);
	active = NULL;
	if (t->eof) {
		free(t->line);
		t->line = NULL;
	}
	if (t->line == NULL) {
		fputc('\n', stdout);
		return IO_EOF;
	}
	fold_breaks(t->line, r->lines);
	if (*t->line != '\0')
		add_history(t->line);
	*line = t->line;
	return IO_LINE;
}

/* The terminal's width, to fold long questions at spaces. */
static size_t
term_width(struct io *io)
{
	struct winsize ws;

	(void)io;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		return ws.ws_col - 1;
	return 0;
}

/* Frees the front end. */
static void
term_free(struct io *io)
{
	clear_history();
	free(io);
}

/* A readline front end on the terminal. */
struct io *
term_new(bool color)
{
	struct term *t = xcalloc(1, sizeof *t);

	rl_readline_name = "whyline";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = ",";
	/* What is typed is matched in any case, and so is what the matches
	 * share: "ti" with "Time" and "Tools" keeps its place. */
	rl_variable_bind("completion-ignore-case", "on");
	rl_bind_key('/', slash_key);
	rl_bind_key(4, eof_key);	/* Ctrl-D */
	rl_bind_keyseq("\\e\\r", newline_key);
	rl_bind_keyseq("\\e\\n", newline_key);
	using_history();
	t->io.print = term_print;
	t->io.read = term_read;
	t->io.free = term_free;
	t->io.width = term_width;
	t->io.color = color;
	t->io.interactive = true;
	return &t->io;
}
