import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq
n = int(sys.argv[1]); out = sys.argv[2]
rng = np.random.default_rng(1)
ids = np.arange(n, dtype=np.int64)
label = rng.integers(0, 2, n).astype(np.int64)
amount = rng.integers(100, 1000000, n).astype(np.int64)
score = np.round(rng.random(n), 6)
pq.write_table(pa.table({'id': ids, 'label': label, 'amount': amount}), out + '/test.parquet', compression='snappy')
pq.write_table(pa.table({'id': ids, 'score': score}), out + '/pred.parquet', compression='snappy')
import pandas as pd
pd.DataFrame({'id': ids, 'label': label, 'amount': amount}).to_csv(out + '/test.csv', index=False)
pd.DataFrame({'id': ids, 'score': score}).to_csv(out + '/pred.csv', index=False)
