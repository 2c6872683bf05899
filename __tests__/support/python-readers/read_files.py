"""Reads data files the way a data scientist's Python does, for the readers'
differential test (__tests__/data/python-agreement.test.ts).

stdin: JSON {"files": [{"path": ..., "kind": "csv" | "jsonl"}], "values": [text, ...]}
stdout: JSON {"files": [{"rows": [[field, ...], ...]} | {"error": message}],
              (for JSON Lines, each row is [float of the record's "p"])
              "values": [{"float": ..., "decimal": ...}, ...]}

CSV is read with the csv module (excel dialect, newline='', utf-8-sig),
JSON Lines with json.loads per non-blank line. A value's float is
"refused", "nan", "inf", "-inf" or repr(float(text)); its Decimal is
"refused", "nan", "inf" or [sign, digits, exponent] with the trailing
zeros of the digits moved into the exponent (zero is [0, "0", 0]).
"""

import csv
import json
import sys
from decimal import Decimal, InvalidOperation


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [row for row in csv.reader(f)]


def read_jsonl(path):
    """Each record's "p" as float() of it: [float result] per line."""
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f.read().split("\n"):
            if line.strip() == "":
                rows.append(None)
                continue
            rows.append([value_as_float(json.loads(line)["p"])])
    while rows and rows[-1] is None:
        rows.pop()
    return rows


def value_as_float(value):
    if isinstance(value, bool) or value is None:
        return "refused"
    if isinstance(value, str):
        return as_float(value)
    try:
        return as_float(repr(float(value)))
    except OverflowError:
        return "inf" if value > 0 else "-inf"


def as_float(text):
    try:
        value = float(text)
    except ValueError:
        return "refused"
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def as_decimal(text):
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return "refused"
    if value.is_nan():
        return "nan"
    if value.is_infinite():
        return "inf"
    sign, digits, exponent = value.as_tuple()
    digits = list(digits)
    while len(digits) > 1 and digits[-1] == 0:
        digits.pop()
        exponent += 1
    if digits == [0]:
        return [0, "0", 0]
    return [sign, "".join(map(str, digits)), exponent]


def main():
    request = json.load(sys.stdin)
    files = []
    for spec in request["files"]:
        try:
            rows = read_csv(spec["path"]) if spec["kind"] == "csv" else read_jsonl(spec["path"])
            files.append({"rows": rows})
        except Exception as error:  # the test needs every refusal, whatever its kind
            files.append({"error": f"{type(error).__name__}: {error}"})
    values = [{"float": as_float(t), "decimal": as_decimal(t)} for t in request["values"]]
    json.dump({"files": files, "values": values}, sys.stdout)


main()
