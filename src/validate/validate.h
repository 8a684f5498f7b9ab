/* The validation engine: DfE's SSDA903 and CIN census rules, each declared
 * once with the collection years its version is in force, run over a
 * dataset of frames (validate/vframe.h), giving findings an analyst can use
 * to correct the record: rule, table, row, child, fields and their values.
 *
 * Years are collection years by their end: 2024 is 2023-24 (DfE's
 * "lac2023_24" ruleset). A year's ruleset holds, for each rule code, the
 * newest version with since <= year, unless that version ended (until). */
#ifndef CF_VALIDATE_VALIDATE_H
#define CF_VALIDATE_VALIDATE_H

#include <stddef.h>

#include "validate/vframe.h"
#include "base/error.h"
#include "base/table.h"
#include "store/store.h"

struct vlookup;

enum vreturn { VR_903 = 0, VR_CIN = 1 };
enum vkind { VK_ERROR = 0, VK_QUERY = 1 };

/* The oldest ruleset: DfE's 2022-23 rules, also used for earlier years. */
#define VR_BASE_YEAR 2023

struct vrun;
struct vx;

/* A rule's check: flag rows with vrun_flag. Returns VCHECK_RAN, VCHECK_SKIP
 * when the tables it needs are absent (DfE's tool then reports nothing), or
 * a negative value on OOM. */
typedef int (*vcheck_fn)(struct vrun *run);
enum { VCHECK_RAN = 0, VCHECK_SKIP = 1, VCHECK_OOM = -1 };

/* Lookups a rule needs beyond the return itself. */
enum vneed { VN_NONE = 0, VN_POSTCODES = 1, VN_PROVIDERS = 2,
	     VN_UPN = 4, /* the UPN's characters, which the store never keeps */
	     VN_LA = 8 /* the validating LA's code (--la) */ };

struct vrule {
	const char *code;        /* "103", "392c", "8500", "2886Q" */
	enum vreturn ret;
	int since, until;        /* years this version is in force; until 0 = still */
	enum vkind kind;
	const char *message;
	const char *tables;      /* space-separated frame names the findings are in */
	const char *fields;      /* space-separated fields an analyst should look at */
	const char *need;        /* tables that must be present to run (default: the first of tables) */
	enum vneed needs;
	vcheck_fn check;
	const struct vx *expr;   /* the row pattern, for pattern checks */
	const void *arg;         /* other parameters of the check */
	const char *pair;        /* vp_pairs: the table each tested row is paired with on CHILD */
	int pair_inner;          /* vp_pairs: a row whose child has no pair is not tested */
	const char *order;       /* date column ordering a child's rows for "-1:"/"+1:" (DECOM) */
};

/* One rule applied to one dataset. Checks read the dataset and flag rows. */
struct vrun {
	struct vdata *vd;
	const struct vrule *rule;
	int year;
	unsigned char *hits[VDATA_MAXFRAMES];  /* per frame of vd, per row: flagged */
	long nhits;
};

/* The frame called name, or NULL. */
struct vframe *vrun_frame(struct vrun *run, const char *name);
/* 1 when every space-separated table in names is present. */
int vrun_have(struct vrun *run, const char *names);
/* Flag row `row` (position, not label) of frame f. Returns 0 or -1 on OOM. */
int vrun_flag(struct vrun *run, struct vframe *f, long row);
/* Flag every row of f whose CHILD is child. */
int vrun_flag_child(struct vrun *run, struct vframe *f, const char *child);

/* All rule versions declared for a return type; *n set to the count. */
const struct vrule *const *validate_rules(enum vreturn ret, size_t *n);
/* The version of `code` in force in `year`, or NULL. */
const struct vrule *validate_rule_for_year(enum vreturn ret, const char *code, int year);
/* 1 when code is declared for ret in any year. */
int validate_rule_known(enum vreturn ret, const char *code);

/* Parse a collection year: "2023-24", "2023/24", "2023_24", "lac2023_24",
 * "2024" (by its end). Returns the year by its end, or 0. */
int validate_parse_year(const char *s);

/* Run one rule version. On VCHECK_RAN, run->hits hold the flags; the caller
 * calls vrun_release. */
int vrun_exec(struct vrun *run, struct vdata *vd, const struct vrule *rule, int year);
void vrun_release(struct vrun *run);

/* Options for a whole validation. */
struct validate_options {
	enum vreturn ret;
	int year;                 /* collection year by its end */
	const char *const *codes; /* only these rules (NULL = all) */
	int ncodes;
	int have_postcodes;       /* PL_LA/PL_DISTANCE were derived from lookups */
	int have_providers;
	int upn_absent;           /* the return's UPNs are not there (the store): rules on them are skipped */
	int la_absent;            /* no --la: rules comparing with the LA's code are skipped */
};

/* Results of a whole validation, as tables ready for outputs/render.h:
 * findings (one row per failing row and rule), summary (rows failing per
 * rule, most first) and rules (which ran, which were skipped and why). */
/* One flagged row: which rule, which frame of the dataset, which row. */
struct vhit {
	const struct vrule *rule;
	int frame;               /* index into vdata.frames */
	long row;                /* position in that frame */
};

struct vfindings;

/* findings holds no text of its own: each row is made from hits[] and the
 * dataset's values when it is read, so render the report before
 * vdata_release of the dataset it came from. */
struct validate_report {
	struct cf_table *findings;
	struct cf_table *summary;
	struct cf_table *rules;
	struct vhit *hits;       /* every finding, in findings' order (owned) */
	long nfindings;
	int nran, nskipped;
	struct vfindings *fill;  /* owned: what findings' rows are made from */
};

/* A value as findings and workbooks show it: a UPN (columns UPN and
 * FormerUPN) never, only "withheld, N characters" (written into buf); a
 * postcode (HOME_POST, PL_POST) as its sector, or withheld when it is not
 * one; any other value as it is. NULL when v is. */
const char *validate_shown(const char *col, const char *v, char *buf, size_t sz);

int validate_run(struct vdata *vd, const struct validate_options *opt, struct validate_report *rep,
		 struct cf_error *err);
void validate_report_release(struct validate_report *rep);

/* Every rule version in force in year (or every version when year is 0). */
int validate_list_rules(enum vreturn ret, int year, struct cf_table **out, struct cf_error *err);

/* --- the validation job ------------------------------------------------------
 * One entry point for every caller (caseflow validate, the server): load a
 * return from files or the store's returns, derive the ONS lookups' fields,
 * choose the year and the return kind, and run the rules. */

/* What to validate: the files of one return, or the store's returns. */
struct validate_request {
	char *const *paths;         /* files or folders of one return (or one CIN census XML) ... */
	int npaths;
	struct store *st;           /* ... or, when paths is NULL, the returns in this store */
	const char *previous;       /* files: the previous year's SSDA903 return, or NULL */
	int year;                   /* 0: files, from the folder name, else the census's ReferenceDate or the
				     * latest date; store, the latest SSDA903 year and every CIN census */
	enum vreturn ret;           /* files: VR_903 or VR_CIN (the caller sniffs a census) */
	int want_903, want_cin;     /* store: the kinds of return to validate */
	const char *const *codes;   /* only these rules (NULL: all); an unknown code is CF_EUSAGE */
	int ncodes;
	const char *la;             /* the LA's ONS code, or NULL */
	const char *postcodes, *authorities;   /* ONS lookups for SSDA903 returns, or NULL */
	int keep_frames;            /* store: keep every return's frames (the workbook's sheets need them) */
	int providers;              /* store: check URNs against the Ofsted provider list it holds (rules 1008,
				     * 219, 221, 224, 227, 228, 229); CF_EINPUT when it holds none */
};

/* One return validated, typed. vd and rep are released after their rows are
 * copied into the outcome's tables unless the request keeps frames (from
 * files they are always kept: the outcome's tables are rep's own). */
struct validate_return {
	char label[600];            /* "SSDA903 2023-24", "CIN census 2023-24 (FILE)" */
	char sheet_prefix[8];       /* before its sheets' names when a workbook holds several */
	int year;
	enum vreturn ret;
	long nfindings;
	int nran, nskipped;
	int looked_up;              /* postcodes were looked up: the counts below are set */
	long postcodes_wanted, postcodes_found, directory_rows;
	double lookup_seconds;
	long providers;             /* with --providers: the list's providers */
	char lookup_la[16];         /* the validating LA's upper-tier code */
	int kept;                   /* vd and rep still hold the return */
	struct vdata vd;
	struct validate_report rep;
};

struct validate_outcome {
	struct validate_return *returns;   /* owned, nreturns of them, in the order validated */
	int nreturns;
	/* summary, findings, rules: from files, the return's own (made from its
	 * frames); from the store, every return's rows with a last column
	 * "return" holding its label. */
	struct cf_table *tables[3];
	int own_tables;                    /* tables[] are owned here (the store's) */
	struct vlookup *lookup;            /* owned; kept frames point into it */
};

/* Validate what q asks for into *out (validate_outcome_free it, also after
 * a failure). CF_EUSAGE for an unknown rule code; CF_EINPUT when the files
 * or store hold nothing to validate or the year cannot be told. */
int validate_returns(const struct validate_request *q, struct validate_outcome **out, struct cf_error *err);
void validate_outcome_free(struct validate_outcome *o);

/* The room's loaders, which build a dataset from files or the store, and
 * its lookups (the ONS postcode directory): public, so that a caller needs
 * only this header. */
#include "validate/vload.h"
#include "validate/vload_cin.h"
#include "validate/vlookup.h"

#endif
