"""Writes the files the format tests read, with pyarrow and pandas.

The same rows as CSV (pandas' to_csv), as Parquet in every compression and
with and without dictionary encoding, as part folders and gzip; plus the
broken cases. Usage: write-fixtures.py OUT_DIR
"""

import gzip
import os
import random
import shutil
import sys
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
rng = random.Random(7)
N = 2500

ids = list(range(1000, 1000 + N))
labels = [1 if rng.random() < 0.3 else 0 for _ in range(N)]
# Amounts in cents, as exact decimals and as the double a float column holds.
cents = [rng.randrange(1, 10_000_000) for _ in range(N)]
amounts = [Decimal(c).scaleb(-2) for c in cents]
candidate = [round(rng.random(), 6) for _ in range(N)]
champion = [round(rng.random(), 6) for _ in range(N)]


def path(name):
    return os.path.join(out, name)


test = pd.DataFrame({"id": ids, "label": labels, "amount": [str(a) for a in amounts]})
test.to_csv(path("test.csv"), index=False)
pd.DataFrame({"id": ids, "prediction": candidate}).to_csv(path("candidate.csv"), index=False)
pd.DataFrame({"id": ids, "prediction": champion}).to_csv(path("champion.csv"), index=False)

test_table = pa.table(
    {
        "id": pa.array(ids, pa.int64()),
        "id32": pa.array(ids, pa.int32()),
        "label": pa.array(labels, pa.int64()),
        "label_text": pa.array(["fraud" if v else "legit" for v in labels], pa.string()),
        "amount": pa.array(amounts, pa.decimal128(18, 2)),
        "amount_double": pa.array([float(a) for a in amounts], pa.float64()),
        "amount_float": pa.array([float(a) for a in amounts], pa.float32()),
        "when": pa.array([0] * N, pa.timestamp("ms")),
    }
)
# The same rows in text, as pandas writes them, for the columns read as text.
test.assign(
    label_text=["fraud" if v else "legit" for v in labels],
    amount_float=[str(np.float32(float(a))) for a in amounts],
).to_csv(path("test-text.csv"), index=False)

for codec in ["snappy", "gzip", "zstd", "none"]:
    for dictionary in [True, False]:
        name = f"test-{codec}-{'dict' if dictionary else 'plain'}.parquet"
        pq.write_table(
            test_table, path(name), compression=codec, use_dictionary=dictionary, row_group_size=700
        )
# Data page v2, several pages per row group.
pq.write_table(test_table, path("test-v2.parquet"), data_page_version="2.0", data_page_size=2048, row_group_size=1000)

prediction = lambda values, t=pa.float64(): pa.table({"id": pa.array(ids, pa.int64()), "prediction": pa.array(values, t)})
pq.write_table(prediction(candidate), path("candidate.parquet"), row_group_size=900)
pq.write_table(prediction(champion), path("champion.parquet"), compression="zstd", row_group_size=600)

# Shuffled predictions, and part folders written as Spark writes them.
order = list(range(N))
rng.shuffle(order)
shuffled = pa.table({"id": pa.array([ids[k] for k in order], pa.int64()), "prediction": pa.array([candidate[k] for k in order])})
pq.write_table(shuffled, path("candidate-shuffled.parquet"), row_group_size=1000)


def spark_folder(name, table, parts, kind):
    folder = path(name)
    os.makedirs(folder)
    bounds = [round(k * table.num_rows / parts) for k in range(parts + 1)]
    for k in range(parts):
        piece = table.slice(bounds[k], bounds[k + 1] - bounds[k])
        part = f"part-{k:05d}-3f2a.c000.{kind}"
        if kind == "snappy.parquet":
            pq.write_table(piece, os.path.join(folder, part))
        else:
            piece.to_pandas().to_csv(os.path.join(folder, part), index=False)
        open(os.path.join(folder, f".{part}.crc"), "wb").write(b"crc\x00\x01")
    open(os.path.join(folder, "_SUCCESS"), "w").close()
    open(os.path.join(folder, "_committed_1234"), "w").write("{}")
    open(os.path.join(folder, "_started_1234"), "w").close()
    # Spark writes an empty file for an empty partition.
    open(os.path.join(folder, f"part-{parts:05d}-3f2a.c000.{kind}"), "w").close()


spark_folder("candidate-parts-csv", shuffled, 4, "csv")
spark_folder("candidate-parts-parquet", shuffled, 3, "snappy.parquet")
# The test set as parts named as pyarrow numbers them: part-2 before part-10.
folder = path("test-parts")
os.makedirs(folder)
bounds = [round(k * N / 12) for k in range(13)]
for k in range(12):
    pq.write_table(test_table.slice(bounds[k], bounds[k + 1] - bounds[k]), os.path.join(folder, f"part-{k}.parquet"))

# gzip: the same CSV and JSON Lines, and a cut one.
with open(path("test.csv"), "rb") as f:
    data = f.read()
with gzip.open(path("test.csv.gz"), "wb") as f:
    f.write(data)
with open(path("test.csv.gz"), "rb") as f:
    whole = f.read()
open(path("test-cut.csv.gz"), "wb").write(whole[: len(whole) // 2])
with gzip.open(path("candidate.jsonl.gz"), "wt") as f:
    pd.DataFrame({"id": ids, "prediction": candidate}).to_json(f, orient="records", lines=True)

# Nulls and wrong types.
def with_null(column, row):
    table = test_table
    values = table.column(column).to_pylist()
    values[row] = None
    return table.set_column(table.schema.get_field_index(column), column, pa.array(values, table.schema.field(column).type))


pq.write_table(with_null("label", 4), path("test-null-label.parquet"), row_group_size=700)
pq.write_table(with_null("amount", 1500), path("test-null-amount.parquet"), row_group_size=700)
pq.write_table(with_null("amount", 1500), path("test-null-amount-plain.parquet"), row_group_size=700, use_dictionary=False)
pq.write_table(with_null("id", 9), path("test-null-id.parquet"), row_group_size=700)
scores = [None if k == 6 else v for k, v in enumerate(candidate)]
pq.write_table(prediction(scores), path("candidate-null.parquet"))
words = ["high" if k == 2 else str(v) for k, v in enumerate(candidate)]
pq.write_table(pa.table({"id": pa.array(ids, pa.int64()), "prediction": pa.array(words, pa.string())}), path("candidate-words.parquet"))
shutil.copy(path("candidate.parquet"), path("candidate-named.csv"))

# Ids past 2^53 (int64 to the edges), and amounts as decimal(38, 4) (stored
# as fixed-length bytes), negative ones too: each must meet its CSV text.
big_ids = [2**63 - 1, -(2**63), 2**53 + 1, -(2**53) - 5, 0, 7, 123456789012345678]
wide = [Decimal("-1234.5600"), Decimal("0.0001"), Decimal("98765.4321"), Decimal("-0.5000"), Decimal("1.0000"), Decimal("0"), Decimal("42.4200")]
edge_labels = [1, 0, 1, 1, 0, 1, 0]
pq.write_table(
    pa.table({"id": pa.array(big_ids, pa.int64()), "label": pa.array(edge_labels, pa.int8()), "flag": pa.array([v == 1 for v in edge_labels]), "amount": pa.array(wide, pa.decimal128(38, 4))}),
    path("test-edges.parquet"),
)
pd.DataFrame({"id": [str(i) for i in big_ids], "label": edge_labels, "flag": [v == 1 for v in edge_labels], "amount": [str(a) for a in wide]}).to_csv(path("test-edges.csv"), index=False)
edge_scores = [0.9, 0.2, 0.7, 0.1, 0.6, 0.55, 0.3]
pd.DataFrame({"id": [str(i) for i in reversed(big_ids)], "prediction": list(reversed(edge_scores))}).to_csv(path("candidate-edges.csv"), index=False)
