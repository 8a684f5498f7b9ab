/* The children in need (CIN) census XML, every layout 2017 to 2026 (DfE
 * XSDs in spec/cin-census-xsd/): Message/Header, then Children/Child with
 * ChildIdentifiers, ChildCharacteristics and CINdetails (assessments, CIN
 * plan dates, section 47 enquiries, child protection plans and reviews).
 *
 * The reader streams: it hands over one child at a time through a callback,
 * so a national census needs the memory of one child, not of the file.
 * Values come as given (trimmed text with its line); normalising and judging
 * them is the loader's job (formats/value.h). What is off in the file's
 * structure but still readable (stray text, elements no layout has, an
 * element given twice) comes as remarks; only a document that is not
 * well-formed XML, or not a census at all, is an error. The UPN is not
 * handed over, only whether one was given, unless the handler asks for it
 * (want_upn: validation, which holds it in memory and never shows it). */
#ifndef CF_FORMATS_CIN_CENSUS_H
#define CF_FORMATS_CIN_CENSUS_H

#include "base/error.h"

/* Valid codes: the union over the 2017-2026 schemas, so a code valid in
 * any year is not an issue at load (the validator applies each year's). */
#define CIN_SEX_CODES "0 1 2 9 M F U"
#define CIN_ETHNIC_CODES "WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT"
#define CIN_UPN_UNKNOWN_CODES "UN1 UN2 UN3 UN4 UN5 UN6 UN7"
#define CIN_DISABILITY_CODES "NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA"
#define CIN_REFERRAL_SOURCE_CODES "1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10"
#define CIN_PRIMARY_NEED_CODES "N0 N1 N2 N3 N4 N5 N6 N7 N8 N9"
#define CIN_CLOSURE_CODES "RC1 RC2 RC3 RC4 RC5 RC6 RC7 RC8 RC9"
#define CIN_ABUSE_CODES "NEG PHY SAB EMO MUL"
#define CIN_FACTOR_CODES "1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A " \
	"10A 11A 12A 13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A"

/* A value as given: text is NULL when the element is absent ("" when empty). */
struct cin_field {
	const char *text;
	long line;
};

/* Something readable but off in the file. */
struct cin_remark {
	long line;
	const char *element;     /* the element concerned */
	const char *value;       /* the text concerned, or NULL */
	const char *kind;        /* "stray_text", "unknown_element", "repeated_element" */
	const char *why;
	struct cin_remark *next;
};

struct cin_header {
	struct cin_field collection, year, reference_date, lea;
	struct cin_remark *remarks;
};

struct cin_assessment {
	long line;
	struct cin_field start, internal_review, authorised;
	struct cin_field factors;          /* the AssessmentFactors, space-separated */
	struct cin_assessment *next;
};

struct cin_plan_dates {
	long line;
	struct cin_field start, end;
	struct cin_plan_dates *next;
};

struct cin_s47 {
	long line;
	struct cin_field start, icpc_target, icpc_date, icpc_not_required;
	struct cin_s47 *next;
};

struct cin_review {
	struct cin_field date;
	struct cin_review *next;
};

struct cin_cp_plan {
	long line;
	struct cin_field start, end, initial_category, latest_category, previous_plans;
	struct cin_review *reviews;        /* every CPPreviewDate, in file order */
	struct cin_cp_plan *next;
};

/* One CINdetails: a CIN episode from referral to closure. */
struct cin_episode {
	long line;
	struct cin_field referral_date, referral_source, primary_need, closure_date, closure_reason;
	struct cin_field icpc_date;        /* CINdetails/DateOfInitialCPC */
	struct cin_field nfa;              /* ReferralNFA */
	struct cin_assessment *assessments;
	struct cin_plan_dates *plans;
	struct cin_s47 *s47s;
	struct cin_cp_plan *cp_plans;
	struct cin_episode *next;
};

struct cin_child {
	long line;                         /* where <Child> starts */
	long index;                        /* 1 for the first child in the file */
	struct cin_field la_child_id, upn_unknown, dob, expected_dob, death_date, ethnicity;
	struct cin_field sex;              /* GenderCurrent (to 2024) or Sex (2025 on) */
	int upn_present;                   /* a non-empty UPN was given (the UPN is not kept) */
	struct cin_field upn, former_upn;  /* only when the handler has want_upn; else text NULL */
	struct cin_field disabilities;     /* the Disability codes, space-separated */
	struct cin_episode *episodes;
	struct cin_remark *remarks;
};

/* Return CF_OK to go on; CIN_STOP to stop reading without an error; any
 * other status stops and is returned. Records are valid during the call. */
#define CIN_STOP 100

struct cin_census_handler {
	/* once, before the first child (also when there are none) */
	int (*header)(void *ctx, const struct cin_header *h, struct cf_error *err);
	int (*child)(void *ctx, const struct cin_child *c, struct cf_error *err);
	/* remarks found outside the header and any child; may be NULL */
	int (*remark)(void *ctx, const struct cin_remark *r, struct cf_error *err);
	/* 1: hand over the UPN and FormerUPN (cin_child.upn, former_upn). Only
	 * for checking them in memory; a loader that stores never sets it. */
	int want_upn;
};

struct cin_census_stats {
	long children;
	long long bytes;
};

/* Read the census at path. Returns CF_OK (also after CIN_STOP), CF_EINPUT
 * when it is not well-formed XML or not a CIN census (root not <Message>,
 * no <Children>), with err naming file and line, CF_EIO when it cannot be
 * read, or what a handler returned. stats may be NULL. */
int cin_census_read(const char *path, const struct cin_census_handler *h, void *ctx,
		    struct cin_census_stats *stats, struct cf_error *err);

/* 1 when the start of the file (root <Message>) looks like a CIN census. */
int cin_census_sniff(const char *path);

#endif
