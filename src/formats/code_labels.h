/* DfE's published labels for the codes of the SSDA903 return and the CIN
 * census (legal status, placement, provider, reason for new episode, reason
 * episode ceased, reason for placement change, category of need, CIN
 * closure reason), so that a return written with labels ("Full care
 * order") reads as one written with codes ("C2"). */
#ifndef CF_FORMATS_CODE_LABELS_H
#define CF_FORMATS_CODE_LABELS_H

#include <stddef.h>

/* The code among codes (space-separated) whose DfE label text is, compared
 * in any case, spacing and punctuation ("change of placement and
 * carer(s) only", "Change of placement and carers only" -> "P"); also
 * "CODE - label" and "CODE label" when the label is that code's. NULL when
 * text is no label of those codes. Returns a static string. */
const char *code_label_lookup(const char *codes, const char *text, size_t len);

/* The label of code, or NULL: for messages. */
const char *code_label_of(const char *codes, const char *code);

#endif
