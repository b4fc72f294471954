/* proc.h - what a process is, read from /proc, before anything attaches
 * to it (refcycle-browse --pid).  Plain C. */
#ifndef RC_PROC_H
#define RC_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "src/common/buf.h"

/* The whole of a small file (NUL-terminated) appended to out; 0, or -1
 * with errno. */
int rc_proc_read_file(const char *path, struct rc_buf *out);

/* The state letter of /proc/PID/stat (R, S, T, t, Z...), or 0. */
char rc_proc_state(pid_t pid);

/* The effective uid and gid of pid; 0, or -1 if unknown. */
int rc_proc_ids(pid_t pid, uid_t *uid, gid_t *gid);

/* "cannot attach ...: ptrace is not permitted", and what to do about it
 * (from kernel.yama.ptrace_scope), appended to err. */
void rc_proc_ptrace_refused(pid_t pid, struct rc_buf *err);

/* Check that pid is a Python process: its executable goes to exe and
 * its "3.N" to version (size bytes).  0, or -1 with the message (no such
 * process, not Python, version unknown, ptrace refused) in err. */
int rc_proc_find_python(pid_t pid, struct rc_buf *exe, char *version, size_t size,
			struct rc_buf *err);

#endif
