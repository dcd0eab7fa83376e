/* brief-html.h: a brief as a standalone, print-friendly HTML5 page: the
 * default layout's HTML (brief_html), or a template's Markdown through
 * libcmark in safe mode (the only module that includes <cmark.h>): raw
 * HTML is left out and javascript:, vbscript:, file: and data: links are
 * emptied, whatever the Markdown holds. */
#ifndef WHYLINE_BRIEF_HTML_H
#define WHYLINE_BRIEF_HTML_H

/* The page for markdown (owned): title (plain text) is written as the
 * page's text is (brief_html_text: valid UTF-8, no control, escaped),
 * lang (a language code as "pt_BR"; NULL: none) becomes the lang
 * attribute. */
char *brief_html_page(const char *markdown, const char *title, const char *lang);
/* The same page around body, an HTML fragment (owned). */
char *brief_html_page_of(const char *body, const char *title, const char *lang);

#endif
