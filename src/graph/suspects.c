/* suspects.c - leak suspects on a dominator tree (see suspects.h). */
#include <config.h>

#include "src/graph/suspects.h"

#include <stdlib.h>
#include <string.h>

#include "src/common/status.h"

uint32_t
rc_suspect_accumulation(const struct rc_suspect_tree *dv, uint32_t v)
{
	for (;;) {
		uint32_t best = RC_NONE;
		for (uint32_t k = dv->kid_off[v]; k < dv->kid_off[v + 1]; k++) {
			uint32_t c = dv->kids[k];
			if (best == RC_NONE || dv->retained[c] > dv->retained[best])
				best = c;
		}
		if (best == RC_NONE
		    || (double)dv->retained[best] < RC_SUSPECT_KEEP * (double)dv->retained[v])
			return v;
		v = best;
	}
}

int
rc_suspect_structural_type(const char *name)
{
	static const char *const names[] = {
		"module", "dict", "type", "function", "code", "frame", "cell", "tuple",
		"getset_descriptor", "member_descriptor", "method_descriptor",
		"wrapper_descriptor", "classmethod_descriptor", "builtin_function_or_method",
		"classmethod", "staticmethod", "property", "weakref", "ReferenceType",
		"mappingproxy", "ModuleSpec", "SourceFileLoader", "ExtensionFileLoader",
		"FileFinder",
	};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int
push(struct rc_suspect **out, uint32_t *n, uint32_t *cap, const struct rc_suspect *s)
{
	if (*n == *cap) {
		uint32_t ncap = *cap ? 2 * *cap : 16;
		struct rc_suspect *grown = realloc(*out, ncap * sizeof *grown);
		if (grown == NULL)
			return RC_ENOMEM;
		*out = grown;
		*cap = ncap;
	}
	(*out)[(*n)++] = *s;
	return RC_OK;
}

static int
by_retained(const void *a, const void *b)
{
	const struct rc_suspect *x = a, *y = b;

	if (x->retained != y->retained)
		return x->retained < y->retained ? 1 : -1;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Each group's member count and largest member. */
static int
group_members(const struct rc_suspect_tree *dv, const uint32_t *group_of, uint32_t ngroups,
	      uint32_t **count, uint32_t **largest)
{
	uint32_t n = dv->n;

	*count = calloc((size_t)ngroups + 1, sizeof **count);
	*largest = malloc(((size_t)ngroups + 1) * sizeof **largest);
	if (*count == NULL || *largest == NULL)
		return RC_ENOMEM;
	for (uint32_t k = 0; k < ngroups; k++)
		(*largest)[k] = RC_NONE;
	for (uint32_t v = 0; v < n; v++) {
		uint32_t k = group_of[v];
		(*count)[k]++;
		if ((*largest)[k] == RC_NONE || dv->retained[v] > dv->retained[(*largest)[k]])
			(*largest)[k] = v;
	}
	return RC_OK;
}

int
rc_suspects_find(const struct rc_suspect_tree *dv, const uint32_t *group_of,
		 uint32_t ngroups, const unsigned char *skip, uint64_t total, double share,
		 struct rc_suspect **out, uint32_t *nout)
{
	uint32_t n = dv->n, cap = 0, nobj;
	uint32_t *count = NULL, *largest = NULL;
	double floor = share * (double)total;
	int status = RC_OK;

	*out = NULL;
	*nout = 0;
	/* The super-root's children: the top of the tree. */
	for (uint32_t k = dv->kid_off[n]; status == RC_OK && k < dv->kid_off[n + 1]; k++) {
		uint32_t v = dv->kids[k];
		if ((double)dv->retained[v] < floor || dv->retained[v] == 0)
			continue;
		struct rc_suspect s = {v, rc_suspect_accumulation(dv, v), RC_NONE, 1,
				       dv->retained[v]};
		status = push(out, nout, &cap, &s);
	}
	nobj = *nout;
	if (status == RC_OK && ngroups > 0)
		status = group_members(dv, group_of, ngroups, &count, &largest);
	for (uint32_t k = 0; status == RC_OK && k < ngroups; k++) {
		uint64_t r = dv->group_retained[k];
		if ((double)r < floor || r == 0 || count[k] < 2 || (skip != NULL && skip[k]))
			continue;
		struct rc_suspect s = {largest[k], rc_suspect_accumulation(dv, largest[k]), k,
				       count[k], r};
		status = push(out, nout, &cap, &s);
	}
	free(count);
	free(largest);
	if (status != RC_OK) {
		free(*out);
		*out = NULL;
		*nout = 0;
		return status;
	}
	if (*out == NULL && (*out = malloc(sizeof **out)) == NULL)
		return RC_ENOMEM;
	qsort(*out, nobj, sizeof **out, by_retained);
	qsort(*out + nobj, *nout - nobj, sizeof **out, by_retained);
	return RC_OK;
}
