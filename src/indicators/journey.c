/* One child's journey: every dated event from every source, in order. */
#include "indicators/journey.h"

#include <stdio.h>
#include <string.h>

#include "store/journey_events.h"

static int add_event(void *ctx, const struct journey_event *e, struct cf_error *err)
{
	struct cf_table *t = ctx;
	long r = cf_table_add_row(t);
	const char *const vals[] = { e->date, e->event, e->detail, e->kind, e->path };
	int bad = r < 0;
	for (int c = 0; c < 5 && !bad; c++)
		bad = cf_table_set_text(t, (size_t)r, c, vals[c]) != 0;
	if (bad)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_set_int(t, (size_t)r, 5, e->row);
	return CF_OK;
}

int journey_child(struct store *st, const char *child, struct cf_table **out, struct cf_error *err)
{
	*out = NULL;
	int known, rc = journey_events_known_child(st, child, &known, err);
	if (rc)
		return rc;
	if (!known)
		return cf_error_set(err, CF_EINPUT, "no child '%s' in the store (child IDs are the LA's: CHILD in the 903, "
				    "LAchildID in the CIN census)", child);
	struct cf_table *t = cf_table_new("journey");
	if (!t)
		return cf_error_set(err, CF_EIO, "out of memory");
	cf_table_add_column(t, "date", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "event", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "detail", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "source", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "file", CF_CELL_TEXT, 0);
	cf_table_add_column(t, "row", CF_CELL_INT, 0);
	if ((rc = journey_events_each(st, child, add_event, t, err))) {
		cf_table_free(t);
		return rc;
	}
	*out = t;
	return CF_OK;
}
