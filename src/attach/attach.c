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

#include "src/attach/proc.h"
#include "src/common/file.h"
#include "src/common/i18n.h"

/* After SIGINT, how long gdb gets to detach before it is killed. */
#define GRACE_SECONDS 5.0

#define SNAP_NAME "heap.rcsnap"

/* The code run inside the target, in an exec namespace of its own (so the
 * target's __main__ gains no name), with P the snapshot's path and H
 * whether refcycle was imported before.  It writes nothing unless P's
 * directory is a directory of the target's user that no one else can
 * read: a pending call that runs after the attaching side gave up finds
 * the directory gone (or replaced by someone else's) and does nothing. */
static const char INNER_CODE[] =
	"import os as O\n"
	"try:\n"
	" s=O.lstat(O.path.dirname(P))\n"
	"except OSError:\n"
	" s=None\n"
	"if s is not None and s.st_uid==O.geteuid() and s.st_mode&0o170077==0o40000:\n"
	" try:\n"
	"  import refcycle._attach as A\n"
	" except BaseException as e:\n"
	"  try:\n"
	"   import sys\n"
	"   f=O.open(P+'.error.tmp',O.O_WRONLY|O.O_CREAT|O.O_EXCL,0o600)\n"
	"   O.write(f,('%s: %s\\n%s\\n%s\\n'%(type(e).__name__,e,sys.executable,"
	"sys.version)).encode('utf-8','replace'))\n"
	"   O.close(f)\n"
	"   O.rename(P+'.error.tmp',P+'.error')\n"
	"  except BaseException:\n"
	"   pass\n"
	" else:\n"
	"  A.take(P,H,globals())\n";

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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

/* s as a Python string literal (s holds no quote of its own kind). */
static void
py_literal(struct rc_buf *out, const char *s)
{
	rc_buf_puts(out, "'");
	for (; *s; s++) {
		if (*s == '\\' || *s == '\'')
			rc_buf_printf(out, "\\%c", *s);
		else if (*s == '\n')
			rc_buf_puts(out, "\\n");
		else
			rc_buf_append(out, s, 1);
	}
	rc_buf_puts(out, "'");
}

/* The one-line snippet PyRun_SimpleString runs in the target's __main__:
 * an exec of INNER_CODE with P and H; H is evaluated before anything is
 * imported. */
static void
snippet(struct rc_buf *out, const char *path)
{
	rc_buf_puts(out, "__import__('builtins').exec(");
	py_literal(out, INNER_CODE);
	rc_buf_puts(out, ",{'P':");
	py_literal(out, path);
	rc_buf_puts(out, ",'H':'refcycle' in __import__('sys').modules})");
}

/* s as a C string literal for gdb. */
static void
gdb_literal(struct rc_buf *out, const char *s)
{
	rc_buf_puts(out, "\"");
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			rc_buf_printf(out, "\\%c", *s);
		else
			rc_buf_append(out, s, 1);
	}
	rc_buf_puts(out, "\"");
}

/* gdb's command file.  An error stops a command file: a failed call
 * leaves the rest undone, and gdb detaches as it quits.  The snippet goes
 * into memory from PyMem_RawMalloc (thread-safe without the GIL) by an
 * assignment: a string literal passed to a call would make gdb look up
 * malloc through every library's symbols, seconds more.  A pending call
 * keeps its copy for good (about 2 KB, once per such attach). */
static void
gdb_commands(struct rc_buf *out, const char *path)
{
	struct rc_buf code = RC_BUF_INIT, lit = RC_BUF_INIT;
	snippet(&code, path);
	gdb_literal(&lit, rc_buf_cstr(&code) ? code.data : "");
	size_t size = code.len + 1;
	rc_buf_puts(out,
		    "set confirm off\n"
		    "set pagination off\n"
		    "set scheduler-locking off\n"
		    "set unwindonsignal on\n"
		    "thread 1\n"
		    "set $rc_holds = (int)PyGILState_Check()\n");
	rc_buf_printf(out, "set $rc_code = (char *)PyMem_RawMalloc(%zu)\n", size);
	rc_buf_printf(out, "set {char[%zu]}$rc_code = %s\n", size,
		      rc_buf_cstr(&lit) ? lit.data : "\"\"");
	rc_buf_puts(out,
		    "if $rc_holds == 0\n"
		    "  echo refcycle-attach: calling\\n\n"
		    "  set $rc_gil = (int)PyGILState_Ensure()\n"
		    "  set $rc_ret = (int)PyRun_SimpleString($rc_code)\n"
		    "  call (void)PyGILState_Release($rc_gil)\n"
		    "  call (void)PyMem_RawFree($rc_code)\n"
		    "  printf \"refcycle-attach: ran %d\\n\", $rc_ret\n"
		    "else\n"
		    "  set $rc_ret = (int)Py_AddPendingCall((void *)PyRun_SimpleString, $rc_code)\n"
		    "  if $rc_ret != 0\n"
		    "    call (void)PyMem_RawFree($rc_code)\n"
		    "  end\n"
		    "  printf \"refcycle-attach: pending %d\\n\", $rc_ret\n"
		    "end\n"
		    "detach\n"
		    "quit\n");
	rc_buf_free(&code);
	rc_buf_free(&lit);
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

/* Wait for gdb until deadline.  Then, if it is waiting in
 * PyGILState_Ensure (its log says "calling", not yet "ran"), leave it
 * be: interrupting that call crashed targets (it unwinds a thread out of
 * a condition variable wait), while left alone gdb gets the GIL when its
 * holder lets it go, finds the directory gone, and detaches.  *late = 2
 * then.  Otherwise SIGINT it (it stops what it is doing and detaches as
 * it quits), and kill it if it is still there later; *late = 1.  Its
 * wait status. */
static int
wait_child(pid_t child, double deadline, const char *logpath, int *late)
{
	int status = 0, signalled = 0;
	double kill_at = 0;

	*late = 0;
	for (;;) {
		pid_t r = waitpid(child, &status, WNOHANG);
		if (r == child || (r < 0 && errno != EINTR))
			return status;
		double t = now();
		if (!signalled && t >= deadline) {
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

int
rc_attach_snapshot(const struct rc_attach_opts *opts, struct rc_attach_result *result,
		   struct rc_buf *err)
{
	const double start = now(), deadline = start + opts->timeout;
	const pid_t pid = opts->pid;
	struct rc_buf exe = RC_BUF_INIT, cmds = RC_BUF_INIT, cmdfile = RC_BUF_INIT,
		      logfile = RC_BUF_INIT, log = RC_BUF_INIT, errpath = RC_BUF_INIT,
		      debugdir = RC_BUF_INIT;
	int rc = -1;

	memset(result, 0, sizeof *result);
	if (pid <= 0 || pid == getpid()) {
		rc_buf_printf(err, _("cannot attach to process %ld"), (long)pid);
		return -1;
	}
	if (rc_proc_find_python(pid, &exe, result->version, sizeof result->version, err) < 0)
		goto out;
	const char *gdb = opts->debugger;
	if (gdb == NULL || gdb[0] == '\0')
		gdb = getenv("REFCYCLE_GDB");
	if (gdb == NULL || gdb[0] == '\0')
		gdb = "gdb";

	/* Only the same user: the target writes into our private directory,
	 * and a directory another user could write to would let that user
	 * change the commands gdb runs (as root, say). */
	uid_t uid;
	gid_t gid;
	if (rc_proc_ids(pid, &uid, &gid) == 0 && uid != geteuid()) {
		rc_buf_printf(err, _("process %ld belongs to another user (uid %lu): run "
				     "refcycle-browse as that user (sudo -u '#%lu' refcycle-browse "
				     "--pid %ld)"), (long)pid, (unsigned long)uid, (unsigned long)uid,
			      (long)pid);
		goto out;
	}
	if ((result->dir = make_private_dir(err)) == NULL)
		goto out;
	struct rc_buf path = RC_BUF_INIT;
	rc_buf_printf(&path, "%s/" SNAP_NAME, result->dir);
	rc_buf_printf(&errpath, "%s/" SNAP_NAME ".error", result->dir);
	rc_buf_printf(&cmdfile, "%s/gdb.cmd", result->dir);
	rc_buf_printf(&logfile, "%s/gdb.log", result->dir);
	gdb_commands(&cmds, path.data != NULL ? path.data : "");
	result->path = path.data;
	if (result->path == NULL || rc_buf_cstr(&cmds) == NULL || rc_buf_cstr(&errpath) == NULL ||
	    rc_buf_cstr(&cmdfile) == NULL || rc_buf_cstr(&logfile) == NULL) {
		rc_buf_puts(err, _("out of memory"));
		goto out;
	}
	/* The directory is 0700: the command file's mode is a second fence. */
	int fd = open(cmdfile.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, cmds.data, cmds.len) != (ssize_t)cmds.len) {
		rc_buf_printf(err, "%s: %s", cmdfile.data, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);

	rc_buf_printf(&debugdir, "set debug-file-directory %s", result->dir);
	if (rc_buf_cstr(&debugdir) == NULL) {
		rc_buf_puts(err, _("out of memory"));
		goto out;
	}
	char pidarg[32];
	snprintf(pidarg, sizeof pidarg, "%ld", (long)pid);
	char *argv[] = {
		(char *)gdb, "-nx", "--batch",
		"-iex", "set auto-load off",
		"-iex", "set debuginfod enabled off",
		/* Dynamic symbols are enough; reading separate debug info
		 * (python3-dbg, libc6-dbg) took seconds. */
		"-iex", debugdir.data,
		"-p", pidarg,
		"-x", cmdfile.data,
		NULL
	};
	char before = rc_proc_state(pid);
	pid_t child = spawn(argv, logfile.data, err);
	if (child < 0)
		goto out;
	int late = 0;
	int status = wait_child(child, deadline, logfile.data, &late);
	/* The kernel may leave a target stopped if gdb died: continue it,
	 * unless it was stopped before we came. */
	char after = rc_proc_state(pid);
	if ((after == 'T' || after == 't') && before != 'T' && before != 't')
		kill(pid, SIGCONT);
	rc_proc_read_file(logfile.data, &log);
	const char *text = rc_buf_cstr(&log) ? log.data : "";
	/* REFCYCLE_ATTACH_DEBUG: what gdb said, to see why an attach failed. */
	const char *debug = getenv("REFCYCLE_ATTACH_DEBUG");
	if (debug != NULL && debug[0] != '\0')
		fprintf(stderr, "--- %s %s:\n%s--- (late %d)\n", gdb, logfile.data, text, late);

	int pending = strstr(text, "refcycle-attach: pending 0") != NULL;
	if (late == 2) {
		busy(pid, opts->timeout, err);
		rc_buf_printf(err, _("\nThe debugger (process %ld) stays attached, waiting for the "
				     "GIL while the process runs on; once it has it, it detaches "
				     "without doing anything.  Killing it would kill process %ld."),
			      (long)child, (long)pid);
		goto out;
	}
	if (late && !pending) {
		busy(pid, opts->timeout, err);
		goto out;
	}
	if (!pending && strstr(text, "refcycle-attach: ran") == NULL) {
		report_gdb_failure(pid, gdb, status, text, err);
		goto out;
	}
	/* Ran: the file is there.  Pending: it comes when the main thread
	 * reaches a safe point. */
	for (;;) {
		struct stat st;
		if (lstat(result->path, &st) == 0) {
			if (S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
				rc = 0;
			} else {
				rc_buf_printf(err, _("%s is not a regular file of ours: not read"),
					      result->path);
			}
			break;
		}
		if (exists(errpath.data)) {
			report_target_error(pid, exe.data, result->version, errpath.data, err);
			break;
		}
		if (!pending) {
			rc_buf_printf(err, _("taking the snapshot in process %ld failed (see its "
					     "standard error)"), (long)pid);
			break;
		}
		if (now() >= deadline) {
			busy(pid, opts->timeout, err);
			break;
		}
		sleep_ms(5);
	}
	result->seconds = now() - start;
out:
	if (rc != 0)
		rc_attach_cleanup(result);
	rc_buf_free(&exe);
	rc_buf_free(&cmds);
	rc_buf_free(&cmdfile);
	rc_buf_free(&logfile);
	rc_buf_free(&log);
	rc_buf_free(&errpath);
	rc_buf_free(&debugdir);
	return rc;
}

int
rc_attach_move(struct rc_attach_result *result, const char *dest, struct rc_buf *err)
{
	if (rename(result->path, dest) == 0) {
		if (chmod(dest, 0600) != 0) {
			rc_buf_printf(err, "%s: %s", dest, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (errno != EXDEV) {
		rc_buf_printf(err, _("cannot write %s: %s"), dest, strerror(errno));
		return -1;
	}
	/* Another file system: copy to a temporary file beside dest. */
	struct rc_buf data = RC_BUF_INIT;
	if (rc_proc_read_file(result->path, &data) < 0) {
		rc_buf_printf(err, "%s: %s", result->path, strerror(errno));
		rc_buf_free(&data);
		return -1;
	}
	int r = rc_file_write_atomic(dest, data.data, data.len, err);
	rc_buf_free(&data);
	if (r == 0 && chmod(dest, 0600) != 0) {
		rc_buf_printf(err, "%s: %s", dest, strerror(errno));
		r = -1;
	}
	return r;
}
