/* gdbscript.c - what refcycle-browse --pid has gdb run in the target:
 * a command file that calls into the interpreter at a safe point (see
 * attach.c), and the Python snippet it runs there.  Text only: no
 * process is touched here. */
#include <config.h>

#include "src/attach/gdbscript.h"

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
void
rc_gdbscript_commands(struct rc_buf *out, const char *path)
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
