/* The streaming xlsx reader: workbooks written here with libxlsxwriter (shared
 * and inline strings), a hand-built package for the corners libxlsxwriter
 * never writes, the Annex A samples in ../shared, and damaged files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "formats/xlsx.h"

static char tmpdir[256];

static int setup_dir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/cf_xlsx_XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void tmp_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
}

/* Rows collected as "row:cell|cell|..." with '#' after a number and '@' after a date. */
struct rows {
	char lines[64][256];
	int n;
	int stop_after;   /* return CF_EINPUT after this many rows; 0 = never */
};

static int collect(void *ctx, long row, const struct xlsx_cell *cells, int ncells, struct cf_error *err)
{
	struct rows *r = ctx;
	if (r->n >= 64)
		return cf_error_set(err, CF_EIO, "too many rows for the test");
	char *p = r->lines[r->n];
	size_t left = sizeof r->lines[0];
	int k = snprintf(p, left, "%ld:", row);
	for (int c = 0; c < ncells && k > 0 && (size_t)k < left; c++)
		k += snprintf(p + k, left - (size_t)k, "%s%s%s%s", c ? "|" : "", cells[c].text,
			      cells[c].is_number ? "#" : "", cells[c].is_date ? "@" : "");
	r->n++;
	if (r->stop_after && r->n >= r->stop_after)
		return cf_error_set(err, CF_EINPUT, "stopped by the callback");
	return CF_OK;
}

static int read_sheet(const char *path, const char *sheet, struct rows *out, struct cf_error *err)
{
	struct xlsx_book *b;
	int rc = xlsx_open(&b, path, err);
	if (rc)
		return rc;
	int i = xlsx_sheet_find(b, sheet);
	rc = xlsx_sheet_read(b, i, collect, out, err);
	xlsx_close(b);
	return rc;
}

/* --- dates ------------------------------------------------------------------ */

static void expect_serial(double serial, const char *iso)
{
	cf_date d;
	char buf[11];
	assert_int_equal(xlsx_serial_to_date(serial, &d), 0);
	cf_date_format(d, buf);
	assert_string_equal(buf, iso);
}

static void test_serial_dates(void **state)
{
	cf_date d;
	expect_serial(1, "1900-01-01");
	expect_serial(59, "1900-02-28");
	assert_int_equal(xlsx_serial_to_date(60, &d), -1);  /* Lotus's 29 Feb 1900 */
	expect_serial(61, "1900-03-01");
	expect_serial(42029, "2015-01-25");
	expect_serial(45383, "2024-04-01");
	expect_serial(45383.75, "2024-04-01");                /* time of day dropped */
	expect_serial(2958465, "9999-12-31");
	assert_int_equal(xlsx_serial_to_date(0, &d), -1);
	assert_int_equal(xlsx_serial_to_date(-3, &d), -1);
	assert_int_equal(xlsx_serial_to_date(2958466, &d), -1);
	assert_int_equal(xlsx_serial_to_date(NAN, &d), -1);
}

/* --- workbooks written with libxlsxwriter ---------------------------------------- */

static void write_book(const char *path, int inline_strings, int extra_sheets)
{
	lxw_workbook_options opt = { .constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	assert_non_null(wb);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	lxw_format *iso = workbook_add_format(wb);
	format_set_num_format(iso, "[$-409]yyyy\\-mm\\-dd;@");
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	lxw_format *clock = workbook_add_format(wb);
	format_set_num_format(clock, "hh:mm:ss");
	lxw_format *builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);

	lxw_worksheet *ws = workbook_add_worksheet(wb, "Data");
	worksheet_write_string(ws, 0, 0, "name", NULL);
	worksheet_write_string(ws, 0, 1, "count", NULL);
	worksheet_write_string(ws, 0, 2, "when", NULL);
	worksheet_write_string(ws, 0, 3, "flag", NULL);
	worksheet_write_string(ws, 0, 4, "note", NULL);

	worksheet_write_string(ws, 1, 0, "alpha", NULL);
	worksheet_write_number(ws, 1, 1, 12, NULL);
	lxw_datetime when = { 2024, 4, 1, 0, 0, 0 };
	worksheet_write_datetime(ws, 1, 2, &when, date);
	worksheet_write_boolean(ws, 1, 3, 1, NULL);
	if (!inline_strings) {
		lxw_rich_string_tuple f1 = { bold, "bold" }, f2 = { NULL, " and plain" };
		lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };
		worksheet_write_rich_string(ws, 1, 4, rich, NULL);
	} else {
		worksheet_write_string(ws, 1, 4, "bold and plain", NULL);
	}
	/* row 3 left out entirely */
	worksheet_write_string(ws, 3, 0, "gap", NULL);
	worksheet_write_number(ws, 3, 5, 3.25, money);     /* F4, after three empty columns */
	worksheet_write_formula_num(ws, 4, 1, "=1+2", NULL, 3);
	worksheet_write_datetime(ws, 4, 2, &when, iso);
	worksheet_write_number(ws, 4, 3, 0.5, clock);      /* a time, not a date */
	worksheet_write_number(ws, 4, 4, 45383, builtin);  /* built-in date format 14 */
	worksheet_write_string(ws, 5, 0, "  padded  ", NULL);
	worksheet_write_number(ws, 5, 1, -813, NULL);
	worksheet_write_boolean(ws, 5, 2, 0, NULL);
	/* formatted but empty cells: rows that exist in the XML with nothing in them */
	worksheet_write_blank(ws, 6, 0, bold);
	worksheet_write_blank(ws, 9, 2, bold);
	worksheet_write_string(ws, 7, 2, "", NULL);

	workbook_add_worksheet(wb, "Empty");
	lxw_worksheet *third = workbook_add_worksheet(wb, "Third sheet");
	worksheet_write_string(third, 2, 27, "AB3", NULL);
	for (int i = 0; i < extra_sheets; i++) {
		char name[32];
		snprintf(name, sizeof name, "Extra %02d", i + 1);
		lxw_worksheet *x = workbook_add_worksheet(wb, name);
		worksheet_write_number(x, 0, 0, i + 1, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void check_data_sheet(const char *path, int inline_strings)
{
	struct rows r = { .n = 0 };
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(read_sheet(path, "data", &r, &err), CF_OK);
	assert_int_equal(r.n, 5);
	assert_string_equal(r.lines[0], "1:name|count|when|flag|note");
	assert_string_equal(r.lines[1], "2:alpha|12#|45383#@|TRUE|bold and plain");
	assert_string_equal(r.lines[2], "4:gap|||||3.25#");
	assert_string_equal(r.lines[3], "5:|3#|45383#@|0.5#|45383#@");
	assert_string_equal(r.lines[4], "6:  padded  |-813#|FALSE");
	(void)inline_strings;
}

static void test_shared_strings_book(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "shared.xlsx");
	write_book(path, 0, 0);
	check_data_sheet(path, 0);

	struct xlsx_book *b;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(xlsx_open(&b, path, &err), CF_OK);
	assert_int_equal(xlsx_sheet_count(b), 3);
	assert_string_equal(xlsx_sheet_name(b, 0), "Data");
	assert_string_equal(xlsx_sheet_name(b, 2), "Third sheet");
	assert_null(xlsx_sheet_name(b, 3));
	assert_int_equal(xlsx_sheet_find(b, "  THIRD SHEET "), 2);
	assert_int_equal(xlsx_sheet_find(b, "Third"), -1);

	struct rows r = { .n = 0 };
	assert_int_equal(xlsx_sheet_read(b, 1, collect, &r, &err), CF_OK);
	assert_int_equal(r.n, 0);   /* an empty sheet: no rows */
	assert_int_equal(xlsx_sheet_read(b, 2, collect, &r, &err), CF_OK);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.lines[0], "3:|||||||||||||||||||||||||||AB3");  /* AB is column 27 */
	/* the same sheet read twice gives the same rows */
	assert_int_equal(xlsx_sheet_read(b, 2, collect, &r, &err), CF_OK);
	assert_string_equal(r.lines[1], r.lines[0]);
	xlsx_close(b);
}

static void test_inline_strings_book(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "inline.xlsx");
	write_book(path, 1, 0);
	check_data_sheet(path, 1);
}

static void test_many_sheets(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "many.xlsx");
	write_book(path, 0, 40);
	struct xlsx_book *b;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(xlsx_open(&b, path, &err), CF_OK);
	assert_int_equal(xlsx_sheet_count(b), 43);
	for (int i = 0; i < 40; i++) {
		char name[32], want[32];
		snprintf(name, sizeof name, "extra %02d", i + 1);
		int s = xlsx_sheet_find(b, name);
		assert_int_equal(s, 3 + i);
		struct rows r = { .n = 0 };
		assert_int_equal(xlsx_sheet_read(b, s, collect, &r, &err), CF_OK);
		assert_int_equal(r.n, 1);
		snprintf(want, sizeof want, "1:%d#", i + 1);
		assert_string_equal(r.lines[0], want);
	}
	xlsx_close(b);
}

static void test_callback_stops_the_read(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "stop.xlsx");
	write_book(path, 0, 0);
	struct rows r = { .n = 0, .stop_after = 2 };
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(read_sheet(path, "Data", &r, &err), CF_EINPUT);
	assert_int_equal(r.n, 2);
	assert_string_equal(err.msg, "stopped by the callback");
}

/* --- a hand-built package ------------------------------------------------------ */

static void zip_put(zip_t *z, const char *name, const char *text)
{
	zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
	assert_non_null(src);
	assert_true(zip_file_add(z, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) >= 0);
}

static const char *const RELS_ROOT =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/xl/workbook.xml\"/>"
	"</Relationships>";
static const char *const WORKBOOK =
	"<?xml version=\"1.0\"?><x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:sheets>"
	"<x:sheet name=\"Hand made\" sheetId=\"1\" r:id=\"rId1\"/><x:sheet name=\"Lost\" sheetId=\"2\" r:id=\"rId2\"/>"
	"</x:sheets></x:workbook>";
static const char *const WORKBOOK_RELS =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"sheets/../worksheets/one.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/gone.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";
static const char *const STRINGS =
	"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<si><r><t>Ri</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">ch </t></r><r><t>text</t></r></si>"
	"<si><t>\xe6\x97\xa5\xe6\x9c\xac</t><rPh sb=\"0\" eb=\"2\"><t>\xe3\x83\x8b\xe3\x83\x9b\xe3\x83\xb3</t></rPh></si>"
	"<si><t>line_x000D_break _x005F_x0041_</t></si><si/></sst>";
static const char *const STYLES =
	"<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts><numFmt numFmtId=\"164\" formatCode=\"&quot;day&quot; 0\"/><numFmt numFmtId=\"165\" formatCode=\"mmm\\ yyyy\"/></numFmts>"
	"<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";
static const char *const SHEET =
	"<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
	"<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c><x:c t=\"s\"><x:v>2</x:v></x:c></x:row>"
	"<x:row r=\"3\"><x:c r=\"B3\" t=\"inlineStr\"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c>"
	"<x:c t=\"str\"><x:f>A1&amp;\"\"</x:f><x:v>formula text</x:v></x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c>"
	"<x:c t=\"d\"><x:v>2024-03-31</x:v></x:c></x:row>"
	"<x:row r=\"4\"><x:c r=\"A4\" s=\"1\"><x:v>7</x:v></x:c><x:c r=\"B4\" s=\"2\"><x:v>45383</x:v></x:c>"
	"<x:c r=\"C4\" t=\"s\"><x:v>3</x:v></x:c></x:row>"
	"<x:row r=\"5\"><x:c r=\"A5\" t=\"s\"><x:v>3</x:v></x:c></x:row>"
	"<x:row r=\"6\"/>"
	"</x:sheetData><x:mergeCells count=\"0\"/></x:worksheet>";

static void write_hand_made(const char *path, const char *sheet_xml, const char *omit)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	const char *names[] = { "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/strings.xml",
				"xl/styles.xml", "xl/worksheets/one.xml" };
	const char *texts[] = { RELS_ROOT, WORKBOOK, WORKBOOK_RELS, STRINGS, STYLES, sheet_xml };
	for (int i = 0; i < 6; i++)
		if (!omit || strcmp(omit, names[i]))
			zip_put(z, names[i], texts[i]);
	assert_int_equal(zip_close(z), 0);
}

static void test_hand_made_package(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "hand.xlsx");
	write_hand_made(path, SHEET, NULL);
	struct rows r = { .n = 0 };
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(read_sheet(path, "hand made", &r, &err), CF_OK);
	assert_int_equal(r.n, 3);
	/* rich runs joined, phonetic run dropped, _xHHHH_ decoded */
	assert_string_equal(r.lines[0], "1:Rich text|\xe6\x97\xa5\xe6\x9c\xac|line\rbreak _x0041_");
	/* no r on cells: they follow the previous cell; t="d" is a date as written */
	assert_string_equal(r.lines[1], "3:|inline|formula text|#N/A|2024-03-31@");
	/* a quoted "d" in a format is not a date; "mmm yyyy" is; an empty shared string is empty */
	assert_string_equal(r.lines[2], "4:7#|45383#@");
	/* row 5 holds only an empty string and row 6 nothing: both skipped */
}

static void expect_input_error(int rc, const struct cf_error *err, const char *path, const char *words)
{
	assert_int_equal(rc, CF_EINPUT);
	assert_string_equal(err->file, path);
	if (!strstr(err->msg, words))
		fail_msg("message '%s' does not say '%s'", err->msg, words);
}

static void test_missing_sheet_part(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "lost.xlsx");
	write_hand_made(path, SHEET, NULL);
	struct rows r = { .n = 0 };
	struct cf_error err;
	cf_error_clear(&err);
	int rc = read_sheet(path, "Lost", &r, &err);
	expect_input_error(rc, &err, path, "sheet 'Lost' is missing");
	cf_error_clear(&err);
	rc = read_sheet(path, "No such sheet", &r, &err);   /* find gives -1 */
	expect_input_error(rc, &err, path, "no sheet number 0");
	assert_int_equal(r.n, 0);
}

static void test_malformed_sheet_xml(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "badxml.xlsx");
	write_hand_made(path, "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row><row",
			NULL);
	struct rows r = { .n = 0 };
	struct cf_error err;
	cf_error_clear(&err);
	int rc = read_sheet(path, "Hand made", &r, &err);
	expect_input_error(rc, &err, path, "xl/worksheets/one.xml");
	assert_int_equal(r.n, 1);   /* the row before the damage was delivered */
}

static void test_bad_shared_string_index(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "badindex.xlsx");
	write_hand_made(path, "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"7\"><c r=\"C7\" t=\"s\"><v>99</v></c>"
			      "</row></sheetData></worksheet>", NULL);
	struct rows r = { .n = 0 };
	struct cf_error err;
	cf_error_clear(&err);
	int rc = read_sheet(path, "Hand made", &r, &err);
	expect_input_error(rc, &err, path, "shared string");
	assert_int_equal(err.line, 7);
	assert_string_equal(err.column, "C");
	assert_string_equal(err.value, "99");
}

static void test_no_workbook_part(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "noworkbook.xlsx");
	write_hand_made(path, SHEET, "xl/workbook.xml");
	struct xlsx_book *b = (struct xlsx_book *)1;
	struct cf_error err;
	cf_error_clear(&err);
	int rc = xlsx_open(&b, path, &err);
	expect_input_error(rc, &err, path, "no workbook part");
	assert_null(b);
	tmp_path(path, sizeof path, "norels.xlsx");
	write_hand_made(path, SHEET, "xl/_rels/workbook.xml.rels");
	rc = xlsx_open(&b, path, &err);
	expect_input_error(rc, &err, path, "xl/_rels/workbook.xml.rels");
}

static void test_not_a_zip(void **state)
{
	char path[300];
	tmp_path(path, sizeof path, "text.xlsx");
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("CHILD,SEX,DOB\n1,1,01/01/2010\n", fp);
	fclose(fp);
	struct xlsx_book *b;
	struct cf_error err;
	cf_error_clear(&err);
	expect_input_error(xlsx_open(&b, path, &err), &err, path, "not a zip");
	tmp_path(path, sizeof path, "absent.xlsx");
	assert_int_not_equal(xlsx_open(&b, path, &err), CF_OK);
	assert_string_equal(err.file, path);
}

static void test_truncated_zip(void **state)
{
	char full[300], cut[300];
	tmp_path(full, sizeof full, "full.xlsx");
	tmp_path(cut, sizeof cut, "cut.xlsx");
	write_book(full, 0, 3);
	FILE *in = fopen(full, "rb");
	assert_non_null(in);
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, in);
	fclose(in);
	assert_true(n > 1000);
	FILE *out = fopen(cut, "wb");
	assert_non_null(out);
	fwrite(buf, 1, n / 2, out);
	fclose(out);
	struct xlsx_book *b;
	struct cf_error err;
	cf_error_clear(&err);
	expect_input_error(xlsx_open(&b, cut, &err), &err, cut, "truncated");
}

static void test_damaged_entry(void **state)
{
	/* the central directory is intact but a sheet's compressed bytes are not */
	char path[300];
	tmp_path(path, sizeof path, "damaged.xlsx");
	write_book(path, 0, 0);
	int zerr;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	assert_non_null(z);
	zip_stat_t st;
	assert_int_equal(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
	zip_int64_t idx = zip_name_locate(z, "xl/worksheets/sheet1.xml", 0);
	zip_discard(z);
	assert_true(idx >= 0);
	/* find the entry's data by its local header and scramble the middle of it */
	FILE *fp = fopen(path, "r+b");
	assert_non_null(fp);
	static unsigned char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, fp);
	const char *name = "xl/worksheets/sheet1.xml";
	size_t at = 0;
	for (size_t i = 30; i + strlen(name) < n; i++)
		if (!memcmp(buf + i, name, strlen(name)) && buf[i - 30] == 'P' && buf[i - 29] == 'K' && buf[i - 28] == 3) {
			at = i + strlen(name) + (size_t)(buf[i - 2] | buf[i - 1] << 8);
			break;
		}
	assert_true(at > 0);
	for (size_t i = 0; i < st.comp_size / 2 && at + i < n; i++)
		buf[at + st.comp_size / 4 + i] ^= 0x5A;
	fseek(fp, 0, SEEK_SET);
	fwrite(buf, 1, n, fp);
	fclose(fp);
	struct rows r = { .n = 0 };
	struct cf_error err;
	cf_error_clear(&err);
	int rc = read_sheet(path, "Data", &r, &err);
	expect_input_error(rc, &err, path, "sheet 'Data'");
}

/* --- the Annex A samples --------------------------------------------------------- */

static void test_annex_a_samples(void **state)
{
	const char *shared = getenv("CASEFLOW_SHARED");
	char dir[600];
	snprintf(dir, sizeof dir, "%s/data/samples/annex-a", shared ? shared : "../shared");
	if (access(dir, R_OK) != 0) {
		if (getenv("CI") && !strcmp(getenv("CI"), "true"))
			fail_msg("%s is missing, and CI must have it", dir);
		fprintf(stderr, "# SKIP Annex A samples: %s not found beside the checkout\n", dir);
		skip();
	}
	/* rows with a value per list, counted independently from the XML */
	static const int rows[11] = { 6, 6, 7, 6, 6, 6, 8, 6, 7, 6, 6 };
	const char *files[] = { "Annex_A.xlsx", "Annex_A_2024_Jan.xlsx" };
	for (int f = 0; f < 2; f++) {
		char path[700];
		snprintf(path, sizeof path, "%s/%s", dir, files[f]);
		struct xlsx_book *b;
		struct cf_error err;
		cf_error_clear(&err);
		assert_int_equal(xlsx_open(&b, path, &err), CF_OK);
		assert_int_equal(xlsx_sheet_count(b), 11);
		for (int i = 0; i < 11; i++) {
			char name[16];
			snprintf(name, sizeof name, "List %d", i + 1);
			assert_string_equal(xlsx_sheet_name(b, i), name);
			assert_int_equal(xlsx_sheet_find(b, name), i);
			struct rows r = { .n = 0 };
			assert_int_equal(xlsx_sheet_read(b, i, collect, &r, &err), CF_OK);
			assert_int_equal(r.n, rows[i]);
			assert_true(!strncmp(r.lines[0], i == 10 ? "1:Individual adopter identifier|"
									 : "1:Child Unique ID|",
					     i == 10 ? 32 : 18));
		}
		if (f == 0) {
			/* List 1: D2 a date of birth in a date style; D3 styled but empty */
			struct rows r = { .n = 0 };
			assert_int_equal(xlsx_sheet_read(b, 0, collect, &r, &err), CF_OK);
			assert_non_null(strstr(r.lines[1], "|42029#@|"));
			assert_non_null(strstr(r.lines[2], "|b) Female|k) APKN||"));
		}
		xlsx_close(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serial_dates),
		cmocka_unit_test(test_shared_strings_book),
		cmocka_unit_test(test_inline_strings_book),
		cmocka_unit_test(test_many_sheets),
		cmocka_unit_test(test_callback_stops_the_read),
		cmocka_unit_test(test_hand_made_package),
		cmocka_unit_test(test_missing_sheet_part),
		cmocka_unit_test(test_malformed_sheet_xml),
		cmocka_unit_test(test_bad_shared_string_index),
		cmocka_unit_test(test_no_workbook_part),
		cmocka_unit_test(test_not_a_zip),
		cmocka_unit_test(test_truncated_zip),
		cmocka_unit_test(test_damaged_entry),
		cmocka_unit_test(test_annex_a_samples),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
