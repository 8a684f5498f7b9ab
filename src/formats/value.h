/* Normalising one raw value from a return (CIN census, workforce census,
 * local CSVs, Annex A) into what the store keeps: ISO dates, 0/1 flags,
 * upper-case codes checked against a list, numbers. Every function fills a
 * struct value: VALUE_OK (out holds the clean value), VALUE_EMPTY (nothing
 * there: store NULL), VALUE_NOTE (out holds the clean value, but the file
 * did not write it as the specification says: record why) or VALUE_ISSUE
 * (out holds the raw value, trimmed, to store as given; record why). */
#ifndef CF_FORMATS_VALUE_H
#define CF_FORMATS_VALUE_H

#include <stddef.h>

enum value_status { VALUE_OK = 0, VALUE_EMPTY, VALUE_NOTE, VALUE_ISSUE };

/* A result: out is NUL-terminated; why/kind are static strings. */
struct value {
	enum value_status status;
	char out[160];
	const char *why;
	const char *kind;     /* "bad_date", "unknown_code", "bad_number", "bad_value", "bad_postcode",
			       * "nonstandard_value", "label_mapped" (NOTE) */
};

/* dd/mm/yyyy, yyyy-mm-dd (optionally with a time) -> yyyy-mm-dd. */
void value_date(const char *raw, size_t len, struct value *v);
/* 0/1, true/false, yes/no, y/n, "a) Yes"/"b) No" (any case) -> "1"/"0".
 * strict: the specification says 0/1 (XML returns), so anything else that
 * is still readable is a VALUE_NOTE. */
void value_flag(const char *raw, size_t len, int strict, struct value *v);
/* Upper-cased code; codes = space-separated valid list, NULL = any. DfE's
 * label of one of the codes gives the code, as a VALUE_NOTE "label_mapped". */
void value_code(const char *raw, size_t len, const char *codes, struct value *v);
/* Space-separated list of codes (factors, disabilities): each is checked;
 * out holds them upper-cased, separated by one space. */
void value_codes(const char *raw, size_t len, const char *codes, struct value *v);
/* Whole number >= 0. */
void value_count(const char *raw, size_t len, struct value *v);
/* Decimal number >= 0 (FTE, counts of people in estimates). */
void value_decimal(const char *raw, size_t len, struct value *v);
/* An amount of money in pounds: optional sign, optional "£", thousands
 * commas, decimals ("£1,234.50", "-12") -> "1234.50", "-12". signed_ok 0
 * refuses a negative amount (a weekly cost); 1 allows it (a ledger credit). */
void value_money(const char *raw, size_t len, int signed_ok, struct value *v);
/* Trimmed text, no check. */
void value_text(const char *raw, size_t len, struct value *v);
/* A postcode sector ("LS1 4") or a full postcode reduced to its sector; an
 * unreadable value is never stored (out is "" with VALUE_ISSUE), since it
 * may be a full postcode. */
void value_sector(const char *raw, size_t len, struct value *v);
/* An area for localities: a ward or other ONS code (E05001234, any case),
 * else a postcode sector as value_sector. */
void value_area(const char *raw, size_t len, struct value *v);

/* 1 when code (len bytes) is one of the space-separated codes. */
int value_in_list(const char *code, size_t len, const char *codes);

#endif
