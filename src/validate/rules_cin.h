/* How the CIN census rules are declared: one initialiser per rule version
 * (R an error, Q a query) and the row check most of them use. Private to
 * the rules_cin*.c files. */
#ifndef CF_VALIDATE_RULES_CIN_H
#define CF_VALIDATE_RULES_CIN_H

#include "validate/rules.h"

#define BASE VR_BASE_YEAR
#define ROWS(e) .check = vp_rows, .expr = (e)
#define R(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_CIN, .since = since_, .until = until_, .kind = VK_ERROR, \
	  .message = msg, .tables = tabs, .fields = flds, __VA_ARGS__ }
#define Q(code_, since_, until_, tabs, flds, msg, ...) \
	{ .code = code_, .ret = VR_CIN, .since = since_, .until = until_, .kind = VK_QUERY, \
	  .message = msg, .tables = tabs, .fields = flds, __VA_ARGS__ }

#endif
