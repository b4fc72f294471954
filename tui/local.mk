## tui/local.mk - the browser (ncurses), included by the top Makefile.am.
## Curses flags stay on these files only: ncursesw's cflags define
## _XOPEN_SOURCE=600, which clashes with Python.h.

## A libtool convenience library.  It does not carry the graph core or the
## common library (rc_buf): whoever links it links those once already
## (the Python module does), and a convenience library added twice would
## duplicate their symbols.
noinst_LTLIBRARIES += tui/librctui.la
tui_librctui_la_SOURCES = \
	tui/tui.c \
	tui/pending.c tui/pending.h \
	src/model/model.h src/model/browser.h \
	tui/prompt.c tui/prompt.h \
	tui/session.c tui/session.h \
	tui/app.c tui/app.h \
	tui/view.h tui/view_table.c \
	tui/draw.c tui/draw.h \
	tui/image_export.c tui/image_export.h \
	tui/request.h \
	tui/keymap.c tui/keymap.h \
	tui/text.c tui/text.h \
	tui/cache.c tui/cache.h \
	tui/rowlist.c tui/rowlist.h tui/rowlist_impl.h \
	tui/rowsort.c \
	tui/history.c tui/history.h \
	tui/rows_types.c tui/rows_types.h \
	tui/rows_objects.c tui/rows_objects.h \
	tui/typejob.c tui/typejob.h \
	tui/rows_edges.c tui/rows_edges.h \
	tui/rows_ancestors.c tui/rows_ancestors.h \
	tui/rows_path.c tui/rows_path.h \
	tui/rows_help.c tui/rows_help.h \
	tui/rows_dominators.c tui/rows_dominators.h \
	tui/view_types.c tui/view_objects.c tui/view_object.c \
	tui/view_ancestors.c tui/view_path.c tui/view_cycle.c \
	tui/view_help.c tui/view_dominators.c tui/view_suspects.c
TUI_CPPFLAGS = $(AM_CPPFLAGS)
tui_librctui_la_CPPFLAGS = $(TUI_CPPFLAGS)
tui_librctui_la_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
tui_librctui_la_LIBADD = $(NCURSES_LIBS)

## Attaching to a running process (refcycle-browse --pid): plain C, no
## Python, no curses; it runs gdb.
noinst_LTLIBRARIES += src/attach/librcattach.la
src_attach_librcattach_la_SOURCES = src/attach/attach.c src/attach/attach.h \
	src/attach/gdbscript.c src/attach/gdbscript.h \
	src/attach/proc.c src/attach/proc.h

## refcycle-browse: the browser on a saved snapshot file, no Python.
bin_PROGRAMS = tui/refcycle-browse
tui_refcycle_browse_SOURCES = tui/browse_main.c tui/snapmodel.c tui/snapmodel.h \
	tui/fileread.c tui/fileread.h
tui_refcycle_browse_CPPFLAGS = $(TUI_CPPFLAGS)
tui_refcycle_browse_LDADD = src/attach/librcattach.la tui/librctui.la src/store/librcstore.la \
	src/export/librcexport.la src/graph/librcgraph.la src/common/librccommon.la \
	$(NCURSES_LIBS) $(LIBINTL)

## Test programs: the check suite of the model code, and a host running
## the browser on a synthetic heap (for tmux, not a test by itself).
## check_PROGRAMS is defined under HAVE_CHECK only, hence both in there.
if HAVE_CHECK
TUI_TEST_LDADD = tui/librctui.la src/export/librcexport.la src/common/librccommon.la \
	src/graph/librcgraph.la $(NCURSES_LIBS)

check_PROGRAMS += tests/check_tui tests/tui_host
TESTS += tests/check_tui

tests_check_tui_SOURCES = \
	tests/check_tui_main.c tests/check_tui_suites.h \
	tests/check_tui_rowlist.c tests/check_tui_rows.c \
	tests/check_tui_graph.c tests/check_tui_keymap.c \
	tests/check_tui_text.c tests/check_tui_dominators.c \
	tests/check_tui_since.c tests/check_tui_export.c \
	tests/check_tui_pending.c tests/check_tui_ticker.c \
	tests/check_tui_fileread.c tui/fileread.c tui/fileread.h \
	tests/check_report.c \
	tests/tui_fixture.c tests/tui_fixture.h
tests_check_tui_CPPFLAGS = $(TUI_CPPFLAGS)
tests_check_tui_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_check_tui_LDADD = $(TUI_TEST_LDADD) src/store/librcstore.la $(CHECK_LIBS)

tests_tui_host_SOURCES = tests/tui_host.c tests/tui_fixture.c tests/tui_fixture.h
tests_tui_host_CPPFLAGS = $(TUI_CPPFLAGS)
tests_tui_host_LDADD = $(TUI_TEST_LDADD)
endif
