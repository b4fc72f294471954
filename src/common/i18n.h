/* i18n.h - message translation for the module and the browser.
 *
 * Messages use the package's own text domain (dgettext): textdomain()
 * belongs to the host program, here the Python interpreter. */
#ifndef RC_I18N_H
#define RC_I18N_H

#if ENABLE_NLS
# include <libintl.h>
# define _(s) dgettext(PACKAGE, s)
#else
# define _(s) (s)
#endif
#define N_(s) (s)

#endif
