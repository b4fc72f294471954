/* status.h - the status codes of every part (graph core, store, export,
 * attach, browser models).  A header only: the graph core depends on it
 * and on nothing else of ours.
 *
 * Library functions return one of these and never print or exit; the
 * callers (the Python module, the browser) turn them into messages. */
#ifndef RC_STATUS_H
#define RC_STATUS_H

enum rc_status {
	RC_OK = 0,
	RC_ENOMEM = -1,     /* an allocation failed */
	RC_ENOTFOUND = -2,  /* no path / no cycle */
	RC_EINVAL = -3,     /* a node id out of range, or bad arguments */
	RC_EOVERFLOW = -4,  /* more nodes or edges than uint32_t ids allow */
	RC_EFORMAT = -5,    /* input that is not what it must be (a file that
			     * is not a valid snapshot) */
	RC_EIO = -6,        /* reading or writing failed: errno says why */
	RC_ECANCELED = -7   /* stopped on request (rc_progress's cancel) */
};

#endif
