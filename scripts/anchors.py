"""Times the Python anchors on the extraction benchmark's HTML pages, one process, one thread.

    python scripts/anchors.py CORPUS [--runs N]

Prints pages/s and MB/s of `trafilatura.extract(html)` and of Resiliparse's
`extract_plain_text(html, main_content=True)` (body only, default settings; Resiliparse parses
with Lexbor, in C), the median of N passes over all pages, in the same format as `eval speed`.
"""
import argparse
import gzip
import pathlib
import statistics
import time

import trafilatura
from importlib.metadata import version
from resiliparse.extract.html2text import extract_plain_text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = [
        gzip.decompress(p.read_bytes()).decode("utf-8")
        for p in sorted((args.corpus / "html").glob("*.html.gz"))
    ]
    size = sum(len(p.encode("utf-8")) for p in pages)
    for name, extract in [
        (f"trafilatura {trafilatura.__version__} body only (html)", trafilatura.extract),
        (
            f"resiliparse {version('resiliparse')} main_content (html)",
            lambda page: extract_plain_text(page, main_content=True),
        ),
    ]:
        seconds = []
        for _ in range(max(1, args.runs)):
            started = time.perf_counter()
            for page in pages:
                extract(page)
            seconds.append(time.perf_counter() - started)
        median = statistics.median(seconds)
        print(
            f"{name:<34} {len(pages) / median:>8.1f} pages/s {size / 1e6 / median:>8.1f} MB/s"
            f"   ({len(pages)} pages, median of {len(seconds)})"
        )


if __name__ == "__main__":
    main()
