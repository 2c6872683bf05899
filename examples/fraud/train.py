"""Trains a fraud classifier, logs it to MLflow and registers it as the @candidate.

    export MLFLOW_TRACKING_URI=http://127.0.0.1:5000
    python train.py --train data/train.csv --model forest --model-name fraud-detector

--model picks the kind: logistic (best here, the data is linear in the features),
forest (a close second), weak (two weak features, a candidate that should lose).
--features N keeps the first N feature columns (default: all); make_data.py writes amount,
then feature_1 (the one that separates fraud best) to feature_k, so a larger N is mostly a
better model, the first few columns by much, the last ones by little.
The model is a scikit-learn Pipeline that selects its feature columns by name, and
its signature lists only the features (every column but --id-column and
--label-column), so `mlflow models predict` can score a whole test CSV as is.
By default it is logged with pyfunc_predict_fn="predict_proba", so pyfunc output is
[[p_legit, p_fraud], ...]; --pyfunc-predict-fn predict gives 0/1 labels instead.
Registers a new version of --model-name and points --alias (default candidate) at
it, unless --no-register. The last stdout line is JSON:
{"run_id": ..., "model_id": ..., "model_uri": "models:/m-...", "version": 3 | null, ...}
"""

import argparse
import json
import os

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

import mlflow  # noqa: E402
from mlflow.models import infer_signature  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score, roc_auc_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402


def build(kind, features, seed):
    if kind == "forest":
        select = ColumnTransformer([("features", "passthrough", features)])
        model = RandomForestClassifier(n_estimators=100, min_samples_leaf=20, n_jobs=-1, random_state=seed)
    else:
        columns = features[-2:] if kind == "weak" else features
        select = ColumnTransformer([("features", StandardScaler(), columns)])
        model = LogisticRegression(max_iter=1000)
    return Pipeline([("select", select), ("classify", model)])


def main():
    p = argparse.ArgumentParser(description="Train, log and register a fraud model.")
    p.add_argument("--train", default="data/train.csv")
    p.add_argument("--model", choices=("logistic", "forest", "weak"), default="logistic")
    p.add_argument("--features", type=int, help="keep the first N feature columns (default: all)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--id-column", default="id")
    p.add_argument("--label-column", default="label")
    p.add_argument("--tracking-uri", help="default: $MLFLOW_TRACKING_URI")
    p.add_argument("--experiment", default="fraud-detector")
    p.add_argument("--model-name", default="fraud-detector")
    p.add_argument("--alias", default="candidate")
    p.add_argument("--no-register", action="store_true", help="log only; print the logged model URI")
    p.add_argument("--pyfunc-predict-fn", choices=("predict_proba", "predict"), default="predict_proba")
    args = p.parse_args()

    data = pd.read_csv(args.train)
    features = [c for c in data.columns if c not in (args.id_column, args.label_column)]
    fit_rows, val_rows = train_test_split(data, test_size=0.2, random_state=args.seed,
                                          stratify=data[args.label_column])
    y_fit, y_val = fit_rows[args.label_column], val_rows[args.label_column]
    # make_data.py writes amount first, then the features from the one that separates fraud best.
    used = features[: args.features] if args.features else features
    model = build(args.model, used, args.seed).fit(fit_rows[features], y_fit)
    scores = model.predict_proba(val_rows[features])[:, 1]

    if args.tracking_uri:
        mlflow.set_tracking_uri(args.tracking_uri)
    mlflow.set_experiment(args.experiment)
    with mlflow.start_run(run_name=f"{args.model}-seed{args.seed}") as run:
        mlflow.log_params({"model": args.model, "features": len(used), "seed": args.seed,
                           "train_rows": len(fit_rows)})
        mlflow.log_metrics({"val_auc": roc_auc_score(y_val, scores),
                            "val_average_precision": average_precision_score(y_val, scores)})
        # MLflow infers the output schema from predict(); describe what pyfunc returns.
        example = fit_rows[features].head(5)
        predict = getattr(model, args.pyfunc_predict_fn)
        # skops, the default format, loads tree models only when their class is trusted.
        trusted = ["sklearn.tree._tree.Tree"] if args.model == "forest" else None
        logged = mlflow.sklearn.log_model(
            model, name="model", input_example=example,
            signature=infer_signature(example, predict(example)),
            pyfunc_predict_fn=args.pyfunc_predict_fn, skops_trusted_types=trusted)

    version = None
    if not args.no_register:
        version = int(mlflow.register_model(logged.model_uri, args.model_name).version)
        if args.alias:
            mlflow.MlflowClient().set_registered_model_alias(args.model_name, args.alias, str(version))
    print(json.dumps({
        "run_id": run.info.run_id, "model_id": logged.model_id, "model_uri": logged.model_uri,
        "runs_uri": f"runs:/{run.info.run_id}/model", "version": version,
        "model_name": None if args.no_register else args.model_name,
        "alias": args.alias if version is not None else None}))


if __name__ == "__main__":
    main()
