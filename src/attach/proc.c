/* proc.c - what a process is, from /proc: alive, whose, stopped, and
 * whether it is Python and which version (see proc.h). */
#include <config.h>

#include "src/attach/proc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/common/i18n.h"

/* The whole of a small file (NUL-terminated) in out; -1 with errno. */
int
rc_proc_read_file(const char *path, struct rc_buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		rc_buf_append(out, chunk, (size_t)n);
	int saved = errno;
	close(fd);
	if (n < 0) {
		errno = saved;
		return -1;
	}
	if (rc_buf_cstr(out) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* The state letter of /proc/PID/stat (R, S, T, t, Z...), or 0. */
char
rc_proc_state(pid_t pid)
{
	char path[64];
	struct rc_buf b = RC_BUF_INIT;
	char state = 0;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (rc_proc_read_file(path, &b) == 0) {
		/* The command name may hold anything, ')' included. */
		const char *p = strrchr(b.data, ')');
		if (p != NULL && p[1] == ' ')
			state = p[2];
	}
	rc_buf_free(&b);
	return state;
}

/* The effective uid and gid of pid from /proc/PID/status; -1 if unknown. */
int
rc_proc_ids(pid_t pid, uid_t *uid, gid_t *gid)
{
	char path[64];
	struct rc_buf b = RC_BUF_INIT;
	unsigned long r, e;
	int found = 0;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (rc_proc_read_file(path, &b) == 0) {
		const char *u = strstr(b.data, "\nUid:");
		const char *g = strstr(b.data, "\nGid:");
		if (u != NULL && sscanf(u + 5, "%lu %lu", &r, &e) == 2) {
			*uid = (uid_t)e;
			found++;
		}
		if (g != NULL && sscanf(g + 5, "%lu %lu", &r, &e) == 2) {
			*gid = (gid_t)e;
			found++;
		}
	}
	rc_buf_free(&b);
	return found == 2 ? 0 : -1;
}

/* "3.N" from a file name that holds `stem` followed by 3.N (python3.12,
 * libpython3.12.so.1.0, python3.11d); 0 if it does not. */
static int
version_in_name(const char *name, const char *stem, char *version, size_t size)
{
	size_t len = strlen(stem);
	if (strncmp(name, stem, len) != 0 || name[len] != '3' || name[len + 1] != '.'
	    || !isdigit((unsigned char)name[len + 2]))
		return 0;
	const char *p = name + len + 2;
	int minor = 0;
	while (isdigit((unsigned char)*p) && minor < 1000)
		minor = minor * 10 + (*p++ - '0');
	snprintf(version, size, "3.%d", minor);
	return 1;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

/* What to tell the user when ptrace is refused. */
static void
ptrace_advice(struct rc_buf *err)
{
	struct rc_buf scope = RC_BUF_INIT;
	if (rc_proc_read_file("/proc/sys/kernel/yama/ptrace_scope", &scope) == 0) {
		int level = atoi(scope.data);
		rc_buf_printf(err, _("kernel.yama.ptrace_scope is %d: "), level);
		switch (level) {
		case 0:
			rc_buf_puts(err, _("any process of the same user may be traced; the target may "
					   "belong to another user or have made itself non-dumpable "
					   "(prctl PR_SET_DUMPABLE)"));
			break;
		case 1:
			rc_buf_puts(err, _("only a parent may trace its descendants.  Run refcycle-browse "
					   "as root (sudo), or allow it until the next boot with "
					   "'sudo sysctl kernel.yama.ptrace_scope=0'"));
			break;
		case 2:
			rc_buf_puts(err, _("only root (CAP_SYS_PTRACE) may attach: run refcycle-browse "
					   "with sudo"));
			break;
		default:
			rc_buf_puts(err, _("no process may attach until the next boot"));
			break;
		}
	} else {
		rc_buf_puts(err, _("kernel.yama.ptrace_scope does not exist here (Yama is not "
				   "active), so the process belongs to another user or has made "
				   "itself non-dumpable (prctl PR_SET_DUMPABLE): run refcycle-browse "
				   "as the process's user, or as root"));
	}
	rc_buf_free(&scope);
}

void
rc_proc_ptrace_refused(pid_t pid, struct rc_buf *err)
{
	rc_buf_printf(err, _("cannot attach to process %ld: ptrace is not permitted.\n"), (long)pid);
	ptrace_advice(err);
}

/* Check pid is a Python process; its executable to exe and "3.N" to
 * version.  0, or -1 with the message in err. */
int
rc_proc_find_python(pid_t pid, struct rc_buf *exe, char *version, size_t size, struct rc_buf *err)
{
	char path[64];

	if (kill(pid, 0) != 0 && errno == ESRCH) {
		rc_buf_printf(err, _("no process has id %ld"), (long)pid);
		return -1;
	}
	snprintf(path, sizeof path, "/proc/%ld/exe", (long)pid);
	char target[4096];
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n < 0) {
		if (errno == EACCES || errno == EPERM)
			rc_proc_ptrace_refused(pid, err);
		else if (errno == ENOENT && kill(pid, 0) != 0 && errno == ESRCH)
			rc_buf_printf(err, _("no process has id %ld"), (long)pid);
		else
			rc_buf_printf(err, _("process %ld is not a Python program (it has no "
					     "executable: a kernel thread?)"), (long)pid);
		return -1;
	}
	target[n] = '\0';
	rc_buf_puts(exe, target);
	version[0] = '\0';
	int looks_python = strncmp(base_name(target), "python", 6) == 0;
	version_in_name(base_name(target), "python", version, size);

	snprintf(path, sizeof path, "/proc/%ld/maps", (long)pid);
	FILE *maps = fopen(path, "re");
	if (maps == NULL) {
		if (errno == EACCES || errno == EPERM) {
			rc_proc_ptrace_refused(pid, err);
			return -1;
		}
	} else {
		char line[4608];
		while (fgets(line, sizeof line, maps) != NULL) {
			char *file = strchr(line, '/');
			if (file == NULL)
				continue;
			file[strcspn(file, "\n")] = '\0';
			const char *name = base_name(file);
			if (strncmp(name, "libpython", 9) != 0)
				continue;
			looks_python = 1;
			if (version_in_name(name, "libpython", version, size))
				break;
		}
		fclose(maps);
	}
	if (!looks_python) {
		rc_buf_printf(err, _("process %ld (%s) is not a Python program: neither its "
				     "executable nor a library it loaded is python or libpython"),
			      (long)pid, target);
		return -1;
	}
	if (version[0] == '\0') {
		rc_buf_printf(err, _("process %ld (%s) looks like Python, but its version cannot "
				     "be determined: its executable is not named pythonX.Y and it "
				     "loaded no libpythonX.Y library"), (long)pid, target);
		return -1;
	}
	return 0;
}

