/* Sheets of the return's tables with failing cells highlighted. */
#include "outputs/validate_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "base/strbuf.h"

/* 1 when name is one of the rule's fields. */
static int rule_field(const struct vrule *rule, const char *name)
{
	return rule->fields && vlist_has(rule->fields, name);
}

struct hit_ref {
	long row;
	long i;     /* index into rep->hits */
};

static int ref_cmp(const void *pa, const void *pb)
{
	const struct hit_ref *a = pa, *b = pb;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int frame_sheet(lxw_workbook *wb, lxw_format *bold, lxw_format *bad, struct vframe *f, int fi,
		       const struct validate_report *rep, const char *prefix, struct cf_error *err)
{
	long n = 0;
	for (long i = 0; i < rep->nfindings; i++)
		n += rep->hits[i].frame == fi;
	if (!n)
		return CF_OK;
	struct hit_ref *refs = malloc((size_t)n * sizeof *refs);
	if (!refs)
		return cf_error_set(err, CF_EIO, "out of memory");
	n = 0;
	for (long i = 0; i < rep->nfindings; i++)
		if (rep->hits[i].frame == fi) {
			refs[n].row = rep->hits[i].row;
			refs[n++].i = i;
		}
	qsort(refs, (size_t)n, sizeof *refs, ref_cmp);
	char sheet[32];
	snprintf(sheet, sizeof sheet, "%s%s", prefix ? prefix : "", f->name);
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	if (!ws) {
		free(refs);
		return cf_error_set(err, CF_EIO, "cannot add sheet %s", sheet);
	}
	worksheet_write_string(ws, 0, 0, "row", bold);
	for (int c = 0; c < f->ncols; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)(c + 1), f->cols[c]->name, bold);
	worksheet_write_string(ws, 0, (lxw_col_t)(f->ncols + 1), "rules", bold);
	struct strbuf rules = STRBUF_INIT;
	lxw_row_t out = 1;
	for (long k = 0; k < n && out < 1048575;) {
		long r = refs[k].row, end = k;
		while (end < n && refs[end].row == r)
			end++;
		strbuf_reset(&rules);
		worksheet_write_number(ws, out, 0, (double)f->rownum[r], NULL);
		for (int c = 0; c < f->ncols; c++) {
			int hit = 0;
			for (long j = k; j < end && !hit; j++)
				hit = rule_field(rep->hits[refs[j].i].rule, f->cols[c]->name);
			char shown[64];
			const char *v = validate_shown(f->cols[c]->name, f->cols[c]->v[r], shown, sizeof shown);
			if (v)
				worksheet_write_string(ws, out, (lxw_col_t)(c + 1), v, hit ? bad : NULL);
			else if (hit)
				worksheet_write_blank(ws, out, (lxw_col_t)(c + 1), bad);
		}
		for (long j = k; j < end; j++)
			strbuf_addf(&rules, "%s%s", rules.len ? " " : "", rep->hits[refs[j].i].rule->code);
		worksheet_write_string(ws, out, (lxw_col_t)(f->ncols + 1), strbuf_str(&rules), NULL);
		out++;
		k = end;
	}
	worksheet_freeze_panes(ws, 1, 1);
	strbuf_release(&rules);
	free(refs);
	return CF_OK;
}

int validate_xlsx_sheets(void *wbp, void *ctxp, struct cf_error *err)
{
	lxw_workbook *wb = wbp;
	struct validate_xlsx_ctx *ctx = ctxp;
	lxw_format *bold = workbook_add_format(wb);
	lxw_format *bad = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_bg_color(bad, 0xFFC7CE);
	format_set_font_color(bad, 0x9C0006);
	for (int fi = 0; fi < ctx->vd->nframes; fi++) {
		int rc = frame_sheet(wb, bold, bad, ctx->vd->frames[fi], fi, ctx->rep, ctx->sheet_prefix, err);
		if (rc)
			return rc;
	}
	return CF_OK;
}
