#!/usr/bin/env bash
# End-to-end: a private dockerd (tests/e2e/sandbox.sh) holding containers that
# make each baseline check pass and fail; the dockaudit binary audits it with
# the baseline profile and its JSON is asserted per container and check. Needs
# root and docker.io. tests/e2e/cis.sh does the same for the CIS benchmark.
#
# Usage: tests/e2e/run.sh PATH/TO/dockaudit
set -uo pipefail

readonly dockaudit=$(realpath "${1:?usage: run.sh PATH/TO/dockaudit}")
source "$(dirname "$0")/lib.sh"
require_engine_tools
start_sandbox

run c_root
run c_good --user 1000:1000 --memory 64m --cpus 0.5 --pids-limit 50
run c_zero --user 0:0
run c_rootroot --user root:root
run c_zerogid --user 0:1000
run c_plus0 --user +0
run c_nobody --user nobody
run c_priv --privileged
run c_quota --cpu-quota 50000
run c_cpuset --cpuset-cpus 0
run c_shares --cpu-shares 512
run c_pidsm1 --pids-limit -1
run c_mem --memory 32m
run c_label --security-opt label=disable
docker create --network none --name c_created "$image" sleep 3600 > /dev/null
docker run --network none --name c_exited "$image" true > /dev/null
run c_paused && docker pause c_paused > /dev/null

# --- one audit of the whole engine ----------------------------------------
report="$work/report.json"
"$dockaudit" --profile baseline --format json --output "$report" --daemon-config "$work/daemon.json" \
  2> "$work/stderr"
expect_equal "exit code with failing containers" 1 $?
expect_equal "report exit_code field" 1 "$(jq .exit_code "$report")"

for c in c_root c_zero c_rootroot c_zerogid c_plus0 c_created c_exited c_paused; do
  expect_status "$report" "$c" container.user fail
done
for c in c_good c_nobody; do expect_status "$report" "$c" container.user pass; done

expect_status "$report" c_good container.memory-limit pass
expect_status "$report" c_mem container.memory-limit pass
expect_status "$report" c_root container.memory-limit fail
expect_status "$report" c_good container.cpu-limit pass
expect_status "$report" c_quota container.cpu-limit pass
expect_status "$report" c_cpuset container.cpu-limit pass
expect_status "$report" c_shares container.cpu-limit fail
expect_status "$report" c_root container.cpu-limit fail
expect_status "$report" c_good container.pids-limit pass
expect_status "$report" c_pidsm1 container.pids-limit fail
expect_status "$report" c_root container.pids-limit fail
expect_status "$report" c_priv container.privileged fail
expect_status "$report" c_root container.privileged pass

# This engine host has neither AppArmor nor SELinux.
if [[ ! -e /sys/kernel/security/apparmor ]]; then
  expect_status "$report" c_root container.apparmor not_applicable
fi
if [[ ! -e /sys/fs/selinux/enforce ]]; then
  expect_status "$report" c_label container.selinux not_applicable
fi

expect_status "$report" dockerd daemon.userns-remap fail
expect_equal "daemon.json accepted" pass \
  "$(jq -r '.results[] | select(.check == "daemon.config-file") | .status' "$report")"

# Every container is audited, whatever its state, and the state is reported.
for pair in c_created:created c_exited:exited c_paused:paused c_root:running \
  c_rootroot:running c_nobody:running c_priv:running; do
  expect_equal "state of ${pair%%:*}" "${pair#*:}" "$(jq -r --arg c "${pair%%:*}" \
    '[.results[] | select(.target.name == $c)][0].target.state' "$report")"
done
expect_equal "containers audited" 17 \
  "$(jq '[.results[] | select(.check == "container.user")] | length' "$report")"
expect_equal "container ids are full" 64 \
  "$(jq -r '[.results[] | select(.target.name == "c_root")][0].target.id | length' "$report")"
score=$(jq '.score.overall' "$report")
expect_equal "score in range" true "$(jq -n --argjson s "$score" '$s >= 0 and $s <= 100')"
expect_equal "user evidence" '"0:0"' "$(jq -c '.results[] | select(.target.name == "c_zero"
  and .check == "container.user") | .evidence[0].value' "$report")"

# --- a snapshot audited offline matches the live audit --------------------
# An image with a secret in its environment and labels, and a container that
# inherits the label and adds its own: the snapshot must hold none of the
# secrets, keep the ordinary label, and image.secrets must still fail offline.
readonly token=ghp_e2eE2Ee2eE2Ee2eE2Ee2eE2Ee2eE2Ee2eE
docker commit --change "ENV DEPLOY_TOKEN=$token" --change 'LABEL db.password=letmein99' \
  c_good local/leaky:1 > /dev/null
docker create --network none --name c_labels --label db.password=hunter2secret \
  --label aws_key=AKIAIOSFODNN7EXAMPLE --label tier=db-primary local/leaky:1 sleep 3600 > /dev/null
"$dockaudit" --level 2,swarm --format json --output "$work/live.json" \
  --daemon-config "$work/daemon.json" 2> /dev/null
live_exit=$?
"$dockaudit" snapshot --output "$work/host.json" --daemon-config "$work/daemon.json"
expect_equal "exit code of dockaudit snapshot" 0 $?
expect_equal "snapshot kind" dockaudit-snapshot "$(jq -r .kind "$work/host.json")"
if grep -q -e "$token" -e letmein99 -e hunter2secret -e IOSFODNN7EXAMPLE "$work/host.json"; then
  fail "a secret value is in the snapshot file"
else
  pass
fi
saved_labels='.containers.value[] | select(.name == "c_labels") | .labels'
expect_equal "labels saved for c_labels" "$(jq -cSn '{"aws_key": "<masked: AWS access key id>",
  "db.password": "<masked: secret-named variable>", "tier": "db-primary"}')" \
  "$(jq -cS "$saved_labels" "$work/host.json")"
"$dockaudit" --snapshot "$work/host.json" --level 2,swarm --format json \
  --output "$work/offline.json" 2> /dev/null
expect_equal "offline exit code equals live" "$live_exit" $?
expect_equal "offline report names its snapshot" "$work/host.json" \
  "$(jq -r .engine.snapshot "$work/offline.json")"
expect_status "$work/offline.json" local/leaky:1 image.secrets fail
findings='[.results[] | {check, target, status, detail, evidence}]'
expect_equal "offline results equal live results" "$(jq -c "$findings" "$work/live.json")" \
  "$(jq -c "$findings" "$work/offline.json")"
expect_equal "results compared" true "$(jq '.results | length > 100' "$work/offline.json")"
err=$("$dockaudit" --snapshot "$work/host.json" --host "$DOCKER_HOST" 2>&1 > /dev/null)
expect_equal "exit code, --host with --snapshot" 2 $?
jq '.containers.value[0].memory = "abc"' "$work/host.json" > "$work/bad-snapshot.json"
err=$("$dockaudit" --snapshot "$work/bad-snapshot.json" 2>&1 > /dev/null)
expect_equal "exit code, malformed snapshot" 2 $?
expect_contains "malformed snapshot message" \
  "bad-snapshot.json: /containers/value/0/memory: expected an integer" "$err"
docker rm c_labels > /dev/null
docker rmi local/leaky:1 > /dev/null

# Without --daemon-config, the daemon.json read is the one the socket's dockerd
# was started with (--config-file), not /etc/docker/daemon.json.
"$dockaudit" --format json --output "$work/own.json"
expect_equal "daemon.json found from dockerd's flags" "$work/daemon.json" \
  "$(jq -r '.daemon_config' "$work/own.json")"

# --- the text report is the default and has no colour off a terminal ------
text=$("$dockaudit" --profile baseline --daemon-config "$work/daemon.json")
expect_contains "text report" "FAIL   container.privileged [critical]" "$text"
expect_contains "text report states" "c_paused (paused," "$text"
if [[ "$text" == *$'\033['* ]]; then fail "colour codes in piped text output"; else pass; fi

# --- the policy decides the exit code ---------------------------------------
# c_priv is privileged (critical); no baseline check here is worse than high
# otherwise, so --fail-on critical fails on it alone and a score of 0 is met.
"$dockaudit" --profile baseline --daemon-config "$work/daemon.json" --fail-on critical \
  --format json --output "$work/policy.json"
expect_equal "exit code, --fail-on critical with a privileged container" 1 $?
expect_contains "policy reason" "of severity critical or higher failed" \
  "$(jq -r '.policy.reasons[]' "$work/policy.json")"
"$dockaudit" --profile baseline --daemon-config "$work/daemon.json" --fail-under 0 \
  --format json --output "$work/policy.json"
expect_equal "exit code, --fail-under 0" "$(jq '.policy.incomplete | if . then 3 else 0 end' \
  "$work/policy.json")" $?
expect_equal "--fail-under 0 is met" true "$(jq .policy.met "$work/policy.json")"
"$dockaudit" --profile baseline --daemon-config "$work/daemon.json" --fail-under 100 \
  > /dev/null
expect_equal "exit code, --fail-under 100 with failures" 1 $?

# --- a daemon.json dockerd would reject -----------------------------------
printf '{\n  "icc": false,\n  // no comments in JSON\n  "userns-remap": "default"\n}\n' \
  > "$work/bad-daemon.json"
"$dockaudit" --profile baseline --format json --daemon-config "$work/bad-daemon.json" > "$work/bad.json" 2> /dev/null
expect_equal "exit code with rejected daemon.json" 1 $?
expect_contains "rejected daemon.json names line and column" "bad-daemon.json:3:3:" \
  "$(jq -r '.results[] | select(.check == "daemon.config-file") | .detail' "$work/bad.json")"
expect_equal "nothing read from the rejected file" '"(daemon.json rejected by dockerd; nothing read from it)"' \
  "$(jq -c '.results[] | select(.check == "daemon.userns-remap") | .evidence[0].value' \
    "$work/bad.json")"

# --- engine faults --------------------------------------------------------
err=$("$dockaudit" --profile baseline --host "unix://$work/missing.sock" --daemon-config "$work/daemon.json" \
  2>&1 > /dev/null)
expect_equal "exit code, socket missing" 3 $?
expect_contains "socket missing message" "socket $work/missing.sock does not exist" "$err"

err=$("$dockaudit" --profile baseline --host "unix://$work/daemon.json" --daemon-config "$work/daemon.json" \
  2>&1 > /dev/null)
expect_equal "exit code, not a socket" 3 $?
expect_contains "not a socket message" "is a regular file, not a socket" "$err"

cp "$dockaudit" "$work/dockaudit"
cp "$here/../../profiles/baseline.yaml" "$work/baseline.yaml"
chmod 0755 "$work/dockaudit"
chmod 0644 "$work/baseline.yaml" "$work/daemon.json"
err=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$work/dockaudit" \
  --profile "$work/baseline.yaml" --daemon-config "$work/daemon.json" --format json \
  2>&1 > "$work/denied.json")
expect_equal "exit code, permission denied" 3 $?
expect_contains "permission denied message" "permission denied on socket $work/docker.sock" "$err"
expect_equal "no pass without the engine" 0 \
  "$(jq '[.results[] | select(.check != "daemon.config-file" and .status != "error")] | length' \
    "$work/denied.json")"

# --- waivers: one active (by name glob), one expired, one unused -----------
cat > "$work/waivers.yaml" <<'YAML'
waivers:
  - check: container.user
    containers: ["c_ro?t"]
    justification: vendor image runs as root until the rewrite
    owner: e2e
    expires: 2999-12-31
  - check: container.privileged
    containers: [c_priv]
    justification: needed for the old storage driver
    owner: e2e
    expires: 2020-01-01
  - check: container.user
    containers: ["nothing-*"]
    justification: matches no container
    owner: e2e
    expires: 2999-12-31
YAML
waived="$work/waived.json"
"$dockaudit" --profile baseline --format json --output "$waived" \
  --daemon-config "$work/daemon.json" --waivers "$work/waivers.yaml" 2> /dev/null
expect_equal "exit code with waivers and other failures" 1 $?
expect_status "$waived" c_root container.user waived
expect_status "$waived" c_rootroot container.user fail
expect_status "$waived" c_priv container.privileged fail
expect_equal "waived justification" "vendor image runs as root until the rewrite" \
  "$(jq -r '.results[] | select(.target.name == "c_root" and .check == "container.user")
    | .waiver.justification' "$waived")"
expect_equal "expired waiver noted" true \
  "$(jq '.results[] | select(.target.name == "c_priv" and .check == "container.privileged")
    | .waiver.expired' "$waived")"
expect_equal "waiver states" '["active","expired","unused"]' \
  "$(jq -c '[.waivers.entries[].state]' "$waived")"
expect_equal "waiver matches" '[1,1,0]' "$(jq -c '[.waivers.entries[].matched]' "$waived")"
expect_equal "waived count" 1 "$(jq '.summary.waived' "$waived")"

# A malformed waiver file audits nothing.
printf 'waivers:\n  - check: container.usr\n    justification: j\n    owner: o\n    expires: %s\n' \
  2999-12-31 > "$work/bad-waivers.yaml"
err=$("$dockaudit" --profile baseline --format json --output "$work/none.json" \
  --daemon-config "$work/daemon.json" --waivers "$work/bad-waivers.yaml" 2>&1 > /dev/null)
expect_equal "exit code, malformed waivers" 2 $?
expect_contains "malformed waivers message" "bad-waivers.yaml:2:12: unknown check 'container.usr'" \
  "$err"
if [[ -e "$work/none.json" ]]; then fail "a report written despite bad waivers"; else pass; fi

# --- drift against the waived run ------------------------------------------
run c_newbad
docker rm -f c_pidsm1 > /dev/null
docker rm -f c_shares > /dev/null && run c_shares --cpus 0.5
drifted="$work/drifted.json"
"$dockaudit" --profile baseline --format json --output "$drifted" \
  --daemon-config "$work/daemon.json" --waivers "$work/waivers.yaml" --baseline "$waived" 2> /dev/null
expect_equal "exit code with a baseline" 1 $?
drift_of() {
  jq -r --arg c "$1" --arg k "$2" \
    '.results[] | select(.target.name == $c and .check == $k) | .drift' "$drifted"
}
expect_equal "new container's failure" new "$(drift_of c_newbad container.user)"
expect_equal "unchanged failure" unchanged "$(drift_of c_zero container.user)"
expect_equal "re-created and fixed" resolved "$(drift_of c_shares container.cpu-limit)"
expect_status "$drifted" c_shares container.cpu-limit pass
expect_equal "still waived, no drift" null "$(drift_of c_root container.user)"
expect_equal "removed container resolved" '["resolved"]' \
  "$(jq -c '[.drift.resolved_results[] | select(.target.name == "c_pidsm1"
    and .check == "container.pids-limit") | .drift]' "$drifted")"
expect_equal "new count" "$(jq '[.results[] | select(.drift == "new")] | length' "$drifted")" \
  "$(jq '.drift.new' "$drifted")"
text=$("$dockaudit" report convert "$drifted")
expect_equal "text report leads with the changes" "Changes since $waived" \
  "$(sed -n 3p <<< "$text" | cut -d' ' -f1-3)"
expect_contains "text names the new failure" "new       FAIL   container.user container:c_newbad" \
  "$text"

# --- userns-remap on ------------------------------------------------------
"$sandbox" restart "$work" '{"userns-remap":"default"}' > /dev/null ||
  { echo "e2e: dockerd with userns-remap did not start" >&2; exit 1; }
run c_remapped --user 1000:1000 --memory 64m --cpus 0.5 --pids-limit 50
"$dockaudit" --profile baseline --format json --output "$work/remap.json" --daemon-config "$work/daemon.json"
expect_equal "exit code, all passing under remap" 0 $?
expect_status "$work/remap.json" dockerd daemon.userns-remap pass
expect_status "$work/remap.json" c_remapped container.user pass
expect_equal "remap evidence from daemon.json" '"default"' \
  "$(jq -c '.results[] | select(.check == "daemon.userns-remap") | .evidence[0].value' \
    "$work/remap.json")"

finish
