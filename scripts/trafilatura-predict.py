"""Predictions of trafilatura on an extraction corpus, in the gold file's format, for
`eval extraction --baselines DIR` to score beside article-prep in the same run.

    python scripts/trafilatura-predict.py CORPUS DIR

Writes DIR/html-trafilatura.json (the pages' HTML) and DIR/text-trafilatura.json (the scraped
text, each line given as a paragraph), `{id: {"articleBody": text}}`, with trafilatura's
defaults and comments left out, as the corpus READMEs measured it. On a corpus with checked
metadata (`metadata.json`), also DIR/meta_pred_trafilatura.jsonl: trafilatura's title, author
and date of each page (`extract_metadata`, the page's URL as `default_url`, as `eval metadata`
gives article-prep the URL as a hint), for `../shared/tools/metadata_score.py`.
"""
import argparse
import gzip
import html
import json
import pathlib

import trafilatura


def extract(page: str) -> str:
    return trafilatura.extract(page, include_comments=False) or ""


def metadata_row(doc_id: str, page: str, url: str | None) -> dict:
    meta = trafilatura.extract_metadata(page, default_url=url)
    row = {"id": doc_id, "title": "", "author": "", "published_at": ""}
    if meta is not None:
        row.update(title=meta.title or "", author=meta.author or "", published_at=meta.date or "")
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("out", type=pathlib.Path)
    args = parser.parse_args()
    gold = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    metadata_path = args.corpus / "metadata.json"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    pages, texts, meta_rows = {}, {}, []
    for doc_id in sorted(gold):
        raw = gzip.decompress((args.corpus / "html" / f"{doc_id}.html.gz").read_bytes())
        page = raw.decode("utf-8", "replace")
        pages[doc_id] = {"articleBody": extract(page)}
        if doc_id in metadata:
            meta_rows.append(metadata_row(doc_id, page, metadata[doc_id].get("url")))
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
    if meta_rows:
        (args.out / "meta_pred_trafilatura.jsonl").write_text(
            "".join(json.dumps(row) + "\n" for row in meta_rows), encoding="utf-8"
        )
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {len(texts)} texts")


if __name__ == "__main__":
    main()
