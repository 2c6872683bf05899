"""Scores a Parquet test set on Spark with registered MLflow models.

    MLFLOW_TRACKING_URI=http://127.0.0.1:5000 python score_with_spark.py \
        --test-set data/test.parquet --id-column id \
        --score models:/fraud-detector@champion out/champion.parquet \
        --score models:/fraud-detector@candidate out/candidate.parquet

Each --score loads MODEL_URI from the MLflow registry with
mlflow.pyfunc.spark_udf, scores every test row and writes OUTPUT_DIR the way
Spark writes any table: a folder of part-* files (one per partition, not in
the test set's row order), a _SUCCESS marker and .crc checksums, with two
columns, the id and `prediction` (the positive-class probability). An
OUTPUT_DIR ending in .csv is written as CSV with a header in every part file;
anything else as Parquet (snappy). champion-gate reads such a folder directly:
give it as candidate-predictions / champion-predictions with id-column set.

Models whose pyfunc output has two columns (scikit-learn's predict_proba,
[p_negative, p_positive]) are reduced to the column --positive-index (default
1, scikit-learn's order of classes_); models with one output column are
written as they are (probabilities or 0/1 labels).

Local mode (--master local[N], the default local[2]) binds the driver to
127.0.0.1; on a cluster, pass --master and drop that (see README.md).
The last stdout line is JSON: per output, its format and row count.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")
# The Python workers must import the same mlflow, pandas and model libraries as
# the driver; in local mode that is this interpreter.
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--test-set", required=True, help="Parquet file or folder of the test rows")
    p.add_argument("--id-column", default="id", help="the key champion-gate joins on")
    p.add_argument("--score", action="append", nargs=2, required=True,
                   metavar=("MODEL_URI", "OUTPUT_DIR"),
                   help="score MODEL_URI into OUTPUT_DIR (repeatable; .csv suffix: CSV)")
    p.add_argument("--partitions", type=int, default=4,
                   help="part files per output (rows are spread round-robin)")
    p.add_argument("--positive-index", type=int, default=1,
                   help="column of a two-column (predict_proba) output to keep")
    p.add_argument("--env-manager", default="local", choices=("local", "virtualenv", "uv", "conda"),
                   help="where the workers get the model's libraries (local: this environment)")
    p.add_argument("--master", default="local[2]")
    return p.parse_args()


def spark_session(master):
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.master(master).appName("champion-gate-score")
    builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if master.startswith("local"):
        # A laptop or CI runner whose hostname resolves to a LAN address would
        # otherwise listen there; local mode needs nothing beyond loopback.
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1")
    return builder.getOrCreate()


def model_columns(model_uri):
    """The model's input columns and whether its output has two columns (predict_proba)."""
    from mlflow.models import get_model_info

    signature = get_model_info(model_uri).signature
    if signature is None or signature.inputs is None:
        sys.exit(f"{model_uri} has no signature: log it with one so the job knows its input columns")
    inputs = signature.inputs.input_names()
    outputs = signature.outputs
    two_columns = False
    if outputs is not None and not outputs.has_input_names():
        # A tensor output such as predict_proba's float64 (-1, 2).
        shape = getattr(outputs.inputs[0], "shape", None) or ()
        two_columns = len(shape) == 2 and shape[1] == 2
    return inputs, two_columns


def score(spark, test, model_uri, id_column, positive_index, env_manager):
    import mlflow.pyfunc
    from pyspark.sql import functions as F

    inputs, two_columns = model_columns(model_uri)
    result_type = "array<double>" if two_columns else "double"
    # env_manager="local": the workers use this environment, which already has
    # the model's libraries (pinned alongside mlflow); "virtualenv" or "conda"
    # rebuild the model's environment on every worker, for clusters whose
    # workers lack them.
    predict = mlflow.pyfunc.spark_udf(spark, model_uri, result_type=result_type,
                                      env_manager=env_manager)
    prediction = predict(*[F.col(c) for c in inputs])
    if two_columns:
        prediction = prediction.getItem(positive_index)
    return test.select(F.col(id_column), prediction.alias("prediction"))


def main():
    args = parse_args()
    if args.master.startswith("local"):
        # Before the JVM starts: otherwise Spark warns that the hostname
        # resolves to loopback and picks a LAN interface instead.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = spark_session(args.master)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        # Round-robin repartitioning spreads the rows over the part files, as
        # any shuffle upstream would: part order is not test-set order.
        test = spark.read.parquet(args.test_set).repartition(args.partitions)
        if args.id_column not in test.columns:
            sys.exit(f"--id-column {args.id_column!r} is not a column of {args.test_set}: "
                     f"{', '.join(test.columns)}")
        scored, written = {}, {}
        for model_uri, output in args.score:
            if model_uri not in scored:
                # Scored once per model, kept in memory, written in each format asked.
                scored[model_uri] = score(spark, test, model_uri, args.id_column,
                                          args.positive_index, args.env_manager).cache()
            writer = scored[model_uri].write.mode("overwrite")
            kind = "csv" if output.rstrip("/").endswith(".csv") else "parquet"
            if kind == "csv":
                writer.option("header", True).csv(output)
            else:
                writer.parquet(output)
            written[output] = {"model_uri": model_uri, "format": kind,
                               "rows": scored[model_uri].count()}
        print(json.dumps({"spark": spark.version, "outputs": written}))
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
