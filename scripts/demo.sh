#!/usr/bin/env bash
# The main job, on a machine without Docker of its own: installs what is
# missing, builds, starts a private Docker engine holding a few deliberately
# misconfigured containers, audits it, prints the report and stops the engine.
# The machine's own Docker, if any, is never used or changed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
BUILD_DIR=$build_dir "$root/scripts/build.sh" > /dev/null

sandbox="$root/tests/e2e/sandbox.sh"
work=$(mktemp -d /tmp/dockaudit-demo.XXXXXX)
trap '"$sandbox" purge "$work" > /dev/null 2>&1' EXIT
echo "demo: starting a private Docker engine in $work" >&2
"$sandbox" start "$work" > /dev/null
export DOCKER_HOST="unix://$work/docker.sock"

run() { docker run -d --network none --name "$1" "${@:2}" local/busybox:1 sleep 3600 > /dev/null; }
run web-as-root
run batch-privileged --privileged --user 1000
run api-hardened --user 1000:1000 --memory 128m --cpus 0.5 --pids-limit 100
run worker-unlimited --user 0:0 --pids-limit -1
docker create --network none --name cron-created --user root:root local/busybox:1 sleep 3600 \
  > /dev/null
echo "demo: auditing it with dockaudit" >&2
echo >&2

status=0
"$build_dir/dockaudit" --daemon-config "$work/daemon.json" || status=$?
echo >&2
echo "demo: dockaudit exited with $status (0 policy met, 1 a check failed," \
  "2 usage error, 3 incomplete)" >&2
# The demo engine is misconfigured on purpose, so 1 is the expected answer;
# anything else means the demo itself went wrong.
[[ $status -eq 1 ]]
