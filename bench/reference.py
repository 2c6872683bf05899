"""The pandas + scikit-learn baseline: the same evaluation written the way a
user would in a Python workflow step. Prints one JSON line with the confusion
counts, F1 and dollar net benefit of both models.

Usage: reference.py TEST CANDIDATE CHAMPION [PREDICTION_COLUMN]
(CSV files, or Parquet files when their names end in .parquet; the
prediction column defaults to `prediction`.)
"""
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix, f1_score

THRESHOLD = 0.5
COST_TP = 5.0
COST_FP = 5.0


def read(path):
    return pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)


def evaluate(test, predictions_path, column):
    predictions = read(predictions_path)
    merged = test.merge(predictions, on="id")
    y_true = (merged["label"] == 1).astype(int).to_numpy()
    y_pred = (merged[column] >= THRESHOLD).astype(int).to_numpy()
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    f1 = f1_score(y_true, y_pred, pos_label=1)
    amount = merged["amount"].to_numpy()
    is_tp = (y_true == 1) & (y_pred == 1)
    is_fp = (y_true == 0) & (y_pred == 1)
    net_benefit = np.sum(amount[is_tp] - COST_TP) + np.sum(
        np.where(is_fp, 0.0 - COST_FP, 0.0)
    )
    return {
        "tp": int(tp),
        "fp": int(fp),
        "fn": int(fn),
        "tn": int(tn),
        "f1": float(f1),
        "net_benefit": float(net_benefit),
        "rows": int(len(merged)),
    }


def main():
    test_path, candidate_path, champion_path = sys.argv[1:4]
    column = sys.argv[4] if len(sys.argv) > 4 else "prediction"
    test = read(test_path)
    result = {
        "candidate": evaluate(test, candidate_path, column),
        "champion": evaluate(test, champion_path, column),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
