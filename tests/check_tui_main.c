/* check_tui_main.c - runs every suite of the browser's model code; exit
 * status 0 only when no test failed. */
#include <config.h>

#include "tests/check_tui_suites.h"

#include <locale.h>
#include <stdlib.h>

#include <check.h>

int
main(void)
{
	SRunner *sr;
	int failed;

	/* The text tests need a UTF-8 LC_CTYPE; C.UTF-8 is always there
	 * on glibc systems. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	sr = srunner_create(tui_rowlist_suite());
	srunner_add_suite(sr, tui_rows_suite());
	srunner_add_suite(sr, tui_graph_suite());
	srunner_add_suite(sr, tui_keymap_suite());
	srunner_add_suite(sr, tui_text_suite());
	srunner_add_suite(sr, tui_dominators_suite());
	srunner_add_suite(sr, tui_since_suite());
	srunner_add_suite(sr, tui_export_suite());
	srunner_add_suite(sr, tui_fileread_suite());
	srunner_add_suite(sr, tui_pending_suite());
	srunner_add_suite(sr, tui_report_suite());
	srunner_add_suite(sr, tui_ticker_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
