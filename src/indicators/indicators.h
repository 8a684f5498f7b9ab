/* The indicators room's public API: the statutory indicators (kpi.h), the
 * funnel, summary and journey of one authority, benchmarks against DfE's
 * published tables, and trajectories. Code outside src/indicators/ includes
 * this header only; the others are the room's own (tools/check-layers.sh). */
#ifndef CF_INDICATORS_INDICATORS_H
#define CF_INDICATORS_INDICATORS_H

#include "indicators/kpi.h"
#include "indicators/summary.h"
#include "indicators/funnel.h"
#include "indicators/journey.h"
#include "indicators/benchmark.h"
#include "indicators/benchmark_kpi.h"
#include "indicators/trajectory.h"
#include "indicators/quality.h"

#endif
