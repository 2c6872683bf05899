"""A score-command that loses a race on purpose, for champion-gate's race test.

    race_scorer.py --model-uri {model_uri} --output {output} --model-name NAME \
        --predictions models:/NAME/1=predictions-weak.csv \
        --predictions models:/NAME/2=predictions-strong.csv --move champion=3

While "scoring", it moves the alias of NAME (another workflow run promoting a
model) via MLflow's REST API at MLFLOW_TRACKING_URI (basic auth from
MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or a bearer
MLFLOW_TRACKING_TOKEN, as the action passes them), then copies the predictions
file given for the model URI to the output. Standard library only, so it
starts fast.
"""

import argparse
import base64
import json
import os
import shutil
import sys
import urllib.request


def move_alias(model_name, alias, version):
    uri = os.environ["MLFLOW_TRACKING_URI"].rstrip("/")
    body = json.dumps({"name": model_name, "alias": alias, "version": version}).encode()
    request = urllib.request.Request(f"{uri}/api/2.0/mlflow/registered-models/alias", data=body,
                                     method="POST", headers={"Content-Type": "application/json"})
    user, password = os.environ.get("MLFLOW_TRACKING_USERNAME"), os.environ.get("MLFLOW_TRACKING_PASSWORD")
    token = os.environ.get("MLFLOW_TRACKING_TOKEN")
    if user and password:
        pair = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {pair}")
    elif token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=20) as response:
        response.read()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model-uri", required=True, help="the model to 'score'")
    p.add_argument("--output", required=True)
    p.add_argument("--model-name", required=True, help="the registered model whose alias moves")
    p.add_argument("--predictions", action="append", default=[], metavar="MODEL_URI=CSV")
    p.add_argument("--move", required=True, metavar="ALIAS=VERSION")
    args = p.parse_args()

    files = dict(spec.split("=", 1) for spec in args.predictions)
    if args.model_uri not in files:
        p.error(f"no --predictions for {args.model_uri}")
    alias, _, target = args.move.partition("=")
    move_alias(args.model_name, alias, target)
    print(f"race: moved @{alias} of {args.model_name} to v{target} while scoring {args.model_uri}",
          flush=True)
    shutil.copyfile(files[args.model_uri], args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
