"""Predictions of trafilatura on an extraction corpus, in the gold file's format, for
`eval extraction --baselines DIR` to score beside article-prep in the same run.

    python scripts/trafilatura-predict.py CORPUS DIR

Writes DIR/html-trafilatura.json (the pages' HTML) and DIR/text-trafilatura.json (the scraped
text, each line given as a paragraph), `{id: {"articleBody": text}}`, with trafilatura's
defaults and comments left out, as the corpus READMEs measured it.
"""
import argparse
import gzip
import html
import json
import pathlib

import trafilatura


def extract(page: str) -> str:
    return trafilatura.extract(page, include_comments=False) or ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    args = parser.parse_args()
    gold = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    pages, texts = {}, {}
    for doc_id in sorted(gold):
        raw = gzip.decompress((args.corpus / "html" / f"{doc_id}.html.gz").read_bytes())
        pages[doc_id] = {"articleBody": extract(raw.decode("utf-8", "replace"))}
        text_path = args.corpus / "text" / f"{doc_id}.txt"
        if text_path.exists():
            lines = text_path.read_text(encoding="utf-8").splitlines()
            wrapped = "<html><body>" + "".join(
                f"<p>{html.escape(line)}</p>" for line in lines if line.strip()
            ) + "</body></html>"
            texts[doc_id] = {"articleBody": extract(wrapped)}
    (args.out / "html-trafilatura.json").write_text(json.dumps(pages), encoding="utf-8")
    if texts:
        (args.out / "text-trafilatura.json").write_text(json.dumps(texts), encoding="utf-8")
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {len(texts)} texts")


if __name__ == "__main__":
    main()
