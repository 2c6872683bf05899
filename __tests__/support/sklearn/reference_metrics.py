"""Reference metrics for champion-gate's agreement test, from scikit-learn.

Reads a JSON list of cases (the path is the only argument). Each case names
a test set (CSV or JSON Lines), the label column and positive label, an
optional id column, the prediction column, the threshold (as text), the cost
model and one or more prediction files (CSV, JSON Lines, or the JSON that
`mlflow models predict` writes). For every model it reads the files with the
csv/json modules, makes the decisions itself, and prints (as one JSON object
on stdout) the counts from `sklearn.metrics.confusion_matrix`, precision,
recall and F1 from `precision_score`, `recall_score` and `f1_score`
(zero_division=0), and the net benefit computed with `decimal.Decimal`,
exactly and rounded to cents with ROUND_HALF_UP.

Decisions, as champion-gate documents them (prediction-kind auto): a file
whose values are all test-set labels is a file of decisions (the positive
label is flagged); otherwise a probability in [0, 1] is positive when it is
>= the threshold, the positive label is positive, and any other value (the
negative label) is not. A [p0, p1] pair is read at the positive label's
index in numpy's np.unique of the label column as pandas reads it, which is
scikit-learn's classes_. Labels compare as exact decimals when both are
numbers (1 == 1.0), else as text.
"""

import csv
import json
import re
import sys
import warnings
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import confusion_matrix, f1_score, precision_score, recall_score

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
CENT = Decimal("0.01")


def as_decimal(value):
    """The exact decimal a value spells, or None when it is not a number."""
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return Decimal(text) if NUMBER.match(text) else None


def as_number(value):
    """The float a value stands for, or None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    return float(text) if NUMBER.match(text) else None


def same_label(value, label):
    """Labels compare as exact decimals when both are numbers (1 == 1.0), else as text."""
    a, b = as_decimal(value), as_decimal(label)
    if a is not None and b is not None:
        return a == b
    return str(value).strip() == str(label).strip()


def read_records(path):
    """The records of a CSV or JSON Lines file, as dicts."""
    if path.endswith(".csv"):
        with open(path, newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_predictions(path, column):
    """(id or None, value) per prediction, in file order."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        items = document["predictions"] if isinstance(document, dict) else document
        values = []
        for item in items:
            if isinstance(item, dict):
                item = item[column]
            values.append((None, item))
        return values
    return [(record, record[column]) for record in read_records(path)]


def decision(value, positive_label, threshold, pair_index, decisions):
    if isinstance(value, list):
        return 1 if value[pair_index] >= threshold else 0
    if decisions:
        return 1 if same_label(value, positive_label) else 0
    number = as_number(value)
    if number is not None and 0 <= number <= 1:
        return 1 if number >= threshold else 0
    if same_label(value, positive_label):
        return 1
    number = as_number(value)
    if number is not None and 0 <= number <= 1:
        return 1 if number >= threshold else 0
    return 0


def cost(spec, record):
    if "constant" in spec:
        return Decimal(spec["constant"])
    return Decimal(str(record[spec["column"]]).strip())


def evaluate_case(case):
    test = read_records(case["test_set"])
    positive = case["positive_label"]
    threshold = float(case["threshold"])
    y_true = [1 if same_label(r[case["label_column"]], positive) else 0 for r in test]
    path = case["test_set"]
    frame = pd.read_csv(path) if path.endswith(".csv") else pd.read_json(path, lines=True)
    classes = list(np.unique(frame[case["label_column"]].to_numpy()))
    matches = [k for k, c in enumerate(classes) if same_label(c, positive)]
    pair_index = matches[0] if matches else 1
    id_column = case.get("id_column")
    costs = case["costs"]
    results = {}
    for role, path in case["models"].items():
        predictions = read_predictions(path, case["prediction_column"])
        if id_column and not path.endswith(".json"):
            by_id = {str(record[id_column]): value for record, value in predictions}
            values = [by_id[str(r[id_column])] for r in test]
        else:
            values = [value for _, value in predictions]
        assert len(values) == len(test), f"{path}: {len(values)} != {len(test)}"
        labels = {str(r[case["label_column"]]) for r in test}
        decisions = all(
            not isinstance(v, list) and any(same_label(v, label) for label in labels)
            for v in values
        )
        y_pred = [decision(v, positive, threshold, pair_index, decisions) for v in values]
        tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
        net = Decimal(0)
        for record, truth, flagged in zip(test, y_true, y_pred):
            if not flagged:
                continue
            if truth == 1:
                net += cost(costs["false_negative"], record) - cost(costs["true_positive"], record)
            else:
                net += cost(costs["true_negative"], record) - cost(costs["false_positive"], record)
        tp_, fp_, fn_ = int(tp), int(fp), int(fn)
        results[role] = {
            "rows": len(test),
            "tp": tp_,
            "fp": fp_,
            "fn": fn_,
            "tn": int(tn),
            "precision": float(precision_score(y_true, y_pred, zero_division=0)),
            "recall": float(recall_score(y_true, y_pred, zero_division=0)),
            "f1": float(f1_score(y_true, y_pred, zero_division=0)),
            # F1 as scikit-learn >= 1.3 computes it, for comparing versions.
            "f1_from_counts": (2 * tp_ / (2 * tp_ + fp_ + fn_)) if tp_ else 0.0,
            "net_benefit_exact": str(net),
            "net_benefit": str(net.quantize(CENT, rounding=ROUND_HALF_UP)),
        }
    return {"positives": sum(y_true), "models": results}


def main():
    warnings.simplefilter("ignore")
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    out = {
        "sklearn": sklearn.__version__,
        "python": sys.version.split()[0],
        "cases": {case["name"]: evaluate_case(case) for case in cases},
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
