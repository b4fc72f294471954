/* dotcmd.c - rendering with an external dot program (see dotcmd.h). */
#include <config.h>

#include "src/export/dotcmd.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "src/common/i18n.h"

#define STDERR_KEPT 2000

extern char **environ;

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Start exe with stdin from in_r, stderr to err_w, stdout to /dev/null. */
static int
spawn(const char *exe, char *const argv[], int in_r, int err_w, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	int rc;

	if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
		return rc;
	rc = posix_spawn_file_actions_adddup2(&fa, in_r, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, err_w, 2);
	if (rc == 0)
		rc = posix_spawnp(pid, exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* Keep the tail of what the program writes to stderr. */
static void
keep_tail(struct rc_buf *tail, const char *data, size_t n)
{
	rc_buf_append(tail, data, n);
	if (tail->len > 2 * STDERR_KEPT) {
		memmove(tail->data, tail->data + tail->len - STDERR_KEPT, STDERR_KEPT);
		tail->len = STDERR_KEPT;
	}
}

/* Feed dot to the program and read its stderr until both are done: with
 * poll, so that neither pipe can fill while we wait on the other.  A
 * program that exits without reading all of its input is not an error
 * here (its exit status says what happened). */
static void
pump(int *in_w, int *err_r, const char *dot, struct rc_buf *tail)
{
	size_t left = strlen(dot);
	char chunk[4096];

	while (*in_w >= 0 || *err_r >= 0) {
		struct pollfd p[2] = { { *in_w, POLLOUT, 0 }, { *err_r, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (*in_w >= 0 && p[0].revents) {
			ssize_t w = (p[0].revents & POLLOUT) ? write(*in_w, dot, left) : -1;
			if (w > 0) {
				dot += w;
				left -= (size_t)w;
			}
			if (left == 0 || (w < 0 && errno != EINTR && errno != EAGAIN))
				close_fd(in_w);
		}
		if (*err_r >= 0 && p[1].revents) {
			ssize_t r = read(*err_r, chunk, sizeof chunk);
			if (r > 0)
				keep_tail(tail, chunk, (size_t)r);
			else if (r == 0 || (errno != EINTR && errno != EAGAIN))
				close_fd(err_r);
		}
	}
	close_fd(in_w);
	close_fd(err_r);
}

/* Wait for pid; RC_DOTCMD_OK if it exited with 0, else the cause in err. */
static int
reap(pid_t pid, const char *exe, struct rc_buf *tail, struct rc_buf *err)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			rc_buf_printf(err, _("%s: %s"), exe, strerror(errno));
			return RC_DOTCMD_FAILED;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return RC_DOTCMD_OK;
	if (WIFEXITED(status))
		rc_buf_printf(err, _("%s exited with status %d"), exe, WEXITSTATUS(status));
	else
		rc_buf_printf(err, _("%s was killed by signal %d"), exe, WTERMSIG(status));
	const char *text = rc_buf_cstr(tail);
	if (text && *text) {
		size_t n = strlen(text);
		while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
			n--;
		rc_buf_puts(err, ": ");
		rc_buf_append(err, text, n);
	}
	return RC_DOTCMD_FAILED;
}

/* A write to a pipe whose reader is gone raises SIGPIPE: blocked in this
 * thread while we write, and a pending one taken, so that a program that
 * stops reading cannot kill the host (Python ignores SIGPIPE, an
 * embedding program might not). */
static void
take_sigpipe(const sigset_t *pipe_set)
{
	struct timespec now = { 0, 0 };
	sigset_t pending;

	if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE))
		sigtimedwait(pipe_set, NULL, &now);
}

int
rc_dotcmd_render(const char *exe, const char *dot, const char *format,
		 const char *path, struct rc_buf *err)
{
	struct rc_buf targ = RC_BUF_INIT, oarg = RC_BUF_INIT, tail = RC_BUF_INIT;
	int in[2] = { -1, -1 }, errp[2] = { -1, -1 }, rc;
	sigset_t pipe_set, old;
	pid_t pid;

	rc_buf_printf(&targ, "-T%s", format);
	rc_buf_printf(&oarg, "-o%s", path);
	if (rc_buf_cstr(&targ) == NULL || rc_buf_cstr(&oarg) == NULL) {
		rc_buf_puts(err, _("out of memory"));
		rc = RC_DOTCMD_START;
		goto out;
	}
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(errp, O_CLOEXEC) != 0) {
		rc_buf_printf(err, _("cannot run %s: %s"), exe, strerror(errno));
		rc = RC_DOTCMD_START;
		goto out;
	}
	char *argv[] = { (char *)exe, targ.data, oarg.data, NULL };
	int e = spawn(exe, argv, in[0], errp[1], &pid);
	close_fd(&in[0]);
	close_fd(&errp[1]);
	if (e != 0) {
		rc_buf_printf(err, _("cannot run %s: %s"), exe, strerror(e));
		rc = RC_DOTCMD_START;
		goto out;
	}
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	pump(&in[1], &errp[0], dot, &tail);
	take_sigpipe(&pipe_set);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	rc = reap(pid, exe, &tail, err);
out:
	close_fd(&in[0]);
	close_fd(&in[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	rc_buf_free(&targ);
	rc_buf_free(&oarg);
	rc_buf_free(&tail);
	return rc;
}
