/* Labels for two of the CIN census's code lists that caseflow reports on:
 * the source of a referral and the factors identified at the end of an
 * assessment. Short labels written from the facts of DfE's CIN census
 * schema (the code and what it stands for), for tables a committee reads. */
#ifndef CF_FORMATS_CIN_CODES_H
#define CF_FORMATS_CIN_CODES_H

/* The label of a referral source code ("6" -> "Police"), or NULL. */
const char *cin_source_label(const char *code);

/* The label of an assessment factor code ("3B" -> "Domestic abuse: parent
 * or carer subject"), or NULL. */
const char *cin_factor_label(const char *code);

/* The parts of the "toxic trio" a factor code is, as a bit: 1 domestic
 * abuse in the household (3A-3C), 2 mental ill health of an adult (4B, 4C),
 * 4 substance misuse by an adult (1B, 1C, 2B, 2C); 0 for any other code. */
unsigned cin_factor_trio(const char *code);

#endif
