#!/usr/bin/env bash
# Run a command (the tests) beside this checkout's Virtuoso: started first unless it runs
# already, and then stopped when the command ends, however it ends. Nothing is started when
# KG_VIRTUOSO_URL names another server or KG_SKIP_VIRTUOSO=1; a server that was running
# before (`bash scripts/virtuoso.sh start`, `.ci/run`) is left running.
set -euo pipefail
HERE=$(dirname "$0")
if [ "${KG_SKIP_VIRTUOSO:-}" = 1 ] || [ -n "${KG_VIRTUOSO_URL:-}" ] ||
    bash "$HERE/virtuoso.sh" status >/dev/null 2>&1; then
    exec "$@"
fi
trap 'bash "$HERE/virtuoso.sh" stop' EXIT
bash "$HERE/virtuoso.sh" start
"$@"
