"""trafilatura's metadata (title, author, date) on a corpus with `metadata.json`, written as a
prediction file for `../shared/tools/metadata_score.py`, to score beside article-prep's.

    python scripts/trafilatura-metadata.py CORPUS OUT.jsonl

The page's URL is given as trafilatura's `default_url`, as `eval metadata` gives it to
article-prep as `hints.url`; trafilatura's defaults otherwise (its date is the newest date it
trusts, as htmldate's default).
"""
import argparse
import gzip
import json
import pathlib

import trafilatura


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    args = parser.parse_args()
    gold = json.loads((args.corpus / "metadata.json").read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for doc_id in sorted(gold):
            raw = gzip.decompress((args.corpus / "html" / f"{doc_id}.html.gz").read_bytes())
            meta = trafilatura.extract_metadata(
                raw.decode("utf-8", "replace"), default_url=gold[doc_id].get("url")
            )
            row = {"id": doc_id, "title": "", "author": "", "published_at": ""}
            if meta is not None:
                row.update(
                    title=meta.title or "", author=meta.author or "", published_at=meta.date or ""
                )
            out.write(json.dumps(row) + "\n")
    print(f"trafilatura {trafilatura.__version__}: metadata of {len(gold)} pages")


if __name__ == "__main__":
    main()
