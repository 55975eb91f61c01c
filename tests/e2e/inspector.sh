#!/usr/bin/env bash
# The inspector page (`/` of --http-listen) in headless Chromium (Debian's chromium, driven by
# playwright-core; scripts/install-tools.sh installs both): the page from the real binary, the
# seed submitted, an HTML file chosen, a refusal; a screenshot is kept in target/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/scripts/install-tools.sh" > /dev/null
bin="${ARTICLE_PREP_BIN:-$root/target/debug/article-prep}"
[ -x "$bin" ] || cargo build --locked --bin article-prep --manifest-path "$root/Cargo.toml"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
grpc="$(free_port)"; http="$(free_port)"
"$bin" serve --listen "127.0.0.1:$grpc" --http-listen "127.0.0.1:$http" > "$root/target/e2e-inspector.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' \
    "http://127.0.0.1:$http/" > /dev/null 2>&1 && break
  sleep 0.1
done
PLAYWRIGHT_FROM="$root/target/tools/node/node_modules" node "$root/tests/e2e/inspector.mjs" \
  "http://127.0.0.1:$http" "$root/tests/fixtures/daily8-nato-ukraine.txt" \
  "$root/tests/fixtures/city-budget.html" "$root/target/e2e-inspector.png"
