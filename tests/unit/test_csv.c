/* The streaming CSV reader: what councils really send, and where it stops. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"

/* A reader over bytes held in a temporary file. */
struct fixture {
	FILE *fp;
	struct csv_reader r;
	struct cf_error err;
};

static void open_bytes(struct fixture *f, const char *data, size_t len)
{
	f->fp = tmpfile();
	assert_non_null(f->fp);
	assert_int_equal(fwrite(data, 1, len, f->fp), len);
	rewind(f->fp);
	cf_error_clear(&f->err);
	assert_int_equal(csv_reader_init_fp(&f->r, f->fp, "t.csv", &f->err), CF_OK);
}

static void open_text(struct fixture *f, const char *text) { open_bytes(f, text, strlen(text)); }

static void close_fixture(struct fixture *f)
{
	csv_reader_close(&f->r);
	fclose(f->fp);
}

static void expect_row(struct fixture *f, int n, ...)
{
	assert_int_equal(csv_reader_next(&f->r, &f->err), 1);
	assert_int_equal(f->r.nfields, n);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);
		assert_string_equal(f->r.fields[i], want);
		assert_int_equal(f->r.lens[i], strlen(want));
	}
	va_end(ap);
}

static void test_bom_and_crlf(void **state)
{
	struct fixture f;
	open_text(&f, "\xEF\xBB\xBF" "CHILD,DOB\r\n1,01/01/2020\r\n2,02/02/2020");
	expect_row(&f, 2, "CHILD", "DOB");
	assert_int_equal(f.r.record, 1);
	expect_row(&f, 2, "1", "01/01/2020");
	expect_row(&f, 2, "2", "02/02/2020");   /* no newline at the end */
	assert_int_equal(f.r.line, 3);
	assert_int_equal(csv_reader_next(&f.r, &f.err), 0);
	close_fixture(&f);
}

static void test_bom_only_at_start(void **state)
{
	struct fixture f;
	/* a BOM later in the file is data, not a marker */
	open_text(&f, "A\n\xEF\xBB\xBFx\n");
	expect_row(&f, 1, "A");
	expect_row(&f, 1, "\xEF\xBB\xBFx");
	close_fixture(&f);
}

static void test_quotes_and_embedded_newlines(void **state)
{
	struct fixture f;
	open_text(&f, "a,\"b \"\"q\"\" c\",\"x\r\ny\"\r\n\"\",\",\",3\nlast,\"\"\"\"\n");
	expect_row(&f, 3, "a", "b \"q\" c", "x\r\ny");
	assert_int_equal(f.r.line, 1);
	expect_row(&f, 3, "", ",", "3");
	assert_int_equal(f.r.line, 3);           /* the quoted newline took a line */
	assert_int_equal(f.r.record, 2);
	expect_row(&f, 2, "last", "\"");
	assert_int_equal(f.r.line, 4);
	assert_int_equal(csv_reader_next(&f.r, &f.err), 0);
	close_fixture(&f);
}

static void test_empty_fields(void **state)
{
	struct fixture f;
	open_text(&f, ",,\n\n");
	expect_row(&f, 3, "", "", "");
	assert_true(csv_row_is_blank(&f.r));
	expect_row(&f, 1, "");
	close_fixture(&f);
}

static void test_blank_trailing_rows(void **state)
{
	struct fixture f;
	open_text(&f, "A,B\n1,2\n\n,\n \t,\r\n");
	expect_row(&f, 2, "A", "B");
	expect_row(&f, 2, "1", "2");
	assert_false(csv_row_is_blank(&f.r));
	for (int i = 0; i < 3; i++) {
		assert_int_equal(csv_reader_next(&f.r, &f.err), 1);
		assert_true(csv_row_is_blank(&f.r));
	}
	assert_int_equal(csv_reader_next(&f.r, &f.err), 0);
	close_fixture(&f);
}

/* A record that starts just before the first 256 KiB buffer ends and holds
 * a quoted newline and a "" across the boundary. */
static void test_record_across_buffer_boundary(void **state)
{
	const size_t chunk = 256 * 1024;
	for (size_t back = 1; back < 40; back += 3) {
		size_t pre = chunk - back;
		char *data = malloc(pre + 200);
		assert_non_null(data);
		/* filler rows of "x...x\n" up to `pre` bytes */
		size_t n = 0;
		long lines = 0;
		while (n < pre) {
			size_t len = pre - n > 100 ? 99 : pre - n - 1;
			memset(data + n, 'x', len);
			n += len;
			data[n++] = '\n';
			lines++;
		}
		const char *tail = "id,\"one\ntwo \"\"three\"\" four\",end\r\nnext\n";
		memcpy(data + n, tail, strlen(tail));
		n += strlen(tail);
		struct fixture f;
		open_bytes(&f, data, n);
		for (long i = 0; i < lines; i++)
			assert_int_equal(csv_reader_next(&f.r, &f.err), 1);
		expect_row(&f, 3, "id", "one\ntwo \"three\" four", "end");
		assert_int_equal(f.r.line, lines + 1);
		expect_row(&f, 1, "next");
		assert_int_equal(f.r.line, lines + 3);
		assert_int_equal(csv_reader_next(&f.r, &f.err), 0);
		assert_int_equal(csv_reader_bytes(&f.r), (long long)n);
		close_fixture(&f);
		free(data);
	}
}

static void test_record_longer_than_buffer(void **state)
{
	size_t big = 700 * 1024;
	char *data = malloc(big + 64);
	assert_non_null(data);
	memcpy(data, "h\n\"", 3);
	memset(data + 3, 'y', big);
	memcpy(data + 3 + big, "\",z\nlast\n", 9);
	struct fixture f;
	open_bytes(&f, data, big + 12);
	expect_row(&f, 1, "h");
	assert_int_equal(csv_reader_next(&f.r, &f.err), 1);
	assert_int_equal(f.r.nfields, 2);
	assert_int_equal(f.r.lens[0], big);
	assert_string_equal(f.r.fields[1], "z");
	expect_row(&f, 1, "last");
	close_fixture(&f);
	free(data);
}

static void test_unterminated_quote(void **state)
{
	struct fixture f;
	open_text(&f, "A,B\n1,2\n3,\"never closed\nmore\n");
	expect_row(&f, 2, "A", "B");
	expect_row(&f, 2, "1", "2");
	assert_int_equal(csv_reader_next(&f.r, &f.err), -1);
	assert_int_equal(f.err.status, CF_EINPUT);
	assert_int_equal(f.err.line, 3);          /* where the record started */
	assert_string_equal(f.err.file, "t.csv");
	assert_non_null(strstr(f.err.msg, "unterminated"));
	close_fixture(&f);
}

static void test_nul_byte(void **state)
{
	struct fixture f;
	open_bytes(&f, "A,B\n1,2\n3,\0" "4\n", 13);
	expect_row(&f, 2, "A", "B");
	expect_row(&f, 2, "1", "2");
	assert_int_equal(csv_reader_next(&f.r, &f.err), -1);
	assert_int_equal(f.err.status, CF_EINPUT);
	assert_int_equal(f.err.line, 3);
	assert_non_null(strstr(f.err.msg, "NUL"));
	close_fixture(&f);
}

static void test_row_longer_than_cap(void **state)
{
	size_t big = CSV_MAX_ROW + 1024;
	char *data = malloc(big);
	assert_non_null(data);
	memcpy(data, "A\n", 2);
	memset(data + 2, 'z', big - 2);   /* no newline: one endless record */
	struct fixture f;
	open_bytes(&f, data, big);
	free(data);
	expect_row(&f, 1, "A");
	assert_int_equal(csv_reader_next(&f.r, &f.err), -1);
	assert_int_equal(f.err.status, CF_EINPUT);
	assert_int_equal(f.err.line, 2);
	assert_non_null(strstr(f.err.msg, "longer than"));
	close_fixture(&f);
}

static void test_too_many_fields(void **state)
{
	size_t n = 5000;
	char *data = malloc(n + 1);
	assert_non_null(data);
	memset(data, ',', n);
	data[n] = '\n';
	struct fixture f;
	open_bytes(&f, data, n + 1);
	free(data);
	assert_int_equal(csv_reader_next(&f.r, &f.err), -1);
	assert_int_equal(f.err.status, CF_EINPUT);
	assert_non_null(strstr(f.err.msg, "4096"));
	close_fixture(&f);
}

static void test_open_missing_file(void **state)
{
	struct csv_reader r;
	struct cf_error err;
	cf_error_clear(&err);
	assert_int_equal(csv_reader_open(&r, "/nonexistent/x.csv", &err), CF_EIO);
	assert_string_equal(err.file, "/nonexistent/x.csv");
}

static void test_write_field(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	const char *in[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", "\xEF\xBB\xBFx" };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		csv_write_field(out, in[i]);
		fputc('|', out);
	}
	csv_write_field(out, NULL);
	fclose(out);
	assert_string_equal(buf, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"||\"\xEF\xBB\xBFx\"|");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_bom_only_at_start),
		cmocka_unit_test(test_quotes_and_embedded_newlines),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_blank_trailing_rows),
		cmocka_unit_test(test_record_across_buffer_boundary),
		cmocka_unit_test(test_record_longer_than_buffer),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_row_longer_than_cap),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_open_missing_file),
		cmocka_unit_test(test_write_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
