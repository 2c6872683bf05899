"""Per-segment figures with pandas, independently of champion-gate.

Reads a request (JSON: test set, two prediction files, thresholds, costs,
segment and id columns) and prints, per segment value, the rows, positives,
each model's confusion counts, F1 and net benefit (exact: Python Decimal,
rounded to cents half away from zero), from a pandas groupby.
"""

import json
import sys
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

request = json.load(open(sys.argv[1]))
column = request["segment_column"]
# Text as written: '01' stays '01', an empty value is a group of its own.
test = pd.read_csv(request["test_set"], dtype=str, keep_default_na=False)
id_column = request.get("id_column")


def cost(row, spec):
    return Decimal(row[spec]) if spec in test.columns else Decimal(spec)


costs = request["costs"]
test["benefit"] = [
    (cost(row, costs["fn"]) - cost(row, costs["tp"]))
    if row["label"] == "1"
    else (cost(row, costs["tn"]) - cost(row, costs["fp"]))
    for _, row in test.iterrows()
]
test["positive"] = test["label"] == "1"

result = {}
for role in ("candidate", "champion"):
    predictions = pd.read_csv(request[role], dtype={id_column: str} if id_column else None)
    if id_column:
        scores = test[[id_column]].merge(predictions, on=id_column, how="left")["prediction"]
    else:
        scores = predictions["prediction"]
    flagged = scores.astype(float).to_numpy() >= request["thresholds"][role]
    frame = pd.DataFrame(
        {
            "segment": test[column],
            "positive": test["positive"],
            "flagged": flagged,
            "flagged_benefit": [b if f else Decimal(0) for b, f in zip(test["benefit"], flagged)],
        }
    )
    frame["tp"] = frame["positive"] & frame["flagged"]
    frame["fp"] = ~frame["positive"] & frame["flagged"]
    frame["fn"] = frame["positive"] & ~frame["flagged"]
    frame["tn"] = ~frame["positive"] & ~frame["flagged"]
    groups = frame.groupby("segment", sort=False)
    counts = groups[["tp", "fp", "fn", "tn", "positive"]].sum()
    nets = groups["flagged_benefit"].apply(lambda s: sum(s, Decimal(0)))
    sizes = groups.size()
    for value in counts.index:
        tp, fp, fn, tn = (int(counts.loc[value, k]) for k in ("tp", "fp", "fn", "tn"))
        net = nets.loc[value].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        entry = result.setdefault(
            value, {"rows": int(sizes.loc[value]), "positives": int(counts.loc[value, "positive"])}
        )
        denominator = tp + fn + (tp + fp)
        entry[role] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "f1": 0 if denominator == 0 else 2 * tp / denominator,
            "net_benefit_exact": str(net),
        }
for entry in result.values():
    delta = Decimal(entry["candidate"]["net_benefit_exact"]) - Decimal(entry["champion"]["net_benefit_exact"])
    entry["delta_net_benefit_exact"] = str(delta.quantize(Decimal("0.01")))
print(json.dumps(result))
