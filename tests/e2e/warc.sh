#!/usr/bin/env bash
# `batch --warc` on archives written by a real WARC writer (Python's warcio), gzip per record and
# not: the HTML and text responses come back as results in archive order, their URLs as ids and
# URL hints, the charset from the HTTP headers; requests, redirects and images are skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$("$root/scripts/install-tools.sh" | tail -n 1)"
bin="${ARTICLE_PREP_BIN:-$root/target/debug/article-prep}"
[ -x "$bin" ] || cargo build --locked --bin article-prep --manifest-path "$root/Cargo.toml"
work="$root/target/e2e-warc"
mkdir -p "$work"
"$venv/bin/python" - "$work" <<'PY'
import gzip, io, sys
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

work = sys.argv[1]
para = ("The city council voted on Tuesday to approve a new budget after a debate that lasted "
        "most of the night. Members said the plan would fund schools, roads and a new library.")
russian = ("Городской совет во вторник одобрил новый бюджет после долгих споров. "
           "Депутаты заявили, что план профинансирует школы, дороги и новую библиотеку.")
pages = [
    ("response", "https://example.com/2025/03/04/council-budget", "200 OK",
     [("Content-Type", "text/html; charset=utf-8")],
     f"<html><head><title>Council passes budget</title></head><body><nav>Home News</nav>"
     f"<article><h1>Council passes budget</h1><p>{para}</p><p>{para}</p></article></body></html>".encode()),
    ("request", "https://example.com/2025/03/04/council-budget", None, None, b"GET / HTTP/1.1\r\n\r\n"),
    ("response", "https://example.com/old", "301 Moved Permanently", [("Location", "/new")], b""),
    ("response", "https://example.com/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n"),
    ("response", "https://example.ru/budget", "200 OK",
     [("Content-Type", "text/html; charset=windows-1251"), ("Content-Encoding", "gzip")],
     gzip.compress(f"<html><body><article><p>{russian}</p><p>{russian}</p></article></body></html>"
                   .encode("cp1251"))),
]
for name, compressed in (("plain.warc", False), ("records.warc.gz", True)):
    with open(f"{work}/{name}", "wb") as out:
        writer = WARCWriter(out, gzip=compressed)
        for kind, uri, status, headers, body in pages:
            if kind == "request":
                record = writer.create_warc_record(uri, "request", payload=io.BytesIO(body))
            else:
                http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
                record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                   http_headers=http)
            writer.write_record(record)
PY
fail() { echo "e2e warc: $*" >&2; exit 1; }
for archive in plain.warc records.warc.gz; do
  "$bin" batch --warc "$work/$archive" >"$work/$archive.out" 2>"$work/$archive.err" \
    || fail "$archive: batch failed: $(cat "$work/$archive.err")"
  "$venv/bin/python" - "$work/$archive.out" "$work/$archive.err" <<'PY' || fail "$archive: unexpected results"
import json, sys
results = [json.loads(line) for line in open(sys.argv[1])]
err = open(sys.argv[2]).read()
assert [r["id"] for r in results] == ["https://example.com/2025/03/04/council-budget",
                                      "https://example.ru/budget"], results
english, russian = (r["article"] for r in results)
assert english["text"].startswith("The city council voted on Tuesday"), english["text"]
assert english["metadata"]["url"] == "https://example.com/2025/03/04/council-budget"
assert english["metadata"]["title"] == "Council passes budget"
assert russian["text"].startswith("Городской совет во вторник"), russian["text"]
assert russian["metadata"]["language"] == "ru"
assert "warc: 3 records skipped" in err, err
PY
done
# A truncated archive (a crawl cut short): the records before the cut, then one error line
# naming the record, and an end (not an error repeated for ever).
"$venv/bin/python" -c 'import sys; d=open(sys.argv[1],"rb").read(); open(sys.argv[2],"wb").write(d[:len(d)-120])' \
  "$work/records.warc.gz" "$work/truncated.warc.gz"
# (Its output capped: a reader that loops must fail the test, not fill the disk.)
set +e
timeout 30 "$bin" batch --warc "$work/truncated.warc.gz" 2>"$work/truncated.err" \
  | head -c 1000000 >"$work/truncated.out"
statuses=("${PIPESTATUS[@]}")
set -e
status="${statuses[0]}"
[ "$status" -eq 1 ] || fail "truncated archive: exit status $status, not 1 (failed lines): $(cat "$work/truncated.err")"
"$venv/bin/python" - "$work/truncated.out" "$work/truncated.warc.gz" <<'PY' || fail "truncated archive: unexpected results"
import json, sys
results = [json.loads(line) for line in open(sys.argv[1])]
assert [r.get("id") for r in results] == ["https://example.com/2025/03/04/council-budget", ""], results
error = results[-1]["error"]
assert error["codeName"] == "INVALID_ARGUMENT", error
assert error["message"] == sys.argv[2] + ": record 5: not a WARC record: Error reading data " \
    "source; the rest of the archive is not read", error
PY
echo "e2e warc: plain and gzip-per-record archives ok; a truncated one ends with its error"
