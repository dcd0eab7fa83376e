/* answer.c: answers by question type: parsing what is typed, the stored
 * value, the words shown back, and the value conditions see. */
#include "config.h"

#include "answer.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "i18n.h"
#include "jdoc.h"
#include "util.h"

/* A tree string in the interview's language. */
const char *
answer_tr(const struct answer_lang *lang, const char *s)
{
	if (lang == NULL || lang->tr == NULL || s == NULL)
		return s;
	return lang->tr(lang->arg, s);
}

/* Case-insensitive prefix test (ASCII letters fold; other bytes compare). */
static bool
prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Finds the choice a token names: its number, its value, its label, or a
 * unique prefix of a label. Returns the index or -1 with *why. */
static long
choice_resolve(const struct question *q, const char *token,
    const struct answer_lang *lang, char **why)
{
	char *end;
	long n = strtol(token, &end, 10), found = -1;
	size_t i, matches = 0;

	if (*token != '\0' && *end == '\0') {
		if (n >= 1 && (size_t)n <= q->vals->nchoices)
			return n - 1;
		if (question_choice(q, token) == NULL) {
			*why = xasprintf(_("there is no choice %ld: pick 1 to %zu"),
			    n, (size_t)q->vals->nchoices);
			return -1;
		}
	}
	for (i = 0; i < q->vals->nchoices; i++)
		if (strcmp(q->vals->choices[i].value.s, token) == 0)
			return (long)i;
	for (i = 0; i < q->vals->nchoices; i++)
		if (strcasecmp(q->vals->choices[i].value.s, token) == 0 ||
		    strcasecmp(answer_tr(lang, q->vals->choices[i].label.s), token) == 0 ||
		    strcasecmp(q->vals->choices[i].label.s, token) == 0)
			return (long)i;
	for (i = 0; i < q->vals->nchoices; i++)
		if (prefix_ci(answer_tr(lang, q->vals->choices[i].label.s), token) ||
		    prefix_ci(q->vals->choices[i].value.s, token)) {
			matches++;
			found = (long)i;
		}
	if (matches == 1)
		return found;
	if (matches > 1)
		*why = xasprintf(_("'%s' matches more than one choice: type more of it, or its number"),
		    token);
	else
		*why = xasprintf(_("'%s' is not one of the choices"), token);
	return -1;
}

/* Reads yes or no, in English or in the interview's language. */
char *
answer_yesno(const char *text, char **why)
{
	const char *yes = _("yes"), *no = _("no");

	if (strcasecmp(text, "y") == 0 || strcasecmp(text, "yes") == 0 ||
	    strcasecmp(text, "true") == 0 || strcasecmp(text, yes) == 0 ||
	    (strlen(text) == 1 && strncasecmp(text, yes, 1) == 0))
		return xstrdup("yes");
	if (strcasecmp(text, "n") == 0 || strcasecmp(text, "no") == 0 ||
	    strcasecmp(text, "false") == 0 || strcasecmp(text, no) == 0 ||
	    (strlen(text) == 1 && strncasecmp(text, no, 1) == 0))
		return xstrdup("no");
	*why = xasprintf(_("answer %s or %s"), yes, no);
	return NULL;
}

/* Formats a number in its shortest exact decimal form. */
static char *
number_text(double x)
{
	char tmp[64];
	int prec;

	if (x == floor(x) && fabs(x) < 1e15)
		return xasprintf("%.0f", x);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	return xstrdup(tmp);
}

/* Reads a decimal number within the question's bounds. */
static char *
parse_number(const struct question *q, const char *text, char **why)
{
	char *end;
	double x;

	x = strtod(text, &end);
	if (*text == '\0' || *end != '\0' || !isfinite(x) ||
	    strpbrk(text, "xXpP") != NULL) {
		*why = xasprintf(_("'%s' is not a number: write digits, with a point for decimals (1200 or 12.5)"),
		    text);
		return NULL;
	}
	if (q->integer && x != floor(x)) {
		*why = xstrdup(_("a whole number, please"));
		return NULL;
	}
	if (q->has_min && x < q->vals->min) {
		*why = xasprintf(_("at least %g, please"), q->vals->min);
		return NULL;
	}
	if (q->has_max && x > q->vals->max) {
		*why = xasprintf(_("at most %g, please"), q->vals->max);
		return NULL;
	}
	return number_text(x == 0 ? 0 : x);
}

/* The months' names, for dates in words. */
static const char *const month_names[] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December")
};

/* True when s is written YYYY-MM-DD (digits and two dashes), a real date
 * or not; its fields in y, m and d. */
static bool
date_fields(const char *s, int *y, int *m, int *d)
{
	int n = 0;

	return s != NULL && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) == 3 &&
	    n == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789") == 4 &&
	    strspn(s + 5, "0123456789") == 2 && strspn(s + 8, "0123456789") == 2;
}

/* The number of days of month m (1 to 12) of year y. */
static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* True when s is a real date written YYYY-MM-DD. */
bool
answer_date_valid(const char *s)
{
	int y, m, d;

	return date_fields(s, &y, &m, &d) && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Why s, not a real date, is refused: not written YYYY-MM-DD, or a day
 * the calendar does not have. */
static char *
date_refusal(const char *s)
{
	int y, m, d;

	if (!date_fields(s, &y, &m, &d))
		return xasprintf(_("'%s' is not a date: write it as YYYY-MM-DD, for example 2027-01-15"), s);
	if (m < 1 || m > 12)
		return xasprintf(_("'%s' is not a date: there is no month %02d (months go from 01 to 12)"),
		    s, m);
	/* TRANSLATORS: the date typed, then a month's name and its year,
	 * and how many days that month has: "February 2027 has 28 days". */
	return xasprintf(_("'%s' is not a date: %s %d has %d days"), s, _(month_names[m - 1]), y,
	    month_days(y, m));
}

/* Reads a next step, "WHAT; OWNER; YYYY-MM-DD" (the last two semicolons
 * part the fields, so WHAT may hold one), as the JSON array of the three. */
static char *
parse_action(const char *text, char **why)
{
	const char *f[3];
	char *copy = xstrdup(text), *owner, *due, *v = NULL;
	size_t i;

	due = strrchr(copy, ';');
	if (due != NULL) {
		*due++ = '\0';
		owner = strrchr(copy, ';');
	}
	if (due == NULL || owner == NULL) {
		*why = xstrdup(_("write the step, who does it and by when, separated by semicolons: Send the proposal; Ann; 2027-01-15"));
		goto out;
	}
	*owner++ = '\0';
	f[0] = copy, f[1] = owner, f[2] = due;
	for (i = 0; i < 3; i++) {
		char *t = str_trim(f[i]);

		memmove((char *)f[i], t, strlen(t) + 1);
		free(t);
	}
	if (*f[0] == '\0' || *f[1] == '\0')
		*why = xstrdup(_("a next step needs what is to be done and who does it"));
	else if (!answer_date_valid(f[2]))
		*why = date_refusal(f[2]);
	else
		v = jdoc_string_array(f, 3);
out:
	free(copy);
	return v;
}

/* Splits a stored next step into its three fields; false when value is
 * not one. */
bool
answer_action_fields(const char *value, char ***fields)
{
	long n = jdoc_parse_string_array(value, fields), i;

	if (n == 3)
		return true;
	for (i = 0; i < n; i++)
		free((*fields)[i]);
	if (n >= 0)
		free(*fields);
	*fields = NULL;
	return false;
}

/* Frees what answer_action_fields returned. */
void
answer_action_free(char **fields)
{
	if (fields == NULL)
		return;
	free(fields[0]);
	free(fields[1]);
	free(fields[2]);
	free(fields);
}

/* Reads a scale value: a whole number in range, or one of its labels. */
static char *
parse_scale(const struct question *q, const char *text,
    const struct answer_lang *lang, char **why)
{
	long lo = (long)question_min(q), hi = (long)question_max(q), v;
	char *end;
	size_t i;

	v = strtol(text, &end, 10);
	if (*text != '\0' && *end == '\0') {
		if (v >= lo && v <= hi)
			return xasprintf("%ld", v);
	} else {
		for (i = 0; i < q->x->nlabels; i++)
			if (strcasecmp(answer_tr(lang, q->x->labels[i].label.s), text) == 0 ||
			    strcasecmp(q->x->labels[i].label.s, text) == 0)
				return xasprintf("%ld", q->x->labels[i].value);
	}
	*why = xasprintf(_("a whole number from %ld to %ld, please"), lo, hi);
	return NULL;
}

/* Builds a multi answer from the chosen indexes, checking min and max. */
static char *
multi_value(const struct question *q, const bool *picked, char **why)
{
	const char **values = xcalloc(q->vals->nchoices, sizeof *values);
	size_t i, n = 0;
	char *json = NULL;

	for (i = 0; i < q->vals->nchoices; i++)
		if (picked[i])
			values[n++] = q->vals->choices[i].value.s;
	if (q->has_min && (double)n < q->vals->min)
		*why = xasprintf(_("pick at least %g"), q->vals->min);
	else if (q->has_max && (double)n > q->vals->max)
		*why = xasprintf(_("pick at most %g"), q->vals->max);
	else if (n == 0)
		*why = xstrdup(_("pick at least one, or /skip"));
	else
		json = jdoc_string_array(values, n);
	free(values);
	return json;
}

/* True when value is at most ANSWER_MAX_BYTES long. */
bool
answer_length_ok(const char *value, char **why)
{
	size_t n = strlen(value);

	if (n <= ANSWER_MAX_BYTES)
		return true;
	*why = xasprintf(_("the answer is %zu bytes long; an answer is at most %u bytes"),
	    n, (unsigned)ANSWER_MAX_BYTES);
	return false;
}

/* Reads a list of items (from an answers file) as a multi answer. */
char *
answer_parse_list(const struct question *q, const char *const *items,
    size_t n, const struct answer_lang *lang, char **why)
{
	bool *picked = xcalloc(q->vals->nchoices, sizeof *picked);
	char *value = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		char *token = str_trim(items[i]);
		long k;

		if (*token == '\0') {
			free(token);
			continue;
		}
		k = choice_resolve(q, token, lang, why);
		free(token);
		if (k < 0)
			goto out;
		picked[k] = true;
	}
	value = multi_value(q, picked, why);
out:
	free(picked);
	return value;
}

/* Reads a comma-separated multi answer. */
static char *
parse_multi(const struct question *q, const char *text,
    const struct answer_lang *lang, char **why)
{
	char *copy = xstrdup(text), *p, *save = NULL, *value;
	const char **items = NULL;
	size_t n = 0, cap = 0;

	for (p = strtok_r(copy, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
		xgrow(&items, &cap, n + 1, sizeof *items);
		items[n++] = p;
	}
	value = answer_parse_list(q, items, n, lang, why);
	free(items);
	free(copy);
	return value;
}

/* Reads typed text as an answer to q. */
char *
answer_parse(const struct question *q, const char *text,
    const struct answer_lang *lang, char **why)
{
	char *t = str_trim(text), *v = NULL;
	long k;

	if (*t == '\0') {
		*why = xstrdup(_("an answer is required"));
		goto out;
	}
	switch (q->type) {
	case QT_CHOICE:
		k = choice_resolve(q, t, lang, why);
		if (k >= 0)
			v = xstrdup(q->vals->choices[k].value.s);
		break;
	case QT_MULTI:
		v = parse_multi(q, t, lang, why);
		break;
	case QT_YESNO:
		v = answer_yesno(t, why);
		break;
	case QT_NUMBER:
		v = parse_number(q, t, why);
		break;
	case QT_SCALE:
		v = parse_scale(q, t, lang, why);
		break;
	case QT_NOTE:
		*why = xstrdup(_("this is a note: it takes no answer"));
		break;
	case QT_ACTION:
		v = parse_action(t, why);
		break;
	default:
		v = t;
		t = NULL;
	}
out:
	free(t);
	return v;
}

/* True when value could have come from answer_parse for q. */
bool
answer_stored_valid(const struct question *q, const char *value)
{
	char **items = NULL, *why = NULL, *again;
	long n, i;
	bool ok;

	switch (q->type) {
	case QT_CHOICE:
		return question_choice(q, value) != NULL;
	case QT_MULTI:
		n = jdoc_parse_string_array(value, &items);
		if (n < 0)
			return false;
		ok = true;
		for (i = 0; i < n; i++) {
			ok = ok && question_choice(q, items[i]) != NULL;
			free(items[i]);
		}
		free(items);
		return ok;
	case QT_NOTE:
	case QT_LADDER:
		return false;
	case QT_TEXT:
	case QT_PARAGRAPH:
		return true;
	case QT_ACTION:
		items = NULL;
		ok = answer_action_fields(value, &items) && *items[0] != '\0' &&
		    *items[1] != '\0' && answer_date_valid(items[2]);
		answer_action_free(items);
		return ok;
	default:
		again = answer_parse(q, value, NULL, &why);
		ok = again != NULL && strcmp(again, value) == 0;
		free(again);
		free(why);
		return ok;
	}
}

/* Joins the labels (or values, when labels is false) of a multi answer. */
static char *
multi_join(const struct question *q, const char *value,
    const struct answer_lang *lang, bool labels)
{
	char **items = NULL;
	long n = jdoc_parse_string_array(value, &items), i;
	struct buf b = { 0 };

	if (n < 0)
		return xstrdup(value);
	for (i = 0; i < n; i++) {
		const struct choice *c = question_choice(q, items[i]);

		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, labels && c != NULL ? answer_tr(lang, c->label.s) : items[i]);
		free(items[i]);
	}
	free(items);
	return buf_take(&b);
}

/* A next step as one line: "WHAT (OWNER, by DUE)", the date as stored or
 * as a person writes it; the value itself when it is not a next step. */
static char *
action_text(const char *value, bool written)
{
	char **f, *s, *due;

	if (!answer_action_fields(value, &f))
		return xstrdup(value);
	due = written ? answer_date_text(f[2]) : xstrdup(f[2]);
	/* TRANSLATORS: a next step: what, who does it, by when. */
	s = xasprintf(_("%s (%s, by %s)"), f[0], f[1], due);
	free(due);
	answer_action_free(f);
	return s;
}

/* The stored value as a person reads it. */
char *
answer_display(const struct question *q, const char *value,
    const struct answer_lang *lang)
{
	const struct choice *c;
	const char *label;

	switch (q->type) {
	case QT_CHOICE:
		c = question_choice(q, value);
		return xstrdup(c != NULL ? answer_tr(lang, c->label.s) : value);
	case QT_MULTI:
		return multi_join(q, value, lang, true);
	case QT_YESNO:
		return xstrdup(strcmp(value, "yes") == 0 ? _("yes") : _("no"));
	case QT_SCALE:
		label = question_scale_label(q, strtol(value, NULL, 10));
		if (label != NULL)
			return xasprintf("%s (%s)", value, answer_tr(lang, label));
		return xstrdup(value);
	case QT_ACTION:
		return action_text(value, false);
	default:
		return xstrdup(value);
	}
}

/* The stored value in a form answer_parse reads back. */
char *
answer_edit_text(const struct question *q, const char *value,
    const struct answer_lang *lang)
{
	char **f, *s;

	switch (q->type) {
	case QT_MULTI:
		return multi_join(q, value, lang, false);
	case QT_SCALE:
		return xstrdup(value);
	case QT_ACTION:
		if (!answer_action_fields(value, &f))
			return xstrdup(value);
		s = xasprintf("%s; %s; %s", f[0], f[1], f[2]);
		answer_action_free(f);
		return s;
	default:
		return answer_display(q, value, lang);
	}
}

/* The value conditions see. */
void
answer_cond_value(const struct question *q, const char *value,
    struct cond_value *v)
{
	double x;

	memset(v, 0, sizeof *v);
	if (value == NULL) {
		v->type = CV_NULL;
		return;
	}
	if (q->type == QT_NUMBER || q->type == QT_SCALE) {
		x = strtod(value, NULL);
		if (x == floor(x) && fabs(x) < 9e15) {
			v->type = CV_INT;
			v->i = (long long)x;
		} else {
			v->type = CV_REAL;
			v->r = x;
		}
		return;
	}
	v->type = CV_TEXT;
	v->s = value;
}

/* The words that complete an answer to q. */
size_t
answer_words(const struct question *q, const struct answer_lang *lang,
    const char **out, size_t max)
{
	size_t i, n = 0;

	switch (q->type) {
	case QT_CHOICE:
	case QT_MULTI:
		/* A multi's answer is cut at its commas: a label that holds
		 * one is completed by its value only. */
		for (i = 0; i < q->vals->nchoices && n < max; i++) {
			const char *label = answer_tr(lang, q->vals->choices[i].label.s);

			if (q->type == QT_CHOICE || strchr(label, ',') == NULL)
				out[n++] = label;
		}
		for (i = 0; i < q->vals->nchoices && n < max; i++)
			if (strcmp(q->vals->choices[i].value.s, q->vals->choices[i].label.s) != 0)
				out[n++] = q->vals->choices[i].value.s;
		break;
	case QT_YESNO:
		if (n < max)
			out[n++] = _("yes");
		if (n < max)
			out[n++] = _("no");
		break;
	case QT_SCALE:
		for (i = 0; i < q->x->nlabels && n < max; i++)
			out[n++] = answer_tr(lang, q->x->labels[i].label.s);
		break;
	default:
		break;
	}
	return n;
}

/* A date written YYYY-MM-DD as a person writes it ("15 January 2027"),
 * in the current language; other text is copied. */
char *
answer_date_text(const char *s)
{
	int y, m, d;

	if (!answer_date_valid(s) || sscanf(s, "%d-%d-%d", &y, &m, &d) != 3)
		return xstrdup(s);
	/* TRANSLATORS: a date: the day, the month's name, the year. */
	return xasprintf(_("%d %s %d"), d, _(month_names[m - 1]), y);
}

/* A stored number with the current language's separators: "250,000" or
 * "1,234.5" in English. */
static char *
number_written(const char *value)
{
	/* TRANSLATORS: the separator of thousands in numbers (French: a
	 * no-break space). */
	const char *thousands = _(",");
	/* TRANSLATORS: the decimal separator in numbers (French: a comma). */
	const char *point = _(".");
	const char *p = value, *dot;
	struct buf b = { 0 };
	size_t digits, i;

	if (*p == '-' || *p == '+')
		buf_putc(&b, *p++);
	for (digits = 0; isdigit((unsigned char)p[digits]); digits++)
		;
	dot = p + digits;
	if (digits == 0 || (*dot != '\0' && (*dot != '.' || strspn(dot + 1,
	    "0123456789") != strlen(dot + 1)))) {
		buf_free(&b);
		return xstrdup(value);	/* 1e+20 and the like: as stored */
	}
	for (i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			buf_puts(&b, thousands);
		buf_putc(&b, p[i]);
	}
	if (*dot == '.') {
		buf_puts(&b, point);
		buf_puts(&b, dot + 1);
	}
	return buf_take(&b);
}

/* The stored value as a person writes it in a document: Yes and No,
 * numbers with separators and their unit, dates in words, next steps in
 * a sentence; otherwise as answer_display shows it. */
char *
answer_written(const struct question *q, const char *value,
    const struct answer_lang *lang)
{
	char *n, *s;

	switch (q->type) {
	case QT_YESNO:
		return xstrdup(strcmp(value, "yes") == 0 ? _("Yes") : _("No"));
	case QT_NUMBER:
		n = number_written(value);
		if (q->x->unit.s == NULL)
			return n;
		/* TRANSLATORS: an amount and its unit, as in "250,000 EUR". */
		s = xasprintf(_("%s %s"), n, answer_tr(lang, q->x->unit.s));
		free(n);
		return s;
	case QT_TEXT:
		return answer_date_text(value);
	case QT_ACTION:
		return action_text(value, true);
	default:
		return answer_display(q, value, lang);
	}
}
