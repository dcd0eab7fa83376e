/* i18n.h: the gettext shorthands every module that speaks to people uses. */
#ifndef WHYLINE_I18N_H
#define WHYLINE_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
