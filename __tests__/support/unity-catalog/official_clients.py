"""The official clients against a Unity Catalog endpoint (the stand-in in
tests, a workspace in the live smoke test): MLflow's Python client with
registry URI databricks-uc, and databricks-sdk's WorkspaceClient. Reads
DATABRICKS_HOST and the credentials from the environment; takes a JSON list
of operations on argv[1] and prints a JSON list of their results."""
import json
import sys

import mlflow
from databricks.sdk import WorkspaceClient
from mlflow import MlflowClient


def main():
    ops = json.loads(sys.argv[1])
    mlflow.set_registry_uri("databricks-uc")
    client = MlflowClient(registry_uri="databricks-uc")
    workspace = WorkspaceClient()
    out = []
    for op in ops:
        kind = op["op"]
        if kind == "versions":
            from databricks.sdk.version import __version__ as sdk_version

            out.append({"mlflow": mlflow.__version__, "databricks-sdk": sdk_version})
        elif kind == "mlflow.get_model_version_by_alias":
            mv = client.get_model_version_by_alias(op["name"], op["alias"])
            out.append({"version": str(mv.version), "tags": dict(mv.tags), "aliases": list(mv.aliases)})
        elif kind == "mlflow.get_model_version":
            mv = client.get_model_version(op["name"], op["version"])
            out.append({"version": str(mv.version), "tags": dict(mv.tags), "aliases": list(mv.aliases)})
        elif kind == "mlflow.set_registered_model_alias":
            client.set_registered_model_alias(op["name"], op["alias"], op["version"])
            out.append(None)
        elif kind == "mlflow.set_model_version_tag":
            client.set_model_version_tag(op["name"], op["version"], op["key"], op["value"])
            out.append(None)
        elif kind == "mlflow.get_registered_model":
            rm = client.get_registered_model(op["name"])
            out.append({"aliases": dict(rm.aliases), "tags": dict(rm.tags)})
        elif kind == "sdk.registered_models.get":
            info = workspace.registered_models.get(op["name"], include_aliases=True)
            out.append({"aliases": {a.alias_name: str(a.version_num) for a in (info.aliases or [])}})
        elif kind == "sdk.model_versions.get_by_alias":
            info = workspace.model_versions.get_by_alias(op["name"], op["alias"])
            out.append({"version": str(info.version)})
        elif kind == "sdk.registered_models.set_alias":
            workspace.registered_models.set_alias(op["name"], op["alias"], int(op["version"]))
            out.append(None)
        elif kind == "sdk.registered_models.delete_alias":
            workspace.registered_models.delete_alias(op["name"], op["alias"])
            out.append(None)
        else:
            raise SystemExit(f"unknown op {kind}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
