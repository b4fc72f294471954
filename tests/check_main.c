/* check_main.c - runs every suite of the graph core; exit status 0 only
 * when no test failed. */
#include <config.h>

#include "tests/check_suites.h"

#include <stdlib.h>

#include <check.h>

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(graph_suite());
	srunner_add_suite(sr, nodeset_suite());
	srunner_add_suite(sr, bfs_suite());
	srunner_add_suite(sr, scc_suite());
	srunner_add_suite(sr, subgraph_suite());
	srunner_add_suite(sr, dom_suite());
	srunner_add_suite(sr, rootpath_suite());
	srunner_add_suite(sr, suspects_suite());
	srunner_add_suite(sr, domjob_suite());
	srunner_add_suite(sr, typeindex_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
