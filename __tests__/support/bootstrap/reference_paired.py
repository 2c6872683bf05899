"""Independent reference for champion-gate's paired comparison (numpy, scipy).

Reads one JSON request (the path is the only argument) and prints one JSON
object on stdout.

- {"kind": "bootstrap", ...}: a plain paired Poisson bootstrap over *all*
  rows of the test set, with none of champion-gate's shortcuts: each
  resample draws a Poisson(1) weight for every row (numpy's generator), both
  models' net benefit and F1 are computed from the weighted rows, and the
  95% intervals are numpy percentiles of the differences. The files are read
  with the csv module and rows matched by position; a row is flagged when
  its score is >= the threshold; flagging a positive row is worth
  (cost FN - cost TP), a negative row (cost TN - cost FP); a cost is a
  number or a column of the test set.
- {"kind": "binomtest", "cases": [[k, n], ...]}: scipy.stats.binomtest(k, n,
  0.5) two-sided p-values, for McNemar's exact test.
"""

import csv
import json
import sys

import numpy as np
from scipy import stats


def column(path, name):
    with open(path, newline="") as f:
        return [row[name] for row in csv.DictReader(f)]


def cost(spec, test_path, rows):
    if isinstance(spec, (int, float)):
        return np.full(rows, float(spec))
    return np.array([float(v) for v in column(test_path, spec)])


def bootstrap(request):
    test = request["test"]
    labels = np.array(
        [v == request["positive_label"] for v in column(test, request["label_column"])]
    )
    n = len(labels)
    threshold = float(request["threshold"])
    flags = [
        np.array([float(v) >= threshold for v in column(p, request["prediction_column"])])
        for p in (request["candidate"], request["champion"])
    ]
    costs = {k: cost(v, test, n) for k, v in request["costs"].items()}
    benefit = np.where(labels, costs["fn"] - costs["tp"], costs["tn"] - costs["fp"])
    rng = np.random.default_rng(request["seed"])
    samples = request["samples"]
    diffs = np.empty(samples)
    f1_diffs = np.empty(samples)
    chunk = max(1, 2_000_000 // n)
    done = 0
    while done < samples:
        size = min(chunk, samples - done)
        w = rng.poisson(1.0, size=(size, n)).astype(np.float64)
        net = []
        f1 = []
        for flagged in flags:
            net.append(w @ (benefit * flagged))
            tp = w @ (labels & flagged).astype(np.float64)
            fp = w @ (~labels & flagged).astype(np.float64)
            fn = w @ (labels & ~flagged).astype(np.float64)
            denominator = 2 * tp + fp + fn
            f1.append(np.divide(2 * tp, denominator, out=np.zeros(size), where=denominator > 0))
        diffs[done : done + size] = net[0] - net[1]
        f1_diffs[done : done + size] = f1[0] - f1[1]
        done += size
    low, high = np.percentile(diffs, [2.5, 97.5])
    f1_low, f1_high = np.percentile(f1_diffs, [2.5, 97.5])
    return {
        "interval_95": [float(low), float(high)],
        "f1_interval_95": [float(f1_low), float(f1_high)],
        "confidence": float(np.mean(diffs > request["margin"])),
        "disagreements": int(np.sum(flags[0] != flags[1])),
    }


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    if request["kind"] == "bootstrap":
        result = bootstrap(request)
    else:
        result = [
            stats.binomtest(k, n, 0.5, alternative="two-sided").pvalue
            for k, n in request["cases"]
        ]
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
