"""Seeds an MLflow server with real models for champion-gate's integration tests.

    .venv/bin/python __tests__/support/mlflow/seed.py --tracking-uri URL --out DIR \
        --model-name NAME [--register strong --register weak] [--alias champion=1 ...]

Writes DIR/test.csv (id,amount,feature_1..k,label; fraud ~1.5%) and, per model,
DIR/predictions-<model>.csv (id,prediction = positive-class probability). Trains two
scikit-learn pipelines, "strong" (all features) and "weak" (two weak features), and
logs both with mlflow.sklearn.log_model. Each pipeline selects its own columns by
name and the signature lists only amount and the features, so the whole test.csv,
id and label included, can be scored (`mlflow models predict` drops the extra
columns with a warning). Models named by --predict-proba are logged with
pyfunc_predict_fn="predict_proba" (pyfunc output [[p0, p1], ...]); the others
predict 0/1 labels. --register logs versions in the order given; --alias sets
aliases on them. Without --tracking-uri only the CSV files are written.
Basic-auth servers: set MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD.
The last stdout line is a JSON description of everything created.
"""

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

MODELS = ("strong", "weak")


def make_transactions(rng, rows, features, fraud_rate, first_id):
    """Synthetic card transactions; feature_1 separates fraud best, feature_k least."""
    label = (rng.random(rows) < fraud_rate).astype(int)
    shift = 1.6 * 0.6 ** np.arange(features)
    x = rng.normal(size=(rows, features)) + np.outer(label, shift)
    amount = np.where(label == 1, rng.lognormal(4.2, 1.1, rows), rng.lognormal(3.4, 1.0, rows))
    frame = pd.DataFrame({"id": np.arange(first_id, first_id + rows), "amount": amount.round(2)})
    for i in range(features):
        frame[f"feature_{i + 1}"] = x[:, i].round(4)
    frame["label"] = label
    return frame


def make_pipeline(columns):
    select = ColumnTransformer([("scale", StandardScaler(), columns)], remainder="drop")
    return Pipeline([("select", select), ("classify", LogisticRegression(max_iter=1000))])


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tracking-uri", help="MLflow server; omit to write only the CSV files")
    p.add_argument("--out", required=True, type=Path, help="directory for CSV files")
    p.add_argument("--model-name", default="fraud-detector", help="registered model name")
    p.add_argument("--experiment", default="champion-gate-tests")
    p.add_argument("--rows", type=int, default=3000, help="test set rows")
    p.add_argument("--features", type=int, default=6)
    p.add_argument("--fraud-rate", type=float, default=0.015)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--predict-proba", default="strong",
                   help="comma list of models logged with pyfunc_predict_fn=predict_proba ('' for none)")
    p.add_argument("--register", action="append", default=[], choices=MODELS,
                   help="register this model as the next version (repeatable, in order)")
    p.add_argument("--alias", action="append", default=[], metavar="ALIAS=VERSION",
                   help="set a registered model alias (repeatable)")
    args = p.parse_args()
    if (args.register or args.alias) and not args.tracking_uri:
        p.error("--register and --alias need --tracking-uri")
    return args


def main():
    args = parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    train = make_transactions(rng, 4 * args.rows, args.features, args.fraud_rate, 1)
    test = make_transactions(rng, args.rows, args.features, args.fraud_rate, 4 * args.rows + 1)
    feature_cols = ["amount"] + [f"feature_{i + 1}" for i in range(args.features)]
    columns = {"strong": feature_cols, "weak": feature_cols[-2:]}
    test_csv = args.out / "test.csv"
    test.to_csv(test_csv, index=False)

    result = {"test_csv": str(test_csv), "rows": len(test), "positives": int(test.label.sum()),
              "feature_columns": feature_cols, "model_name": args.model_name,
              "tracking_uri": args.tracking_uri, "models": {}, "versions": {}, "aliases": {}}
    proba = {m for m in args.predict_proba.split(",") if m}
    fitted = {}
    for name in MODELS:
        model = make_pipeline(columns[name]).fit(train[feature_cols], train.label)
        scores = model.predict_proba(test[feature_cols])[:, 1]
        path = args.out / f"predictions-{name}.csv"
        pd.DataFrame({"id": test.id, "prediction": scores}).to_csv(path, index=False)
        fitted[name] = model
        result["models"][name] = {"predictions_csv": str(path), "columns": columns[name],
                                  "auc": round(float(roc_auc_score(test.label, scores)), 4),
                                  "pyfunc_predict_fn": "predict_proba" if name in proba else "predict"}

    if args.tracking_uri:
        log_and_register(args, fitted, test[feature_cols].head(5), result)
    print(json.dumps(result))


def log_and_register(args, fitted, example, result):
    import mlflow
    import sklearn

    mlflow.set_tracking_uri(args.tracking_uri)
    mlflow.set_experiment(args.experiment)
    # Explicit requirements skip MLflow's slow requirement inference (a model reload
    # in a subprocess); skops is the default serialization format outside Databricks.
    # MLflow infers the output schema from predict(); describe what pyfunc returns.
    import skops
    from mlflow.models import infer_signature
    reqs = [f"mlflow=={mlflow.__version__}", f"scikit-learn=={sklearn.__version__}",
            f"skops=={skops.__version__}", f"pandas=={pd.__version__}", f"numpy=={np.__version__}"]
    for name, model in fitted.items():
        info = result["models"][name]
        with mlflow.start_run(run_name=f"{args.model_name}-{name}") as run:
            mlflow.log_metric("test_auc", info["auc"])
            logged = mlflow.sklearn.log_model(
                model, name="model", input_example=example, pip_requirements=reqs,
                signature=infer_signature(example, getattr(model, info["pyfunc_predict_fn"])(example)),
                pyfunc_predict_fn=info["pyfunc_predict_fn"])
        info.update(run_id=run.info.run_id, model_id=logged.model_id,
                    model_uri=logged.model_uri, runs_uri=f"runs:/{run.info.run_id}/model", version=None)

    client = mlflow.MlflowClient()
    for name in args.register:
        mv = mlflow.register_model(result["models"][name]["model_uri"], args.model_name)
        result["models"][name]["version"] = int(mv.version)
        result["versions"][mv.version] = name
    for spec in args.alias:
        alias, _, version = spec.partition("=")
        client.set_registered_model_alias(args.model_name, alias, version)
        result["aliases"][alias] = int(version)


if __name__ == "__main__":
    sys.exit(main())
