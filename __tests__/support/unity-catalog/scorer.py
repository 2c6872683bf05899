"""A score-command for the Unity Catalog tests: resolves the model URI it is
given (models:/catalog.schema.model/<version>) with MLflow's client, in the
environment the action hands scorers (MLFLOW_REGISTRY_URI, DATABRICKS_HOST,
DATABRICKS_TOKEN), then writes the predictions of a file chosen by the
version, as `mlflow models predict` writes them: {"predictions": [...]}.

usage: scorer.py MODEL_URI OUTPUT RECORD VERSION=FILE...
"""
import csv
import json
import os
import sys

from mlflow import MlflowClient


def main():
    model_uri, output, record = sys.argv[1:4]
    files = dict(arg.split("=", 1) for arg in sys.argv[4:])
    name, version = model_uri[len("models:/"):].rsplit("/", 1)
    mv = MlflowClient().get_model_version(name, version)
    with open(files[str(mv.version)], newline="") as f:
        predictions = [float(row["prediction"]) for row in csv.DictReader(f)]
    with open(output, "w") as f:
        json.dump({"predictions": predictions}, f)
    seen = {k: os.environ.get(k) for k in (
        "MLFLOW_REGISTRY_URI", "MLFLOW_TRACKING_URI", "DATABRICKS_HOST", "DATABRICKS_TOKEN",
        "DATABRICKS_AUTH_TYPE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET")}
    with open(record, "a") as f:
        f.write(json.dumps({"model_uri": model_uri, "version": str(mv.version), "env": seen}) + "\n")


if __name__ == "__main__":
    main()
