/* session.c - the terminal session (see session.h). */
#include <config.h>

#include "tui/session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

#include "src/common/i18n.h"

static const int saved_signals[RC_SESSION_NSIG] = {
	SIGINT, SIGTERM, SIGTSTP, SIGWINCH, SIGCONT
};

/* The handlers found when the session began, chained to from ours. */
static struct sigaction prev_winch, prev_cont;
static volatile sig_atomic_t resize_pending;

static void
chain(const struct sigaction *prev, int sig, siginfo_t *info, void *uc)
{
	if (prev->sa_flags & SA_SIGINFO) {
		if (prev->sa_sigaction)
			prev->sa_sigaction(sig, info, uc);
	} else if (prev->sa_handler != SIG_DFL &&
		   prev->sa_handler != SIG_IGN && prev->sa_handler) {
		prev->sa_handler(sig);
	}
}

static void
on_winch(int sig, siginfo_t *info, void *uc)
{
	int saved_errno = errno;

	resize_pending = 1;
	chain(&prev_winch, sig, info, uc);
	errno = saved_errno;
}

static void
on_cont(int sig, siginfo_t *info, void *uc)
{
	int saved_errno = errno;

	resize_pending = 1;
	chain(&prev_cont, sig, info, uc);
	errno = saved_errno;
}

int
rc_session_take_resize(void)
{
	if (!resize_pending)
		return 0;
	resize_pending = 0;
	return 1;
}

int
rc_session_check(struct rc_buf *err)
{
	const char *term = getenv("TERM");
	TERMINAL *old = cur_term, *mine;
	int errret = 0, ok;
	const char *cup;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		rc_buf_puts(err, _("the browser needs a terminal: standard input and output must both be a tty"));
		return -1;
	}
	if (term == NULL || *term == '\0') {
		rc_buf_puts(err, _("the browser needs a terminal: TERM is not set"));
		return -1;
	}
	if (strcmp(term, "dumb") == 0) {
		rc_buf_puts(err, _("the browser cannot draw on a dumb terminal (TERM=dumb)"));
		return -1;
	}
	ok = setupterm(term, STDOUT_FILENO, &errret) == OK;
	mine = cur_term;
	cup = ok ? tigetstr("cup") : NULL;
	if (mine != old) {
		set_curterm(old);
		del_curterm(mine);
	}
	if (!ok) {
		if (errret == 1)
			rc_buf_printf(err, _("terminal type '%s' is a hardcopy terminal"), term);
		else if (errret == 0)
			rc_buf_printf(err, _("terminal type '%s' is unknown to terminfo"), term);
		else
			rc_buf_puts(err, _("the terminfo database could not be found"));
		return -1;
	}
	if (cup == NULL || cup == (const char *)-1) {
		rc_buf_printf(err, _("terminal type '%s' cannot move the cursor"), term);
		return -1;
	}
	return 0;
}

static void
install(int sig, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO;   /* no SA_RESTART: wake wgetch up */
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static FILE *
dup_stream(int fd, const char *mode)
{
	int d = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	FILE *f;

	if (d < 0)
		return NULL;
	f = fdopen(d, mode);
	if (f == NULL)
		close(d);
	return f;
}

int
rc_session_enter(struct rc_session *t, struct rc_buf *err)
{
	int i;

	memset(t, 0, sizeof *t);
	t->prev_loc = (locale_t)0;
	fflush(stdout);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &t->saved) != 0) {
		rc_buf_printf(err, _("cannot read the terminal modes: %s"),
			      strerror(errno));
		return -1;
	}
	t->have_modes = 1;
	for (i = 0; i < RC_SESSION_NSIG; i++)
		sigaction(saved_signals[i], NULL, &t->old[i]);
	t->have_handlers = 1;
	prev_winch = t->old[3];
	prev_cont = t->old[4];
	resize_pending = 0;
	install(SIGWINCH, on_winch);
	install(SIGCONT, on_cont);

	/* Messages in the user's language, the rest of the locale as the
	 * host set it (LC_CTYPE decides how wide characters are drawn). */
	locale_t base = duplocale(LC_GLOBAL_LOCALE);

	if (base != (locale_t)0) {
		t->loc = newlocale(LC_MESSAGES_MASK, "", base);
		if (t->loc == (locale_t)0)
			freelocale(base);
		else
			t->prev_loc = uselocale(t->loc);
	}

	use_env(FALSE);
	use_tioctl(TRUE);
	t->in = dup_stream(STDIN_FILENO, "r");
	t->out = dup_stream(STDOUT_FILENO, "w");
	if (t->in == NULL || t->out == NULL) {
		rc_buf_printf(err, _("cannot duplicate the terminal: %s"),
			      strerror(errno));
		rc_session_leave(t);
		return -1;
	}
	t->scr = newterm(getenv("TERM"), t->out, t->in);
	if (t->scr == NULL) {
		rc_buf_puts(err, _("cannot start curses on this terminal"));
		rc_session_leave(t);
		return -1;
	}
	set_term(t->scr);
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	curs_set(0);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	wtimeout(stdscr, 150);
	return 0;
}

/* Without an alternate screen (TERM=linux) the last frame stays on the
 * terminal after endwin(): blank the key bar, where the cursor is left and
 * the shell's or the REPL's prompt comes back. */
static void
blank_key_bar_if_it_stays(void)
{
	const char *rmcup = tigetstr("rmcup");

	if (rmcup == NULL || rmcup == (const char *)-1 || *rmcup == '\0') {
		move(LINES - 1, 0);
		clrtoeol();
		refresh();
	}
}

void
rc_session_leave(struct rc_session *t)
{
	int i;

	if (t->scr) {
		blank_key_bar_if_it_stays();
		endwin();
		delscreen(t->scr);
		t->scr = NULL;
	}
	if (t->out) {
		fclose(t->out);
		t->out = NULL;
	}
	if (t->in) {
		fclose(t->in);
		t->in = NULL;
	}
	if (t->have_modes) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &t->saved);
		t->have_modes = 0;
	}
	if (t->have_handlers) {
		for (i = 0; i < RC_SESSION_NSIG; i++)
			sigaction(saved_signals[i], &t->old[i], NULL);
		t->have_handlers = 0;
	}
	if (t->loc != (locale_t)0) {
		uselocale(t->prev_loc ? t->prev_loc : LC_GLOBAL_LOCALE);
		freelocale(t->loc);
		t->loc = (locale_t)0;
	}
}

void
rc_session_suspend(struct rc_session *t)
{
	struct sigaction dfl, cur;
	sigset_t set, old;

	blank_key_bar_if_it_stays();
	endwin();
	tcsetattr(STDIN_FILENO, TCSADRAIN, &t->saved);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &cur);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	pthread_sigmask(SIG_UNBLOCK, &set, &old);
	raise(SIGTSTP);
	/* Stopped here until SIGCONT. */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	sigaction(SIGTSTP, &cur, NULL);
	reset_prog_mode();
	rc_session_apply_size();
	clearok(curscr, TRUE);
}

void
rc_session_apply_size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}
