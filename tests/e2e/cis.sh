#!/usr/bin/env bash
# End-to-end for the CIS Docker Benchmark profiles: daemon settings given as
# dockerd flags and in daemon.json, a hardened daemon.json against a weak one,
# and containers that make each section-5 check pass and fail, audited by the
# dockaudit binary on a private dockerd. Containers this machine may not be
# able to start (privileged, --cap-add ALL) are only created: they are
# audited like any other. Needs root and docker.io.
#
# Usage: tests/e2e/cis.sh PATH/TO/dockaudit
set -uo pipefail

readonly dockaudit=$(realpath "${1:?usage: cis.sh PATH/TO/dockaudit}")
source "$(dirname "$0")/lib.sh"
require_engine_tools

# audit REPORT [OPTIONS]: the default profile (cis-docker-1.8) at level 2.
audit() { "$dockaudit" --format json --level 2 --output "$1" "${@:2}" 2> "$work/stderr"; }

# --- settings as dockerd flags --------------------------------------------
export SANDBOX_DOCKERD_FLAGS="--log-level debug --live-restore --userland-proxy=false \
--no-new-privileges"
start_sandbox
audit "$work/flags.json"
expect_equal "profile named in the report" "CIS Docker Benchmark 1.8.0" \
  "$(jq -r '.profile.benchmark | "\(.name) \(.version)"' "$work/flags.json")"
expect_status "$work/flags.json" dockerd daemon.log-level fail
expect_evidence "$work/flags.json" daemon.log-level "flag: --log-level debug"
expect_status "$work/flags.json" dockerd daemon.userland-proxy pass
expect_evidence "$work/flags.json" daemon.userland-proxy "flag: --userland-proxy=false"
expect_status "$work/flags.json" dockerd daemon.no-new-privileges pass
expect_evidence "$work/flags.json" daemon.no-new-privileges "flag: --no-new-privileges"
expect_status "$work/flags.json" dockerd daemon.live-restore pass
expect_status "$work/flags.json" "$work/daemon.json" daemon.config-file pass

# The same key in the file as well: dockerd would not start again.
jq '. + {"log-level": "info"}' "$work/daemon.json" > "$work/daemon.json.new" &&
  mv "$work/daemon.json.new" "$work/daemon.json"
audit "$work/clash.json"
expect_status "$work/clash.json" "$work/daemon.json" daemon.config-file fail
expect_contains "flag and file clash named" "log-level" \
  "$(jq -r '.results[] | select(.check == "daemon.config-file") | .detail' "$work/clash.json")"

# A member of the socket's group reaches the engine but cannot read dockerd's
# command line: the settings only the files and flags hold are errors, never
# a guess that passes (this engine runs with "iptables": false).
cp "$dockaudit" "$work/dockaudit" && chmod 0755 "$work/dockaudit"
jq 'del(.["log-level"])' "$work/daemon.json" > "$work/daemon.json.new" &&
  mv "$work/daemon.json.new" "$work/daemon.json"
chmod 0644 "$work/daemon.json"
socket_gid=$(stat -c %g "$work/docker.sock")
cp "$here/../../profiles/cis-docker-1.8.yaml" "$work/cis.yaml" && chmod 0644 "$work/cis.yaml"
setpriv --reuid=nobody --regid=nogroup --groups="$socket_gid" "$work/dockaudit" --format json \
  --profile "$work/cis.yaml" > "$work/member.json" 2> "$work/member.err"
r="$work/member.json"
expect_equal "the group member reached the engine" true "$(jq '.engine.error == null' "$r")"
expect_status "$r" dockerd daemon.iptables error
expect_status "$r" dockerd daemon.log-level error
expect_status "$r" dockerd daemon.config-drift error
expect_contains "why the daemon's own settings are unknown" "could not be read" \
  "$(jq -r '.results[] | select(.check == "daemon.iptables") | .detail' "$r")"
expect_status "$r" dockerd daemon.no-new-privileges error
expect_status "$r" /etc/docker/daemon.json daemon.config-file error
expect_equal "containerd socket of an unknown dockerd" error \
  "$(jq -r '.results[] | select(.check == "files.containerd-sock-owner") | .status' "$r")"
expect_equal "no pass on an unconfirmed value" 0 \
  "$(jq '[.results[] | select(.status == "pass" and
    any(.evidence[]; .path | contains("unconfirmed")))] | length' "$r")"
expect_status "$r" dockerd daemon.live-restore pass
unset SANDBOX_DOCKERD_FLAGS

# --- section 5: containers that pass and fail -----------------------------
"$sandbox" restart "$work" > /dev/null || { echo "e2e: restart failed" >&2; exit 1; }
mkdir -p "$work/data" "$work/shared"
run c_good --user 1000:1000 --read-only --cap-drop ALL --security-opt no-new-privileges \
  --restart on-failure:3 --health-cmd true --memory 64m --cpus 0.5 --pids-limit 50 \
  -v "$work/data:/etc"
run c_capadd --cap-add sys_admin
create c_capall --cap-add ALL
create c_priv --privileged
run c_etc -v /etc:/host-etc:ro
run c_root_mount --mount type=bind,source=/,target=/host,readonly
create c_sock --mount "type=bind,source=$work/docker.sock,target=/var/run/docker.sock"
docker run -d --network none --name c_sshd "$image" busybox-sshd sleep 3600 > /dev/null
create c_port80 -p 80:8080
create c_port_v6 -p "[::]:8081:80"
create c_port_local -p 127.0.0.1:8082:80
run c_pidhost --pid host
run c_ipchost --ipc host
run c_utshost --uts host
run c_device --device /dev/null:/dev/xnull
run c_ulimit --ulimit nofile=1024:2048
create c_shared --mount "type=bind,source=$work/shared,target=/data,bind-propagation=rshared"
run c_seccomp --security-opt seccomp=unconfined
run c_seccomp_colon --security-opt seccomp:unconfined
run c_always --restart always
run c_onfailure --restart on-failure
create c_cgroup --cgroup-parent /dockaudit-e2e
run c_nnp_false --security-opt no-new-privileges=false
docker exec -d --privileged c_good sleep 600
docker exec -d -u 0 c_capadd sleep 600
# The tag moves on: c_old keeps running the image it was created from.
run c_old
docker export c_old | docker import - "$image" > /dev/null
run c_new

audit "$work/containers.json"
r="$work/containers.json"
# A plain container passes everything it does not ask for.
for check in container.capabilities container.sensitive-mounts container.docker-socket \
  container.sshd container.privileged-ports container.port-interface container.host-pid \
  container.host-ipc container.host-uts container.devices container.ulimits \
  container.mount-propagation container.seccomp container.restart-policy \
  container.cgroup-parent container.image-current container.privileged container.host-userns; do
  expect_status "$r" c_new "$check" pass
done
for check in container.readonly-rootfs container.capabilities container.no-new-privileges \
  container.restart-policy container.healthcheck container.sensitive-mounts \
  container.mount-propagation container.seccomp container.privileged; do
  expect_status "$r" c_good "$check" pass
done
expect_status "$r" c_new container.readonly-rootfs fail
expect_status "$r" c_new container.healthcheck fail
expect_status "$r" c_new container.no-new-privileges fail
expect_status "$r" c_capadd container.capabilities fail
expect_status "$r" c_capall container.capabilities fail
expect_equal "c_capall never started" created \
  "$(jq -r '[.results[] | select(.target.name == "c_capall")][0].target.state' "$r")"
expect_status "$r" c_priv container.privileged fail
expect_status "$r" c_priv container.devices fail
expect_status "$r" c_etc container.sensitive-mounts fail
expect_status "$r" c_root_mount container.sensitive-mounts fail
expect_status "$r" c_sock container.docker-socket fail
expect_status "$r" c_sshd container.sshd fail
expect_status "$r" c_port80 container.privileged-ports fail
expect_status "$r" c_port80 container.port-interface fail
expect_status "$r" c_port_v6 container.port-interface fail
expect_status "$r" c_port_v6 container.privileged-ports pass
expect_status "$r" c_port_local container.port-interface pass
expect_status "$r" c_pidhost container.host-pid fail
expect_status "$r" c_ipchost container.host-ipc fail
expect_status "$r" c_utshost container.host-uts fail
expect_status "$r" c_device container.devices manual
expect_status "$r" c_ulimit container.ulimits manual
expect_status "$r" c_shared container.mount-propagation fail
expect_status "$r" c_seccomp container.seccomp fail
expect_status "$r" c_seccomp_colon container.seccomp fail
expect_status "$r" c_always container.restart-policy fail
expect_status "$r" c_onfailure container.restart-policy fail
expect_status "$r" c_cgroup container.cgroup-parent manual
expect_status "$r" c_nnp_false container.no-new-privileges fail
expect_status "$r" c_good container.exec-privileged fail
expect_status "$r" c_capadd container.exec-root fail
expect_status "$r" c_old container.image-current fail
# Finished exec sessions leave no record in the engine: never a pass.
expect_status "$r" c_good container.exec-root manual
expect_status "$r" c_new container.exec-privileged manual

# Level 1 leaves the level-2 checks out; the swarm items are there, and do
# not apply on an engine outside a swarm.
"$dockaudit" --format json --output "$work/level1.json" 2> /dev/null
expect_equal "no level-2 check at level 1" 0 \
  "$(jq '[.results[] | select(.check == "container.exec-root" or
    .check == "daemon.userns-remap")] | length' "$work/level1.json")"
expect_equal "swarm items not applicable" not_applicable \
  "$(jq -r '[.results[] | select(.check | startswith("swarm."))] | map(.status) | unique |
    join(",")' "$work/level1.json")"

# --- a hardened daemon.json -----------------------------------------------
hardened='{"log-level": "info", "live-restore": true, "userland-proxy": false,
  "no-new-privileges": true, "userns-remap": "default", "experimental": false,
  "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 4096, "Soft": 1024}}}'
"$sandbox" restart "$work" "$hardened" > /dev/null ||
  { echo "e2e: dockerd with a hardened daemon.json did not start" >&2; exit 1; }
run c_usernshost --userns host
audit "$work/hardened.json"
r="$work/hardened.json"
for check in daemon.log-level daemon.live-restore daemon.userland-proxy \
  daemon.no-new-privileges daemon.userns-remap daemon.experimental \
  daemon.insecure-registries; do
  expect_status "$r" dockerd "$check" pass
done
expect_status "$r" "$work/daemon.json" daemon.config-file pass
expect_evidence "$r" daemon.userland-proxy "file: $work/daemon.json"
expect_status "$r" c_usernshost container.host-userns fail

# --- a weak daemon.json ---------------------------------------------------
weak='{"log-level": "debug", "insecure-registries": ["registry.example:5000"],
  "experimental": true, "userland-proxy": true}'
"$sandbox" restart "$work" "$weak" > /dev/null ||
  { echo "e2e: dockerd with a weak daemon.json did not start" >&2; exit 1; }
audit "$work/weak.json"
r="$work/weak.json"
for check in daemon.log-level daemon.live-restore daemon.userland-proxy \
  daemon.no-new-privileges daemon.userns-remap daemon.experimental \
  daemon.insecure-registries; do
  expect_status "$r" dockerd "$check" fail
done
expect_evidence "$r" daemon.insecure-registries "registry.example:5000"
expect_equal "exit code of a weak host" 1 "$(jq .exit_code "$r")"

finish
