#!/usr/bin/env python3
"""Run Social Finance's public demand model (cs-demand-model-regional, its
ssda903 package) on SSDA903 CSV returns, for comparison with `caseflow
forecast`. Not part of caseflow: a driver that feeds the reference package
(checked out elsewhere) the same episodes and prints its projection.

usage: reference.py REF_CHECKOUT REF_START REF_END PRED_START DAYS YEAR_DIR...
  YEAR_DIR holds header.csv, episodes.csv, uasc.csv of one collection year and
  is named like 2023_24 (the collection year is its second part).
Prints state,count at PRED_START + DAYS, then the seconds taken.
"""
import sys
import time
import types
from datetime import date
from pathlib import Path


def stub_django():
    # the reference's datastore imports Django for its web storage; the
    # model does not need it, so stand-in modules satisfy the imports
    for name in ["django", "django.core", "django.core.files",
                 "django.core.files.storage", "django.core.files.uploadedfile"]:
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["django.core.files.storage"].Storage = object
    sys.modules["django.core.files.storage"].default_storage = None
    sys.modules["django.core.files.uploadedfile"].InMemoryUploadedFile = object


def iso(col):
    import pandas as pd
    return pd.to_datetime(col, format="%d/%m/%Y", errors="coerce").dt.strftime("%Y-%m-%d")


def main():
    ref, ref_start, ref_end, pred_start, days = sys.argv[1:6]
    dirs = sys.argv[6:]
    sys.path.insert(0, ref)
    stub_django()
    import pandas as pd
    from ssda903.datacontainer import DemandModellingDataContainer
    from ssda903.data.ssda903 import SSDA903TableType
    from ssda903.datastore import DataFile, Metadata
    from ssda903.population_stats import PopulationStats
    from ssda903.predictor import predict

    t0 = time.time()
    tables = {"header": [], "episodes": [], "uasc": []}
    for d in dirs:
        year = int("20" + Path(d).name.split("_")[1]) if "_" in Path(d).name else int(Path(d).name)
        for t in tables:
            p = Path(d) / f"{t}.csv"
            if not p.exists() or p.stat().st_size < 2:
                continue
            df = pd.read_csv(p, dtype=str)
            for c in ("DOB", "DECOM", "DEC", "DUC"):
                if c in df.columns:
                    df[c] = iso(df[c])
            df["YEAR"] = year
            df["LA"] = "synthetic"
            tables[t].append(df)
    frames = {
        SSDA903TableType.HEADER: pd.concat(tables["header"], ignore_index=True),
        SSDA903TableType.EPISODES: pd.concat(tables["episodes"], ignore_index=True),
        SSDA903TableType.UASC: (pd.concat(tables["uasc"], ignore_index=True) if tables["uasc"]
                                else pd.DataFrame(columns=["CHILD", "DUC", "YEAR"])),
    }
    # the SSDA903 files are read as text; the reference's CHILD joins work on equal strings

    class Store:
        files = [DataFile(name=str(t), metadata=Metadata(name=str(t), size=1, table=t)) for t in frames]

        def to_dataframe(self, f):
            return frames[f.metadata.table].copy()

    dc = DemandModellingDataContainer(Store())
    stats = PopulationStats(dc.enriched_view, dc.data_start_date, dc.data_end_date)
    d = lambda s: date.fromisoformat(s)
    start = d(pred_start)
    from datetime import timedelta
    pred = predict(stats, d(ref_start), d(ref_end), start, start + timedelta(days=int(days)))
    t1 = time.time()
    last = pred.population.iloc[-1]
    print("date", pred.population.index[-1])
    total = 0.0
    for k in sorted(last.index):
        if "Not in care" in k:
            continue
        total += last[k]
        print(f"{k},{last[k]:.3f}")
    print(f"total,{total:.3f}")
    print(f"seconds,{t1 - t0:.2f}")


if __name__ == "__main__":
    main()
