/* The programme room's public API: a transformation programme's business
 * case, benefits, cost-benefit analysis, milestones and workforce model,
 * and the lines it takes from the forecast and the indicators. Code outside
 * src/programme/ includes this header only (tools/check-layers.sh). */
#ifndef CF_PROGRAMME_PROGRAMME_H
#define CF_PROGRAMME_PROGRAMME_H

#include "programme/programme_common.h"
#include "programme/programme_business_case.h"
#include "programme/programme_benefits.h"
#include "programme/programme_cba.h"
#include "programme/programme_milestones.h"
#include "programme/programme_workforce.h"
#include "programme/programme_model.h"
#include "programme/programme_show.h"

#endif
