/* attach.c - snapshot a running CPython process from outside, for
 * refcycle-browse --pid.
 *
 * Steps: check that the process exists, is Python and which version
 * (/proc/PID/exe and /proc/PID/maps); make a private directory (0700)
 * whose name is checked to hold only [A-Za-z0-9/._-], since it is the one
 * string pasted into code run in the target; run gdb in batch mode
 * (fork + execvp, an argv array, no shell) on a command file there; wait
 * for the snapshot file or an error file the snippet writes.
 *
 * The safe point.  In gdb's all-stop mode an inferior function call
 * resumes the other threads while it runs (scheduler-locking off), so a
 * call that waits for the GIL gets it when its holder lets it go at an
 * eval-loop boundary.  The call is made in the main thread (gdb's
 * thread 1):
 *  - if it does not hold the GIL (PyGILState_Check() == 0: it is blocked
 *    in sleep, I/O, a lock, or waiting for the GIL), PyGILState_Ensure(),
 *    PyRun_SimpleString(snippet), PyGILState_Release(): the snapshot is
 *    taken before gdb detaches;
 *  - if it holds the GIL (running bytecode), calling into it would run
 *    Python code in the middle of whatever C it is in: instead
 *    Py_AddPendingCall(PyRun_SimpleString, a copy of the snippet) and
 *    detach; the eval loop runs pending calls in the main thread at its
 *    next safe point, and we wait for the file.
 * Past the timeout: if gdb is still attaching or in a short call, it gets
 * SIGINT (with unwindonsignal it restores the thread as it was before the
 * call, the command file stops at that error, and gdb detaches as it
 * quits); if it is still there 5 seconds later it is killed, and the
 * target, if the kernel left it stopped, gets SIGCONT.  But once gdb
 * waits in PyGILState_Ensure it is left to finish (see wait_child): the
 * target runs meanwhile, and the snippet, finding the directory gone,
 * does nothing.  Only processes of our own user: the target writes into
 * our directory.
 *
 * Python 3.14 offers sys.remote_exec(pid, script), which runs a script
 * in the target at its next safe point without a debugger.  This module
 * recognises such a version but still uses gdb, which works there too:
 * no interpreter here has remote_exec to test that path with. */
#include <config.h>

#include "src/attach/attach.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "src/attach/gdbscript.h"
#include "src/attach/proc.h"
#include "src/common/clock.h"
#include "src/common/file.h"
#include "src/common/i18n.h"

/* After SIGINT, how long gdb gets to detach before it is killed. */
#define GRACE_SECONDS 5.0

#define SNAP_NAME "heap.rcsnap"

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A private directory: $TMPDIR (if its name is plain) or /tmp, mode
 * 0700, its name only [A-Za-z0-9/._-] (checked: it is pasted into code).
 * Malloc'ed, or NULL with the message in err. */
static char *
make_private_dir(struct rc_buf *err)
{
	const char *bases[] = {getenv("TMPDIR"), "/tmp"};
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		const char *base = bases[i];
		if (base == NULL || base[0] != '/' || strlen(base) > 200)
			continue;
		struct rc_buf b = RC_BUF_INIT;
		rc_buf_printf(&b, "%s/refcycle-attach-XXXXXX", base);
		if (rc_buf_cstr(&b) == NULL)
			break;
		if (strspn(b.data, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789/._-") != b.len) {
			rc_buf_free(&b);
			continue;
		}
		if (mkdtemp(b.data) != NULL)
			return b.data;
		rc_buf_printf(err, _("cannot create a private directory in %s: %s"), base,
			      strerror(errno));
		rc_buf_free(&b);
		return NULL;
	}
	rc_buf_puts(err, _("cannot create a private directory: no usable temporary directory"));
	return NULL;
}

/* Run argv with stdout and stderr to log, in its own process group, the
 * C locale (its messages are parsed).  Its pid, or -1 with the cause in
 * err (exec failures included, through a close-on-exec pipe). */
static pid_t
spawn(char *const argv[], const char *log, struct rc_buf *err)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0) {
		rc_buf_printf(err, "pipe: %s", strerror(errno));
		return -1;
	}
	pid_t child = fork();
	if (child < 0) {
		rc_buf_printf(err, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (child == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd >= 0 && null >= 0) {
			dup2(null, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		setpgid(0, 0);
		setenv("LC_ALL", "C", 1);
		unsetenv("LANGUAGE");
		execvp(argv[0], argv);
		int e = errno;
		if (write(fds[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	int e = 0;
	ssize_t n;
	while ((n = read(fds[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	if (n == (ssize_t)sizeof e) {
		waitpid(child, NULL, 0);
		rc_buf_printf(err, _("cannot run the debugger %s: %s.\n"), argv[0], strerror(e));
		rc_buf_puts(err, _("refcycle-browse --pid needs gdb: install it (Debian and Ubuntu: "
				   "'sudo apt install gdb'), or name it with REFCYCLE_GDB"));
		return -1;
	}
	return child;
}

/* Whether the attach is to stop before its deadline. */
static int
stopped(volatile sig_atomic_t *stop)
{
	return stop != NULL && *stop != 0;
}

static void
tell_phase(const struct rc_attach_opts *opts, enum rc_attach_phase phase)
{
	if (opts->phase != NULL)
		opts->phase(opts->phase_ctx, phase);
}

/* Wait for gdb until deadline (or a stop).  Then, if it is waiting in
 * PyGILState_Ensure (its log says "calling", not yet "ran"), leave it
 * be: interrupting that call crashed targets (it unwinds a thread out of
 * a condition variable wait), while left alone gdb gets the GIL when its
 * holder lets it go, finds the directory gone, and detaches.  *late = 2
 * then.  Otherwise SIGINT it (it stops what it is doing and detaches as
 * it quits), and kill it if it is still there later; *late = 1.  Its
 * wait status. */
static int
wait_child(pid_t child, double deadline, volatile sig_atomic_t *stop, const char *logpath,
	   int *late)
{
	int status = 0, signalled = 0;
	double kill_at = 0;

	*late = 0;
	for (;;) {
		pid_t r = waitpid(child, &status, WNOHANG);
		if (r == child || (r < 0 && errno != EINTR))
			return status;
		double t = rc_clock_seconds();
		if (!signalled && (t >= deadline || stopped(stop))) {
			struct rc_buf log = RC_BUF_INIT;
			int calling = rc_proc_read_file(logpath, &log) == 0 &&
				      strstr(log.data, "refcycle-attach: calling") != NULL &&
				      strstr(log.data, "refcycle-attach: ran") == NULL;
			rc_buf_free(&log);
			if (calling) {
				*late = 2;
				return 0;
			}
			*late = 1;
			kill(child, SIGINT);
			signalled = 1;
			kill_at = t + GRACE_SECONDS;
		} else if (signalled == 1 && t >= kill_at) {
			kill(-child, SIGKILL);
			kill(child, SIGKILL);
			signalled = 2;
		}
		sleep_ms(10);
	}
}

static int
exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The snippet's error file: "error\nexecutable\nversion..." as a
 * message. */
static void
report_target_error(pid_t pid, const char *exe, const char *version, const char *errpath,
		    struct rc_buf *err)
{
	struct rc_buf text = RC_BUF_INIT;
	if (rc_proc_read_file(errpath, &text) < 0) {
		rc_buf_printf(err, _("taking the snapshot in process %ld failed"), (long)pid);
		rc_buf_free(&text);
		return;
	}
	char *what = text.data, *interp = strchr(what, '\n'), *pyver = NULL;
	if (interp != NULL) {
		*interp++ = '\0';
		pyver = strchr(interp, '\n');
		if (pyver != NULL) {
			*pyver++ = '\0';
			pyver[strcspn(pyver, "\n")] = '\0';
		}
	}
	if (interp == NULL || interp[0] == '\0')
		interp = (char *)exe;
	if (pyver == NULL || pyver[0] == '\0')
		pyver = (char *)version;
	if (strncmp(what, "ModuleNotFoundError", 19) == 0 || strncmp(what, "ImportError", 11) == 0) {
		rc_buf_printf(err, _("refcycle cannot be imported by the interpreter of process %ld, "
				     "%s (Python %s): %s.\n"), (long)pid, interp, pyver, what);
		rc_buf_printf(err, _("Install refcycle for that interpreter: '%s -m pip install "
				     "refcycle', or from refcycle's sources './configure PYTHON=%s "
				     "&& make && make install' (README, \"Building by hand\"); or put "
				     "it on the process's PYTHONPATH when starting it."), interp, interp);
	} else {
		rc_buf_printf(err, _("taking the snapshot in process %ld (%s, Python %s) failed: %s"),
			      (long)pid, interp, pyver, what);
	}
	rc_buf_free(&text);
}

/* Explain a gdb run that did not get to run the snippet. */
static void
report_gdb_failure(pid_t pid, const char *gdb, int status, const char *log, struct rc_buf *err)
{
	if (strstr(log, "ptrace: Operation not permitted") != NULL) {
		rc_proc_ptrace_refused(pid, err);
		return;
	}
	if (strstr(log, "ptrace: No such process") != NULL) {
		rc_buf_printf(err, _("no process has id %ld"), (long)pid);
		return;
	}
	if (strstr(log, "No symbol \"Py") != NULL || strstr(log, "No symbol table") != NULL) {
		rc_buf_printf(err, _("process %ld does not export Python's C API "
				     "(PyGILState_Ensure...): is it a Python program?"), (long)pid);
		return;
	}
	rc_buf_printf(err, _("the debugger %s failed (exit status %d); its output ends:\n"), gdb,
		      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	/* The last lines, at most about 800 bytes. */
	size_t len = strlen(log);
	const char *tail = len > 800 ? log + len - 800 : log;
	rc_buf_puts(err, tail);
	while (err->len > 0 && err->data[err->len - 1] == '\n')
		err->data[--err->len] = '\0';
}

static void
busy(pid_t pid, double timeout, struct rc_buf *err)
{
	rc_buf_printf(err, _("process %ld did not reach a safe point within %g seconds (a thread "
			     "holds the GIL in C code and does not let it go, or the process "
			     "is stopped): no snapshot taken.  Try again, or with a longer "
			     "--timeout."), (long)pid, timeout);
}

/* Remove dir and the files in it (it holds no subdirectory). */
static void
remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d != NULL) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			struct rc_buf p = RC_BUF_INIT;
			rc_buf_printf(&p, "%s/%s", dir, e->d_name);
			if (rc_buf_cstr(&p) != NULL)
				unlink(p.data);
			rc_buf_free(&p);
		}
		closedir(d);
	}
	rmdir(dir);
}

void
rc_attach_cleanup(struct rc_attach_result *result)
{
	if (result->dir != NULL)
		remove_dir(result->dir);
	free(result->dir);
	free(result->path);
	result->dir = result->path = NULL;
}

/* One attach, phase by phase: each phase returns 0, or -1 with the
 * user's message in err. */
struct attach_run {
	const struct rc_attach_opts *opts;
	struct rc_attach_result *result;
	struct rc_buf *err;
	double start, deadline;
	const char *gdb;
	struct rc_buf exe, cmdfile, logfile, errpath, debugdir, log;
	pid_t child;            /* the debugger */
	int status;             /* its wait status */
	int late;               /* wait_child's verdict */
	int pending;            /* the snippet waits for a safe point */
};

static void
attach_run_free(struct attach_run *run)
{
	rc_buf_free(&run->exe);
	rc_buf_free(&run->cmdfile);
	rc_buf_free(&run->logfile);
	rc_buf_free(&run->errpath);
	rc_buf_free(&run->debugdir);
	rc_buf_free(&run->log);
}

static const char *
pick_debugger(const struct rc_attach_opts *opts)
{
	const char *gdb = opts->debugger;

	if (gdb == NULL || gdb[0] == '\0')
		gdb = getenv("REFCYCLE_GDB");
	if (gdb == NULL || gdb[0] == '\0')
		gdb = "gdb";
	return gdb;
}

/* A process we may attach to: not ourselves, a CPython, and ours. */
static int
check_target(struct attach_run *run)
{
	const pid_t pid = run->opts->pid;

	if (pid <= 0 || pid == getpid()) {
		rc_buf_printf(run->err, _("cannot attach to process %ld"), (long)pid);
		return -1;
	}
	if (rc_proc_find_python(pid, &run->exe, run->result->version,
				sizeof run->result->version, run->err) < 0)
		return -1;
	/* Only the same user: the target writes into our private directory,
	 * and a directory another user could write to would let that user
	 * change the commands gdb runs (as root, say). */
	uid_t uid;
	gid_t gid;
	if (rc_proc_ids(pid, &uid, &gid) == 0 && uid != geteuid()) {
		rc_buf_printf(run->err, _("process %ld belongs to another user (uid %lu): run "
					  "refcycle-browse as that user (sudo -u '#%lu' refcycle-browse "
					  "--pid %ld)"), (long)pid, (unsigned long)uid, (unsigned long)uid,
			      (long)pid);
		return -1;
	}
	return 0;
}

/* The private directory, the names in it, and gdb's command file. */
static int
prepare_files(struct attach_run *run)
{
	struct rc_attach_result *result = run->result;
	struct rc_buf path = RC_BUF_INIT, cmds = RC_BUF_INIT;

	if ((result->dir = make_private_dir(run->err)) == NULL)
		return -1;
	rc_buf_printf(&path, "%s/" SNAP_NAME, result->dir);
	rc_buf_printf(&run->errpath, "%s/" SNAP_NAME ".error", result->dir);
	rc_buf_printf(&run->cmdfile, "%s/gdb.cmd", result->dir);
	rc_buf_printf(&run->logfile, "%s/gdb.log", result->dir);
	rc_buf_printf(&run->debugdir, "set debug-file-directory %s", result->dir);
	rc_gdbscript_commands(&cmds, path.data != NULL ? path.data : "");
	result->path = path.data;
	if (result->path == NULL || rc_buf_cstr(&cmds) == NULL || rc_buf_cstr(&run->errpath) == NULL ||
	    rc_buf_cstr(&run->cmdfile) == NULL || rc_buf_cstr(&run->logfile) == NULL ||
	    rc_buf_cstr(&run->debugdir) == NULL) {
		rc_buf_free(&cmds);
		rc_buf_puts(run->err, _("out of memory"));
		return -1;
	}
	/* The directory is 0700: the command file's mode is a second fence. */
	int fd = open(run->cmdfile.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	int ok = fd >= 0 && write(fd, cmds.data, cmds.len) == (ssize_t)cmds.len;
	if (!ok)
		rc_buf_printf(run->err, "%s: %s", run->cmdfile.data, strerror(errno));
	if (fd >= 0)
		close(fd);
	rc_buf_free(&cmds);
	return ok ? 0 : -1;
}

/* Run gdb on the target until it is done or the deadline passes; read
 * what it said.  The target is never left stopped by us. */
static int
run_debugger(struct attach_run *run)
{
	const pid_t pid = run->opts->pid;
	char pidarg[32];

	snprintf(pidarg, sizeof pidarg, "%ld", (long)pid);
	char *argv[] = {
		(char *)run->gdb, "-nx", "--batch",
		"-iex", "set auto-load off",
		"-iex", "set debuginfod enabled off",
		/* Dynamic symbols are enough; reading separate debug info
		 * (python3-dbg, libc6-dbg) took seconds. */
		"-iex", run->debugdir.data,
		"-p", pidarg,
		"-x", run->cmdfile.data,
		NULL
	};
	char before = rc_proc_state(pid);
	run->child = spawn(argv, run->logfile.data, run->err);
	if (run->child < 0)
		return -1;
	tell_phase(run->opts, RC_ATTACH_DEBUGGING);
	run->status = wait_child(run->child, run->deadline, run->opts->stop, run->logfile.data,
				 &run->late);
	/* The kernel may leave a target stopped if gdb died: continue it,
	 * unless it was stopped before we came. */
	char after = rc_proc_state(pid);
	if ((after == 'T' || after == 't') && before != 'T' && before != 't')
		kill(pid, SIGCONT);
	rc_proc_read_file(run->logfile.data, &run->log);
	const char *text = rc_buf_cstr(&run->log) ? run->log.data : "";
	/* REFCYCLE_ATTACH_DEBUG: what gdb said, to see why an attach failed. */
	const char *debug = getenv("REFCYCLE_ATTACH_DEBUG");
	if (debug != NULL && debug[0] != '\0')
		fprintf(stderr, "--- %s %s:\n%s--- (late %d)\n", run->gdb, run->logfile.data,
			text, run->late);
	run->pending = strstr(text, "refcycle-attach: pending 0") != NULL;
	return 0;
}

/* Did the snippet run, or is it pending?  Else say why not. */
static int
judge_debugger(struct attach_run *run)
{
	const pid_t pid = run->opts->pid;
	const char *text = rc_buf_cstr(&run->log) ? run->log.data : "";

	if (run->late && stopped(run->opts->stop)) {
		run->result->stopped = 1;
		rc_buf_printf(run->err, _("stopped while attaching to process %ld; it runs on"),
			      (long)pid);
		if (run->late == 2)
			rc_buf_printf(run->err, _("\nThe debugger (process %ld) stays attached, waiting "
						  "for the GIL; once it has it, it detaches without doing "
						  "anything."), (long)run->child);
		return -1;
	}
	if (run->late == 2) {
		busy(pid, run->opts->timeout, run->err);
		rc_buf_printf(run->err, _("\nThe debugger (process %ld) stays attached, waiting for the "
					  "GIL while the process runs on; once it has it, it detaches "
					  "without doing anything.  Killing it would kill process %ld."),
			      (long)run->child, (long)pid);
		return -1;
	}
	if (run->late && !run->pending) {
		busy(pid, run->opts->timeout, run->err);
		return -1;
	}
	if (!run->pending && strstr(text, "refcycle-attach: ran") == NULL) {
		report_gdb_failure(pid, run->gdb, run->status, text, run->err);
		return -1;
	}
	return 0;
}

/* Ran: the file is there.  Pending: it comes when the target's main
 * thread reaches a safe point, or its error file does. */
static int
wait_for_file(struct attach_run *run)
{
	const pid_t pid = run->opts->pid;
	const char *path = run->result->path;

	if (run->pending)
		tell_phase(run->opts, RC_ATTACH_WAITING);
	for (;;) {
		struct stat st;
		if (lstat(path, &st) == 0) {
			if (S_ISREG(st.st_mode) && st.st_uid == geteuid())
				return 0;
			rc_buf_printf(run->err, _("%s is not a regular file of ours: not read"), path);
			return -1;
		}
		if (exists(run->errpath.data)) {
			report_target_error(pid, run->exe.data, run->result->version,
					    run->errpath.data, run->err);
			return -1;
		}
		if (!run->pending) {
			rc_buf_printf(run->err, _("taking the snapshot in process %ld failed (see its "
						  "standard error)"), (long)pid);
			return -1;
		}
		if (stopped(run->opts->stop)) {
			/* The snippet, finding its directory gone, does nothing. */
			run->result->stopped = 1;
			rc_buf_printf(run->err, _("stopped while waiting for process %ld to take its "
						  "snapshot; it runs on"), (long)pid);
			return -1;
		}
		if (rc_clock_seconds() >= run->deadline) {
			busy(pid, run->opts->timeout, run->err);
			return -1;
		}
		sleep_ms(5);
	}
}

int
rc_attach_snapshot(const struct rc_attach_opts *opts, struct rc_attach_result *result,
		   struct rc_buf *err)
{
	struct attach_run run = {
		.opts = opts, .result = result, .err = err,
		.exe = RC_BUF_INIT, .cmdfile = RC_BUF_INIT, .logfile = RC_BUF_INIT,
		.errpath = RC_BUF_INIT, .debugdir = RC_BUF_INIT, .log = RC_BUF_INIT,
	};

	memset(result, 0, sizeof *result);
	run.start = rc_clock_seconds();
	run.deadline = run.start + opts->timeout;
	run.gdb = pick_debugger(opts);
	int rc = check_target(&run);
	if (rc == 0)
		rc = prepare_files(&run);
	if (rc == 0)
		rc = run_debugger(&run);
	if (rc == 0)
		rc = judge_debugger(&run);
	if (rc == 0)
		rc = wait_for_file(&run);
	if (rc == 0)
		result->seconds = rc_clock_seconds() - run.start;
	else
		rc_attach_cleanup(result);
	attach_run_free(&run);
	return rc;
}

int
rc_attach_move(struct rc_attach_result *result, const char *dest, struct rc_buf *err)
{
	/* A device or a FIFO is written to, not replaced (file.h). */
	int special = rc_file_is_special(dest);

	if (!special && rename(result->path, dest) == 0) {
		if (chmod(dest, 0600) != 0) {
			rc_buf_printf(err, "%s: %s", dest, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!special && errno != EXDEV) {
		rc_buf_printf(err, _("cannot write %s: %s"), dest, strerror(errno));
		return -1;
	}
	/* Another file system (or a device): copy to a temporary file beside
	 * dest (or to the device). */
	struct rc_buf data = RC_BUF_INIT;
	if (rc_proc_read_file(result->path, &data) < 0) {
		rc_buf_printf(err, "%s: %s", result->path, strerror(errno));
		rc_buf_free(&data);
		return -1;
	}
	int r = rc_file_write_atomic(dest, data.data, data.len, err);
	rc_buf_free(&data);
	if (r == 0 && !special && chmod(dest, 0600) != 0) {
		rc_buf_printf(err, "%s: %s", dest, strerror(errno));
		r = -1;
	}
	return r;
}
