/* interview-int.h: what the live interview's files share and nothing else
 * sees: the screen (interview-screen.c) for the loop (interview.c) and for
 * amending a finished call (amend.c), and reading an answer. */
#ifndef WHYLINE_INTERVIEW_INT_H
#define WHYLINE_INTERVIEW_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "interview.h"

/* Reads an answer to p: one line, or for a paragraph, lines up to an
 * empty one (on a terminal, while lines end with Alt-Enter). A paragraph
 * cut short is kept in *out, and *cut says what cut it (IO_LINE when
 * nothing did). */
enum io_status interview_read_answer(struct interview *iv, const struct prompt *p,
    char **out, enum io_status *cut);
/* Prints text as it is (format and arguments): callers clean untrusted
 * text with screen_clean, since the format's own escapes must go through.
 * On a terminal each line is folded at spaces to its width. */
void screen_say(struct interview *iv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same, not folded: for a line holding a command to copy. */
void screen_say_whole(struct interview *iv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A copy of untrusted text safe for the terminal (owned). */
char *screen_clean(const char *s);
/* True when q's text stays off a shared screen (--discreet, a private
 * question not shown with /show). */
bool screen_hidden(const struct interview *iv, const struct question *q);
/* How the screen names q (owned, cleaned): its label, else its text
 * (text: already filled and translated, or NULL to fill it); "a private
 * question" when it is kept off a shared screen. */
char *screen_question_name(const struct interview *iv, const struct question *q,
    const char *text);
/* Says which session goes on; shows the tree's title and intro. */
void screen_banner(struct interview *iv);
void screen_intro(struct interview *iv);
/* Shows a prompt: the notes not shown yet, the section heading when
 * new_section, the question, its choices. */
void screen_prompt(struct interview *iv, const struct prompt *p, bool new_section);
/* The notes before the prompt the screen has not shown; taking them as
 * shown without showing them (a resumed session showed them). */
size_t screen_notes_unshown(struct interview *iv, const struct prompt *p);
void screen_notes_take_as_shown(struct interview *iv, const struct prompt *p);
/* The flags the last event raised; /flags; /show (true when it revealed
 * the question: show the prompt again); /help; /progress. */
void screen_flags(struct interview *iv);
void screen_flag_list(struct interview *iv);
bool screen_reveal(struct interview *iv, const struct prompt *p);
void screen_help(struct interview *iv, const struct prompt *p);
void screen_progress(struct interview *iv);
/* Says why something was refused. */
void screen_refusal(struct interview *iv, const char *why);
/* The one line that says what an accepted event did (owned, or NULL),
 * worded before its records are stored; shown (and freed) after. */
char *screen_ack_words(struct interview *iv, const struct prompt *p, const char *cmd,
    const char *arg, size_t removed);
void screen_ack(struct interview *iv, char *said);
/* True when q's text stays off a shared screen (discreet, private, not
 * /show'n). */
/* Shows one line of a ladder's aids, folded to the width. */
void screen_aid(struct interview *iv, const char *text);

/* The ladder's live aids (interview-aids.c): what an accepted event at p
 * raises, worded before its records are stored (owned lines, or NULL;
 * *circle: a circle event's detail, owned, or NULL); showing them and
 * recording the circle (false: not stored, iv->error says why); the hint
 * under a chain's last why. */
char *aids_words(struct interview *iv, const struct prompt *p, char **circle);
bool aids_show(struct interview *iv, char *said, char *circle);
void aids_depth(struct interview *iv, const struct prompt *p);

#endif
