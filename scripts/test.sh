#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test —
# the unit tests and the end-to-end tests against a private Docker engine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure
