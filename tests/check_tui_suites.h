/* check_tui_suites.h - the browser's check suites, one per area. */
#ifndef RC_CHECK_TUI_SUITES_H
#define RC_CHECK_TUI_SUITES_H

#include <check.h>

Suite *tui_rowlist_suite(void);
Suite *tui_rows_suite(void);
Suite *tui_graph_suite(void);
Suite *tui_keymap_suite(void);
Suite *tui_text_suite(void);
Suite *tui_dominators_suite(void);
Suite *tui_since_suite(void);
Suite *tui_export_suite(void);
Suite *tui_pending_suite(void);
Suite *tui_report_suite(void);
Suite *tui_ticker_suite(void);
Suite *tui_fileread_suite(void);

#endif
