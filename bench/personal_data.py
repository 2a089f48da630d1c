"""The personal-data warning on a corpus of signal texts: precision and recall.

    .venv/bin/python bench/personal_data.py [--corpus bench/data/personal_data_corpus.jsonl]

Runs `signals.privacy.find_personal_data` on every text of the corpus (one JSON object a
line: {"text", "personal_data": true/false, "note"}), prints TP/FP/TN/FN, precision and
recall, and lists the misclassified texts (shortened) with their note and the hits. No
database. Exit code 0, also when the figures are poor; 2 when the corpus is malformed.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samos.settings")

import django  # noqa: E402

django.setup()

from signals.privacy import find_personal_data  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "personal_data_corpus.jsonl"


def load_corpus(path: Path) -> list[dict]:
    """The corpus rows; ValueError when a line is not {"text": str, "personal_data": bool}."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row.get("text"), str) or not isinstance(row.get("personal_data"), bool):
            raise ValueError(f"{path}:{number}: needs a text and a boolean personal_data")
        rows.append(row)
    return rows


def evaluate(rows: list[dict]) -> dict:
    """TP/FP/TN/FN, precision, recall and the misclassified rows with their hits."""
    counts = {"tp": 0, "fp": 0, "tn": 0, "fn": 0}
    wrong = []
    for row in rows:
        hits = find_personal_data(row["text"])
        key = ("t" if bool(hits) == row["personal_data"] else "f") + ("p" if hits else "n")
        counts[key] += 1
        if key in ("fp", "fn"):
            wrong.append((key, row, hits))
    predicted, actual = counts["tp"] + counts["fp"], counts["tp"] + counts["fn"]
    return {
        **counts,
        "precision": counts["tp"] / predicted if predicted else 1.0,
        "recall": counts["tp"] / actual if actual else 1.0,
        "wrong": wrong,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    try:
        rows = load_corpus(args.corpus)
    except (OSError, ValueError) as error:  # json.JSONDecodeError is a ValueError
        print(f"corpus malformed: {error}", file=sys.stderr)
        return 2
    result = evaluate(rows)
    with_data = sum(row["personal_data"] for row in rows)
    print(f"{len(rows)} texts, {with_data} with personal data, {len(rows) - with_data} without")
    print("TP {tp}  FP {fp}  TN {tn}  FN {fn}".format(**result))
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}")
    for key, row, hits in result["wrong"]:
        text = row["text"] if len(row["text"]) <= 90 else row["text"][:87] + "..."
        found = ", ".join(f"{hit.kind}: {hit.text!r}" for hit in hits) or "-"
        print(f"  {key.upper()}  {text}\n        ({row.get('note', '')}; hits: {found})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
