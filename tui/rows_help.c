/* rows_help.c - the help's rows (see rows_help.h). */
#include <config.h>

#include "tui/rows_help.h"

#include "src/common/status.h"
#include "tui/request.h"

int
rc_rows_help(struct rc_rowlist *rl)
{
	uint32_t req;

	rc_rowlist_clear(rl);
	for (req = RC_REQ_NONE + 1; req < RC_REQ_COUNT; req++) {
		struct rc_row r = { RC_NONE, RC_NONE, RC_NONE, 0, req, 0,
				    RC_ROW_HELP, 0 };

		if (rc_rowlist_push(rl, &r) != RC_OK)
			return RC_ENOMEM;
	}
	return rc_rowlist_show(rl);
}
