#!/usr/bin/env bash
# End to end with real clients: start the binary `cargo test` built on a free port, then
#  - grpcurl (no proto files, reflection only): list, describe, Prepare on the seed, and every
#    grpcurl example of the README;
#  - the Python client generated from the proto: Prepare and PrepareStream.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$("$root/scripts/install-tools.sh" | tail -n 1)"
grpcurl="$venv/bin/grpcurl"
bin="${ARTICLE_PREP_BIN:-$root/target/debug/article-prep}"
[ -x "$bin" ] || cargo build --locked --bin article-prep --manifest-path "$root/Cargo.toml"
seed="$root/tests/fixtures/daily8-nato-ukraine.txt"

port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log="$root/target/e2e-server.log"
"$bin" serve --listen "127.0.0.1:$port" >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  "$grpcurl" -plaintext "127.0.0.1:$port" list >/dev/null 2>&1 && break
  sleep 0.1
done

fail() { echo "e2e: $*" >&2; cat "$log" >&2; exit 1; }

services=$("$grpcurl" -plaintext "127.0.0.1:$port" list)
echo "$services" | grep -qx "articleprep.v1.ArticlePrep" || fail "list lacks articleprep.v1.ArticlePrep: $services"
echo "$services" | grep -qx "grpc.health.v1.Health" || fail "list lacks grpc.health.v1.Health"

described=$("$grpcurl" -plaintext "127.0.0.1:$port" describe articleprep.v1.ArticlePrep)
echo "$described" | grep -q "rpc Prepare ( .articleprep.v1.PrepareRequest ) returns ( .articleprep.v1.PreparedArticle )" || fail "describe: $described"
echo "$described" | grep -q "rpc PrepareStream ( stream .articleprep.v1.PrepareRequest ) returns ( stream .articleprep.v1.PrepareResult )" || fail "describe: $described"

request=$("$venv/bin/python" -c 'import json,sys; print(json.dumps({"id": "seed", "text": open(sys.argv[1]).read()}))' "$seed")
answer=$(echo "$request" | "$grpcurl" -plaintext -d @ "127.0.0.1:$port" articleprep.v1.ArticlePrep/Prepare)
echo "$answer" | "$venv/bin/python" -c '
import json, sys
a = json.load(sys.stdin)
m = a["metadata"]
assert a["id"] == "seed", a["id"]
assert m["title"] == "NATO membership for Ukraine not off the table, US official says", m["title"]
assert (m["source"], m["publishedAt"], m["language"]) == ("Al Arabiya", "2025-02-14", "en"), m
assert len(a["paragraphs"]) == 22 and len(a["quotes"]) == 17, (len(a["paragraphs"]), len(a["quotes"]))
assert a["quotes"][0]["speaker"] == "John Coale" and a["quotes"][0]["attribution"] == "ATTRIBUTION_EXPLICIT"
assert [r["source"] for r in a["related"]] == ["Al Arabiya", "Arab News"]
assert all(c["tokenCount"] <= 512 for c in a["chunks"])
print("grpcurl: Prepare on the seed ok:", len(a["quotes"]), "quotes,", len(a["chunks"]), "chunks")
' || fail "Prepare answer was wrong"

status=$("$grpcurl" -plaintext -d '{"id":"x"}' "127.0.0.1:$port" articleprep.v1.ArticlePrep/Prepare 2>&1 || true)
echo "$status" | grep -q "Code: InvalidArgument" || fail "no payload should be InvalidArgument: $status"
# The refusal's google.rpc.BadRequest, decoded through reflection.
echo "$status" | grep -qF '"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"payload"' \
  || fail "no decoded BadRequest naming the field: $status"

"$venv/bin/python" "$root/tests/e2e/readme_examples.py" "$root/README.md" "$grpcurl" "127.0.0.1:$port" \
  || fail "a README example gave no real answer"

health=$("$grpcurl" -plaintext -d '{"service":"articleprep.v1.ArticlePrep"}' "127.0.0.1:$port" grpc.health.v1.Health/Check)
echo "$health" | grep -q SERVING || fail "health: $health"

# The Python client, generated from the proto: the README's commands exactly as printed.
client=$("$venv/bin/python" -c '
import re, sys
section = open(sys.argv[1], encoding="utf-8").read().split("## A client in another language", 1)[1]
print(re.search(r"```sh\n(.*?)```", section, re.S).group(1))' "$root/README.md")
(cd "$root" && bash -euo pipefail -c "${client//127.0.0.1:50051/127.0.0.1:$port}") \
  || fail "the README's Python client commands failed"

echo "e2e: all checks passed"
