/* brief-html.c: a standalone HTML page around a brief's HTML, with a
 * small stylesheet of its own for the screen and for print, and a content
 * security policy that allows no script; a template's Markdown made HTML
 * with libcmark in safe mode. */
#include "config.h"

#include "brief-html.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "brief-md.h"
#include "buf.h"
#include "util.h"

static const char css[] =
	"body{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",sans-serif;"
	"color:#1a1a1a;background:#fff;margin:0}\n"
	"main{max-width:46rem;margin:2rem auto;padding:0 1.25rem}\n"
	"h1{font-size:1.7rem;line-height:1.25;margin:0 0 1rem}\n"
	"h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.2rem;"
	"border-bottom:1px solid #ccc}\n"
	"h3{font-size:1.05rem;margin:1.25rem 0 .5rem}\n"
	"p{margin:.5rem 0 .9rem}\n"
	"ul{padding-left:1.4rem}\n"
	"li{margin:.15rem 0}\n"
	"li>ul{margin:.15rem 0}\n"
	"blockquote{margin:.75rem 0;padding:.25rem 1rem;border-left:4px solid #999;"
	"color:#333;font-size:1.1rem}\n"
	"a{color:#0645ad}\n"
	"code{font-family:ui-monospace,monospace;font-size:.95em}\n"
	"@media print{body{font-size:11pt}main{max-width:none;margin:0;padding:0}"
	"h2{break-after:avoid}li,blockquote,p{break-inside:avoid}"
	"a{color:inherit;text-decoration:none}}\n";

/* Markdown as an HTML fragment, through cmark in safe mode (owned). */
static char *
brief_html_fragment(const char *markdown)
{
	/* cmark allocates with the C library's malloc: free() releases it. */
	char *html = cmark_markdown_to_html(markdown, strlen(markdown),
	    CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);

	return html != NULL ? html : xstrdup("");
}

/* Appends a language code as a lang attribute's value ("pt_BR" as
 * "pt-BR"), keeping only letters, digits and dashes. */
static void
html_lang(struct buf *out, const char *lang)
{
	const char *p;

	for (p = lang; *p != '\0' && *p != '.' && *p != '@'; p++) {
		if (*p == '_' || *p == '-')
			buf_putc(out, '-');
		else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9'))
			buf_putc(out, *p);
	}
}

/* The standalone page around an HTML fragment. */
char *
brief_html_page_of(const char *body, const char *title, const char *lang)
{
	struct buf out = { 0 };

	buf_puts(&out, "<!DOCTYPE html>\n<html");
	if (lang != NULL && *lang != '\0') {
		buf_puts(&out, " lang=\"");
		html_lang(&out, lang);
		buf_putc(&out, '"');
	}
	buf_puts(&out, ">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'; img-src https: data:\">\n"
	    "<meta name=\"generator\" content=\"" PACKAGE_STRING "\">\n<title>");
	/* As the page's text: valid UTF-8, no control, escaped. */
	brief_html_text(&out, title, BRIEF_JOIN_SPACE);
	buf_puts(&out, "</title>\n<style>\n");
	buf_puts(&out, css);
	buf_puts(&out, "</style>\n</head>\n<body>\n<main>\n");
	buf_puts(&out, body);
	buf_puts(&out, "</main>\n</body>\n</html>\n");
	return buf_take(&out);
}

/* The standalone page of a Markdown text. */
char *
brief_html_page(const char *markdown, const char *title, const char *lang)
{
	char *body = brief_html_fragment(markdown), *page;

	page = brief_html_page_of(body, title, lang);
	free(body);
	return page;
}
