"""A real scikit-learn model on text labels, scored by `mlflow models predict`.

Usage: predict_proba_mlflow.py OUT_DIR THRESHOLD

Trains a LogisticRegression on labels 'fraud'/'legit' (so classes_ is
['fraud', 'legit'] and predict_proba's first column is P(fraud)), saves it
with pyfunc_predict_fn='predict_proba', scores the test rows with the
`mlflow models predict` CLI (the JSON champion-gate reads, [p0, p1] pairs),
and writes OUT_DIR/test.csv (features and label) and OUT_DIR/predictions.json.
Prints, as JSON, scikit-learn's confusion counts for each label taken as the
positive class, its column found by model.classes_ (not by any sort rule).
"""

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import mlflow.sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix

out, threshold = sys.argv[1], float(sys.argv[2])
rng = np.random.default_rng(11)
n = 600
X = pd.DataFrame({"amount": rng.gamma(2.0, 50.0, n), "hour": rng.integers(0, 24, n).astype(float)})
y = np.where(X.amount + 40 * rng.standard_normal(n) > 130, "fraud", "legit")
model = LogisticRegression().fit(X[:400], y[:400])
assert list(model.classes_) == ["fraud", "legit"], model.classes_

mlflow.sklearn.save_model(model, os.path.join(out, "model"), pyfunc_predict_fn="predict_proba")
test = X[400:].reset_index(drop=True)
test.to_csv(os.path.join(out, "input.csv"), index=False)
test.assign(label=y[400:]).to_csv(os.path.join(out, "test.csv"), index=False)
mlflow_cli = os.path.join(os.path.dirname(sys.executable), "mlflow")
subprocess.run(
    [mlflow_cli, "models", "predict", "-m", os.path.join(out, "model"),
     "-i", os.path.join(out, "input.csv"), "-t", "csv",
     "-o", os.path.join(out, "predictions.json"), "--env-manager", "local"],
    check=True, capture_output=True,
)

with open(os.path.join(out, "predictions.json"), encoding="utf-8") as f:
    pairs = np.array(json.load(f)["predictions"])
results = {}
for positive in ["fraud", "legit"]:
    column = list(model.classes_).index(positive)
    y_true = (y[400:] == positive).astype(int)
    y_pred = (pairs[:, column] >= threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()
    results[positive] = {"tp": int(tp), "fp": int(fp), "fn": int(fn), "tn": int(tn)}
print(json.dumps(results))
