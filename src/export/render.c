/* render.c - in-process graphviz rendering (see render.h). */
#include <config.h>

#include "src/export/render.h"

#include "src/common/file.h"
#include "src/common/job.h"

#include <errno.h>
#include <gvc.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* One context for the process: creating one loads every plugin. */
static GVC_t *context;

/* The warm-up thread (rc_render_warm_start) and the context it made,
 * taken over when it is joined. */
static pthread_t warm_thread;
static int warm_running;
static GVC_t *warm_context;

/* Where graphviz's messages go while a render runs. */
static struct rc_buf *messages;

static int
collect_message(char *msg)
{
	if (messages != NULL)
		rc_buf_puts(messages, msg);
	return 0;
}

/* graphviz's own messages while it warms up: none wanted (there is
 * nobody to tell, and a terminal may be showing the browser). */
static int
discard_message(char *msg)
{
	(void)msg;
	return 0;
}

/* Everything a first picture pays for once: the context (every plugin
 * loaded) and one small layout and rendering (the text layout's fonts
 * found and read). */
static void *
warm_up(void *unused)
{
	static char dot[] = "digraph { a [label=\"warm\\nup\"]; a -> b [label=\"x\"] }";
	(void)unused;

	/* Below the browser's keys, and below the in-edges the dominators'
	 * thread builds first (a key may be waiting for those). */
	rc_job_lower_priority();
	GVC_t *gvc = gvContext();
	if (gvc == NULL)
		return NULL;
	agusererrf previous = agseterrf(discard_message);
	agerrlevel_t level = agseterr(AGMAX);
	Agraph_t *g = agmemread(dot);
	if (g != NULL && gvLayout(gvc, g, "dot") == 0) {
		char *data = NULL;
		unsigned int len = 0;
		if (gvRenderData(gvc, g, "svg", &data, &len) == 0)
			gvFreeRenderData(data);
		gvFreeLayout(gvc, g);
	}
	if (g != NULL)
		agclose(g);
	agseterr(level);
	agseterrf(previous);
	agreseterrors();
	warm_context = gvc;
	return NULL;
}

void
rc_render_warm_start(void)
{
	if (context != NULL || warm_running)
		return;
	warm_running = pthread_create(&warm_thread, NULL, warm_up, NULL) == 0;
}

void
rc_render_warm_wait(void)
{
	if (!warm_running)
		return;
	pthread_join(warm_thread, NULL);
	warm_running = 0;
	if (context == NULL)
		context = warm_context;
	else if (warm_context != NULL)
		gvFreeContext(warm_context);
	warm_context = NULL;
}

static GVC_t *
get_context(void)
{
	rc_render_warm_wait();
	if (context == NULL)
		context = gvContext();
	return context;
}

/* Interactive devices open windows: never offer them. */
static int
is_window_device(const char *name)
{
	return !strcmp(name, "gtk") || !strcmp(name, "x11") || !strcmp(name, "xlib");
}

int
rc_render_has_format(const char *format)
{
	GVC_t *gvc = get_context();
	size_t len = strcspn(format, ":");
	int n = 0, found = 0;

	if (gvc == NULL || len == 0)
		return 0;
	char **names = gvPluginList(gvc, "device", &n, NULL);
	for (int i = 0; i < n; i++) {
		if (!found && strlen(names[i]) == len && !strncmp(names[i], format, len)
		    && !is_window_device(names[i]))
			found = 1;
		free(names[i]);
	}
	free(names);
	return found;
}

void
rc_render_formats(struct rc_buf *out)
{
	GVC_t *gvc = get_context();
	int n = 0;

	if (gvc == NULL)
		return;
	char **names = gvPluginList(gvc, "device", &n, NULL);
	int first = 1;
	for (int i = 0; i < n; i++) {
		if (!is_window_device(names[i])) {
			if (!first)
				rc_buf_puts(out, " ");
			first = 0;
			rc_buf_puts(out, names[i]);
		}
		free(names[i]);
	}
	free(names);
}

const char *
rc_render_format_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *base = slash ? slash + 1 : file;
	const char *dot = strrchr(base, '.');

	return dot == NULL || dot == base || dot[1] == '\0' ? "png" : dot + 1;
}

/* A bitmap format (cairo's, gd's): one past 32767 pixels a side is
 * scaled down by graphviz, which says so on standard error (over the
 * browser's screen). */
static int
is_bitmap(const char *format)
{
	static const char *const bitmaps[] = {"png", "gif", "jpg", "jpeg", "jpe", "bmp", "webp",
					      "tif", "tiff", "ico", "wbmp", "gd", "gd2"};
	size_t len = strcspn(format, ":");

	for (size_t i = 0; i < sizeof bitmaps / sizeof *bitmaps; i++)
		if (strlen(bitmaps[i]) == len && !strncmp(bitmaps[i], format, len))
			return 1;
	return 0;
}

/* Lay out and render g into tmp; messages collects graphviz's words. */
static int
layout_and_render(GVC_t *gvc, Agraph_t *g, const char *format, const char *tmp,
		  struct rc_buf *err)
{
	if (gvLayout(gvc, g, "dot") != 0) {
		rc_buf_puts(err, "graphviz could not lay out the graph");
		return -1;
	}
	int rc = gvRenderFilename(gvc, g, format, tmp);
	gvFreeLayout(gvc, g);
	if (rc != 0) {
		rc_buf_printf(err, "graphviz could not render format %s", format);
		return -1;
	}
	return 0;
}

int
rc_render(const char *dot, const char *format, const char *out_path, struct rc_buf *err)
{
	GVC_t *gvc = get_context();
	struct rc_buf tmp = RC_BUF_INIT, said = RC_BUF_INIT;
	int rc = RC_RENDER_GRAPHVIZ;

	if (gvc == NULL) {
		rc_buf_puts(err, "graphviz could not start (gvContext failed)");
		return RC_RENDER_GRAPHVIZ;
	}
	if (!rc_render_has_format(format)) {
		rc_buf_printf(err, "graphviz has no output format '%s'; it offers: ", format);
		rc_render_formats(err);
		return RC_RENDER_FORMAT;
	}
	/* A device or a FIFO is written as it is, not replaced (file.h). */
	int direct = rc_file_is_special(out_path);
	if (direct)
		rc_buf_puts(&tmp, out_path);
	else if (rc_file_create_temp(out_path, &tmp, err) < 0) {
		rc_buf_free(&tmp);
		return RC_RENDER_IO;
	}
	messages = &said;
	agusererrf previous = agseterrf(collect_message);
	agerrlevel_t level = agseterr(AGERR);
	Agraph_t *g = agmemread(dot);
	if (g == NULL)
		rc_buf_puts(err, "graphviz could not read the graph");
	else {
		/* At most 200 inches a side: 19,200 pixels at 96 dpi. */
		static char size_attr[] = "size", no_size[] = "", max_size[] = "200,200";
		const char *size = agget(g, size_attr);
		if (is_bitmap(format) && (size == NULL || *size == '\0'))
			agsafeset(g, size_attr, max_size, no_size);
		rc = layout_and_render(gvc, g, format, tmp.data, err);
		agclose(g);
	}
	agseterr(level);
	agseterrf(previous);
	agreseterrors();
	messages = NULL;
	if (rc == 0 && !direct && rename(tmp.data, out_path) != 0) {
		rc_buf_printf(err, "cannot write %s: %s", out_path, strerror(errno));
		rc = RC_RENDER_IO;
	} else if (rc != 0) {
		rc = RC_RENDER_GRAPHVIZ;
	}
	if (rc != 0) {
		if (!direct)
			unlink(tmp.data);
		if (said.len > 0) {
			rc_buf_puts(err, ": ");
			rc_buf_append(err, said.data, said.len);
			while (err->len > 0 && (err->data[err->len - 1] == '\n'))
				err->data[--err->len] = '\0';
		}
	}
	rc_buf_free(&said);
	rc_buf_free(&tmp);
	return rc;
}

int
rc_render_data(const char *dot, const char *format, struct rc_buf *out, struct rc_buf *err)
{
	GVC_t *gvc = get_context();
	struct rc_buf said = RC_BUF_INIT;
	int rc = RC_RENDER_GRAPHVIZ;

	if (gvc == NULL) {
		rc_buf_puts(err, "graphviz could not start (gvContext failed)");
		return RC_RENDER_GRAPHVIZ;
	}
	if (!rc_render_has_format(format)) {
		rc_buf_printf(err, "graphviz has no output format '%s'", format);
		return RC_RENDER_FORMAT;
	}
	messages = &said;
	agusererrf previous = agseterrf(collect_message);
	agerrlevel_t level = agseterr(AGERR);
	Agraph_t *g = agmemread(dot);
	if (g == NULL) {
		rc_buf_puts(err, "graphviz could not read the graph");
	} else if (gvLayout(gvc, g, "dot") != 0) {
		rc_buf_puts(err, "graphviz could not lay out the graph");
		agclose(g);
	} else {
		char *data = NULL;
		unsigned int len = 0;
		if (gvRenderData(gvc, g, format, &data, &len) == 0 && data != NULL) {
			rc_buf_append(out, data, len);
			rc = out->failed ? RC_RENDER_GRAPHVIZ : RC_RENDER_OK;
		} else {
			rc_buf_printf(err, "graphviz could not render format %s", format);
		}
		gvFreeRenderData(data);
		gvFreeLayout(gvc, g);
		agclose(g);
	}
	agseterr(level);
	agseterrf(previous);
	agreseterrors();
	messages = NULL;
	if (rc != RC_RENDER_OK && said.len > 0) {
		rc_buf_puts(err, ": ");
		rc_buf_append(err, said.data, said.len);
		while (err->len > 0 && err->data[err->len - 1] == '\n')
			err->data[--err->len] = '\0';
	}
	rc_buf_free(&said);
	return rc;
}
