/* Loading a CIN census into validator frames named as DfE's CIN validator
 * names its tables (Header, ChildIdentifiers, ChildCharacteristics,
 * Disabilities, CINdetails, Assessments, CINplanDates, Section47,
 * ChildProtectionPlans, Reviews), from census XML through the CIN reader. */
#ifndef CF_ANALYSES_VLOAD_CIN_H
#define CF_ANALYSES_VLOAD_CIN_H

#include "analyses/vframe.h"
#include "base/error.h"

/* Read the census XML at path into frames: one row per element, labelled
 * 0, 1, ... per table, its file row the element's line. Dates are turned
 * from the XML's yyyy-mm-dd into dd/mm/yyyy; other values stay as given.
 * CINdetailsID counts a child's episodes from 1, AssessmentID and CPPID an
 * episode's assessments and plans, as DfE's tool numbers them. The UPN is
 * not handed over by the reader: ChildIdentifiers has UPNgiven ("1" when
 * one was given) instead, and the rules on the UPN's characters find none.
 * Call vload_cin_prepare afterwards. CF_OK, or the reader's status. */
int vload_cin_path(struct vdata *vd, const char *path, struct cf_error *err);

/* Make frames ready for the CIN rules (also frames loaded otherwise, as the
 * conformance tests do): CHILD, a copy of LAchildID, in every frame with
 * one (the patterns join a child's rows on CHILD); the census period from
 * the Header's first ReferenceDate (collection end) and the same day a year
 * before (collection start), as DfE's tool takes it; and the one-row frame
 * "LA" that rules about the return as a whole flag. Returns 0 or -1 on OOM. */
int vload_cin_prepare(struct vdata *vd);

#endif
