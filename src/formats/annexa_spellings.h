/* The Annex A header and value spellings as caseflow's own tables
 * (annexa_spellings.c, generated at development time by
 * tools/gen-annexa-spellings.c from Ofsted's Annex A schema). Private to
 * formats/: annexa_schema.c builds its matcher from them. */
#ifndef CF_FORMATS_ANNEXA_SPELLINGS_H
#define CF_FORMATS_ANNEXA_SPELLINGS_H

#include <stddef.h>

struct annexa_pattern {
	int group;              /* header patterns: the group; value patterns: the category set */
	const char *re;         /* POSIX extended regular expression */
	int icase;              /* 1: case-insensitive */
	const char *code;       /* value patterns: the category it gives; NULL for headers */
};

struct annexa_label {
	int set;                /* category set */
	const char *name;       /* normalised spelling: lower case, trimmed, single spaces */
	const char *code;       /* the category ("b) Female") */
};

struct annexa_column_spelling {
	int list;               /* 1..11 */
	int col;                /* column of the built-in list */
	int headers;            /* header pattern group, or -1 */
	int set;                /* category set, or -1 */
};

extern const struct annexa_pattern annexa_header_patterns[];
extern const int annexa_header_pattern_count;
extern const struct annexa_pattern annexa_value_patterns[];
extern const int annexa_value_pattern_count;
extern const struct annexa_label annexa_labels[];   /* sorted by set, then strcmp of name */
extern const int annexa_label_count;
extern const struct annexa_column_spelling annexa_column_spellings[];
extern const int annexa_column_spelling_count;

#endif
