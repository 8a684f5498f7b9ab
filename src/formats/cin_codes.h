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

/* DfE's table of factors identified at the end of assessment (Children in
 * need, c3_factors_identified_at_end_of_assessment) counts episodes with
 * each factor in a column: the column of a code ("3B" ->
 * "Domestic_Abuse_parent"), or NULL when it has none of its own (8B-8F
 * share one, 21 is none). Its denominator column. */
const char *cin_factor_dfe_column(const char *code);
#define CIN_FACTORS_DFE_TABLE "c3_factors_identified_at_end_of_assessment"
#define CIN_FACTORS_DFE_TOTAL "Episodes_with_assessment_factor"
#define CIN_FACTORS_DFE_BREAKDOWN "Factors identified at the end of assessment"

/* The parts of the "toxic trio" a factor code is, as a bit: 1 domestic
 * abuse in the household (3A-3C), 2 mental ill health of an adult (4B, 4C),
 * 4 substance misuse by an adult (1B, 1C, 2B, 2C); 0 for any other code. */
unsigned cin_factor_trio(const char *code);

#endif
