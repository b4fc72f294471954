## tui/local.mk - the browser (ncurses), included by the top Makefile.am.
## Curses flags stay on these files only: ncursesw's cflags define
## _XOPEN_SOURCE=600, which clashes with Python.h.
