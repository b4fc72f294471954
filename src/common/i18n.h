/* i18n.h - message translation for the module and the browser.
 *
 * Messages use the package's own text domain (dgettext): textdomain()
 * belongs to the host program, here the Python interpreter.  P_(singular,
 * plural, n) is the form for n (xgettext's keyword P_:1,2). */
#ifndef RC_I18N_H
#define RC_I18N_H

#if ENABLE_NLS
# include <libintl.h>
# define _(s) dgettext(PACKAGE, s)
# define P_(s, p, n) dngettext(PACKAGE, s, p, n)
#else
# define _(s) (s)
# define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
