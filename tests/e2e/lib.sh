# Shared by the end-to-end scripts: assertions on dockaudit's JSON report and
# a private engine in a temporary directory. Source it after setting
# `dockaudit` (the binary under test).

readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly sandbox="$here/sandbox.sh"
readonly image=local/busybox:1

passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# expect_status REPORT TARGET CHECK STATUS
expect_status() {
  local seen
  seen=$(jq -r --arg c "$2" --arg k "$3" \
    '.results[] | select(.target.name == $c and .check == $k) | .status' "$1")
  if [[ "$seen" == "$4" ]]; then pass; else fail "$2 $3: expected $4, got '${seen}'"; fi
}

# expect_evidence REPORT CHECK NEEDLE: some evidence path or value of CHECK
# (on any target) holds NEEDLE.
expect_evidence() {
  local seen
  seen=$(jq -c --arg k "$2" '[.results[] | select(.check == $k) | .evidence]' "$1")
  expect_contains "$2 evidence" "$3" "$seen"
}

# expect_equal WHAT EXPECTED ACTUAL
expect_equal() {
  if [[ "$2" == "$3" ]]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# expect_contains WHAT NEEDLE HAYSTACK
expect_contains() {
  if [[ "$3" == *"$2"* ]]; then pass; else fail "$1: '$2' not in: $3"; fi
}

require_engine_tools() {
  if [[ $(id -u) -ne 0 ]] || ! command -v dockerd > /dev/null; then
    echo "e2e: needs root and dockerd (scripts/install-deps.sh installs docker.io)" >&2
    exit 1
  fi
}

# start_sandbox [EXTRA_DAEMON_JSON]: a private engine in a new $work, removed
# on exit; DOCKER_HOST points at it.
start_sandbox() {
  work=$(mktemp -d /tmp/da-e2e.XXXXXX)
  chmod 0755 "$work"
  trap '"$sandbox" purge "$work" > /dev/null 2>&1' EXIT
  "$sandbox" start "$work" "${1-}" > /dev/null ||
    { echo "e2e: private dockerd did not start" >&2; exit 1; }
  export DOCKER_HOST="unix://$work/docker.sock"
}

# run NAME [DOCKER RUN OPTIONS]: a running container, never on a network.
run() { docker run -d --network none --name "$1" "${@:2}" "$image" sleep 3600 > /dev/null; }

# create NAME [OPTIONS]: a container that is created and never started.
create() { docker create --network none --name "$1" "${@:2}" "$image" sleep 3600 > /dev/null; }

finish() {
  echo "e2e ${0##*/}: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
