/* Loading a CIN census into validator frames named as DfE's CIN validator
 * names its tables (Header, ChildIdentifiers, ChildCharacteristics,
 * Disabilities, CINdetails, Assessments, CINplanDates, Section47,
 * ChildProtectionPlans, Reviews), from census XML through the CIN reader
 * or from a census held in the store. */
#ifndef CF_VALIDATE_VLOAD_CIN_H
#define CF_VALIDATE_VLOAD_CIN_H

#include "validate/vframe.h"
#include "base/error.h"
#include "store/store.h"

/* Read the census XML at path into frames: one row per element, labelled
 * 0, 1, ... per table, its file row the element's line. Dates are turned
 * from the XML's yyyy-mm-dd into dd/mm/yyyy; other values stay as given.
 * CINdetailsID counts a child's episodes from 1, AssessmentID and CPPID an
 * episode's assessments and plans, as DfE's tool numbers them.
 * ChildIdentifiers holds the UPN and FormerUPN in memory, for the rules on
 * them, and UPNgiven ("1" when a UPN was given); nothing shows a UPN
 * (validate_shown withholds it in findings and workbooks).
 * Call vload_cin_prepare afterwards. CF_OK, or the reader's status. */
int vload_cin_path(struct vdata *vd, const char *path, struct cf_error *err);

/* The collection year (by its end) of a census loaded into frames: that of
 * its Header's ReferenceDate (31 March 2024 is 2024). 0 when it has none. */
int vload_cin_year(struct vdata *vd);

/* A CIN census held in the store. */
struct vload_cin_return {
	long long id;            /* returns.id */
	int year;                /* collection year by its end; 0 unknown */
	char path[512];          /* the file it was loaded from */
};

/* The CIN census returns in the store, of collection year `year` (0: all),
 * by year then load order. *out is malloc'd (caller frees), *n its count. */
int vload_cin_store_list(struct store *st, int year, struct vload_cin_return **out, int *n,
			 struct cf_error *err);

/* Load one CIN census return from the store into the frames vload_cin_path
 * gives for its file, prepared (vload_cin_prepare): the same rows (the
 * lines the store recorded) and IDs (from the records' lines and referral
 * dates). Values are what the store keeps: codes upper-cased, flags 0/1,
 * dates read as dates; no UPN (only UPNgiven), no FormerUPN, no
 * AssessmentInternalReviewDate. CF_OK, or a status with err set. */
int vload_cin_store(struct vdata *vd, struct store *st, long long return_id, struct cf_error *err);

/* Make frames ready for the CIN rules (also frames loaded otherwise, as the
 * conformance tests do): CHILD, a copy of LAchildID, in every frame with
 * one (the patterns join a child's rows on CHILD); the census period from
 * the Header's first ReferenceDate (collection end) and the same day a year
 * before (collection start), as DfE's tool takes it; and the one-row frame
 * "LA" that rules about the return as a whole flag. Returns 0 or -1 on OOM. */
int vload_cin_prepare(struct vdata *vd);

#endif
