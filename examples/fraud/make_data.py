"""Synthetic card-fraud transactions for the champion-gate example.

    python make_data.py --out data [--train-rows 50000] [--test-rows 20000] [--seed 42]

Writes data/train.csv and data/test.csv with columns id,amount,feature_1..feature_k,label.
label 1 = fraud (about 1.5%), amount in dollars with cents; feature_1 separates fraud
best and feature_k least. The same --seed gives the same files; test ids follow the
train ids, so the two files never share an id.
"""

import argparse
from pathlib import Path

import numpy as np
import pandas as pd


def make_transactions(rng, rows, features, fraud_rate, first_id):
    label = (rng.random(rows) < fraud_rate).astype(int)
    shift = 1.6 * 0.6 ** np.arange(features)  # how far fraud moves each feature
    x = rng.normal(size=(rows, features)) + np.outer(label, shift)
    amount = np.where(label == 1, rng.lognormal(4.2, 1.1, rows), rng.lognormal(3.4, 1.0, rows))
    frame = pd.DataFrame({"id": np.arange(first_id, first_id + rows), "amount": amount.round(2)})
    for i in range(features):
        frame[f"feature_{i + 1}"] = x[:, i].round(4)
    frame["label"] = label
    return frame


def main():
    p = argparse.ArgumentParser(description="Write synthetic card-fraud train/test CSVs.")
    p.add_argument("--out", type=Path, default=Path("data"))
    p.add_argument("--train-rows", type=int, default=50_000)
    p.add_argument("--test-rows", type=int, default=20_000)
    p.add_argument("--features", type=int, default=6)
    p.add_argument("--fraud-rate", type=float, default=0.015)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()

    rng = np.random.default_rng(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    train = make_transactions(rng, args.train_rows, args.features, args.fraud_rate, 1)
    test = make_transactions(rng, args.test_rows, args.features, args.fraud_rate, args.train_rows + 1)
    for name, frame in (("train", train), ("test", test)):
        path = args.out / f"{name}.csv"
        frame.to_csv(path, index=False)
        print(f"{path}: {len(frame)} rows, {int(frame.label.sum())} fraud")


if __name__ == "__main__":
    main()
