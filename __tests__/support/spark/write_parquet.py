"""Writes a CSV test set as Parquet, as a team keeping its data in Parquet would.

    .venv/bin/python __tests__/support/spark/write_parquet.py test.csv test.parquet

pandas reads the CSV (id and label as int64, amount and features as float64)
and pyarrow writes one Parquet file (snappy), in the CSV's row order.
"""

import sys

import pandas as pd


def main(source, target):
    pd.read_csv(source).to_parquet(target, engine="pyarrow", index=False)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
