#!/usr/bin/env bash
# Private Docker engine for dockaudit's end-to-end tests and demo.
#
# Usage:
#   sandbox.sh start   DIR [EXTRA_DAEMON_JSON]   start (or reuse) the engine
#   sandbox.sh stop    DIR                       stop it, unmount, keep DIR
#   sandbox.sh restart DIR [EXTRA_DAEMON_JSON]   stop + start, same data root
#   sandbox.sh purge   DIR                       stop and delete DIR
#
# start prints exactly one line on stdout, DOCKER_HOST=unix://DIR/docker.sock;
# everything else goes to stderr or DIR/dockerd.log.
#
# The engine never touches the host's default Docker: its socket, data root,
# exec root, pidfile and containerd namespaces all live in or derive from DIR.
# daemon.json is {"bridge":"none","iptables":false} deep-merged with
# EXTRA_DAEMON_JSON (e.g. '{"userns-remap":"default"}'), so no docker0 bridge
# and no iptables rules are created; plus "deprecated-key-path" so the trust
# key stays in DIR. Run containers with --network none.
#
# On hosts whose capability bounding set is incomplete (some VMs lack
# CAP_SYS_RESOURCE), --privileged and --cap-add ALL containers cannot start
# (runc: "unable to apply caps"), so runc-wrapper is put in front of runc.
# SANDBOX_RUNC_WRAP (read by start) selects how:
#   runtime (default)  --add-runtime runc-wrapper=... --default-runtime
#                      runc-wrapper; inspect shows HostConfig.Runtime
#                      "runc-wrapper", /info DefaultRuntime too
#   path               DIR/bin/runc -> runc-wrapper first on dockerd's PATH;
#                      Runtime stays "runc", flags and /info look stock
#   off                no wrapper: such containers stay "created", exit 128
#
# SANDBOX_DOCKERD_FLAGS (read by start) adds dockerd flags, split on blanks,
# e.g. "--log-level debug --live-restore"; keep them out of EXTRA_DAEMON_JSON.
#
# Image local/busybox:1 (static busybox; sh, sleep, true, busybox-sshd; users
# root and nobody; no Cmd)
# is imported on every start if missing, e.g. for
#   docker run -d --network none local/busybox:1 sleep 3600
set -euo pipefail
umask 022

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
readonly HERE
readonly WRAPPER=$HERE/runc-wrapper
readonly WRAPPER_NAME=runc-wrapper
readonly IMAGE_REPO=local/busybox IMAGE_TAG=1
readonly BUSYBOX=${SANDBOX_BUSYBOX:-/bin/busybox}
readonly BASE_CONFIG='{"bridge":"none","iptables":false}'
readonly MARKER=.dockaudit-sandbox
readonly START_TIMEOUT=60 STOP_TIMEOUT=30
# The longest unix socket below DIR is containerd's
# DIR/exec/containerd/containerd-debug.sock (+38 bytes), and containerd caps
# socket paths at 104 bytes (sun_path itself holds 107).
readonly MAX_DIR_LEN=66

DIR="" SOCK=""

die() {
    printf 'sandbox.sh: %s\n' "$*" >&2
    exit 1
}

note() { printf 'sandbox.sh: %s\n' "$*" >&2; }

usage() {
    sed -n '4,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

set_dir() {
    [[ -n ${1-} ]] || usage
    DIR=$(realpath -m -- "$1")
    # mountinfo escapes whitespace and the cleanup below matches paths
    # literally, so keep the path simple rather than parse escapes.
    [[ $DIR =~ ^/[A-Za-z0-9._/+-]+$ ]] || die "unsupported characters in DIR: $DIR"
    [[ $DIR != / ]] || die "DIR must not be /"
    ((${#DIR} <= MAX_DIR_LEN)) ||
        die "DIR too long (${#DIR} > $MAX_DIR_LEN bytes): unix socket paths" \
            "below it would exceed 104 bytes; use a short path such as /tmp/dsbx"
    SOCK=$DIR/docker.sock
}

# Derived per DIR so that engines sharing a system containerd cannot clash.
namespace() {
    printf 'dsbx-%s' "$(printf '%s' "$DIR" | md5sum | cut -c1-10)"
}

api() {
    curl -sS --noproxy '*' --max-time "${API_TIMEOUT:-10}" \
        --unix-socket "$SOCK" "$@"
}

ping_ok() {
    [[ -S $SOCK ]] && [[ $(API_TIMEOUT=2 api http://localhost/_ping 2>/dev/null) == OK ]]
}

# PID of the dockerd serving DIR, or nothing. The pidfile alone is not
# trusted: the PID may have been reused by an unrelated process.
dockerd_pid() {
    local pid
    pid=$(cat -- "$DIR/docker.pid" 2>/dev/null) || return 0
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]] &&
        tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$SOCK"; then
        printf '%s\n' "$pid"
    fi
}

# dockerd, containerd and shims whose command line refers to DIR. The managed
# containerd and the shims are not children of dockerd once it has been
# killed, so they are found by their arguments (--config DIR/exec/...,
# -address DIR/exec/...).
engine_pids() {
    local p comm
    # Builtin reads only: this loop visits every process on the host.
    for p in /proc/[0-9]*; do
        read -r comm 2>/dev/null <"$p/comm" || continue
        case $comm in
            dockerd | containerd*) ;;
            *) continue ;;
        esac
        if tr '\0' ' ' 2>/dev/null <"$p/cmdline" | grep -qF -- "$DIR/"; then
            printf '%s\n' "${p#/proc/}"
        fi
    done
}

# Mount points strictly below DIR, most recent first (children before their
# parents, as mountinfo lists mounts in creation order).
mounts_below() {
    awk -v d="$DIR/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | tac
}

wait_gone() {
    local pid=$1 secs=$2 i
    for ((i = 0; i < secs * 10; i++)); do
        [[ -d /proc/$pid ]] || return 0
        # A zombie has exited; its parent reaps it later.
        [[ $(awk '/^State:/ {print $2}' "/proc/$pid/status" 2>/dev/null) != Z ]] || return 0
        sleep 0.1
    done
    return 1
}

build_config() {
    local extra=${1:-'{}'} clash
    jq -e 'type == "object"' <<<"$extra" >/dev/null 2>&1 ||
        die "EXTRA_DAEMON_JSON must be a JSON object: $extra"
    # dockerd refuses to start when a key is given both as a flag and in the
    # file; these are fixed by the command line below.
    clash=$(jq -r '[keys[] | select(IN("hosts", "data-root", "exec-root", "pidfile",
        "containerd-namespace"))] | join(", ")' <<<"$extra")
    [[ -z $clash ]] || die "EXTRA_DAEMON_JSON must not set: $clash (set by sandbox.sh)"
    jq -S --argjson extra "$extra" '. * $extra' <<<"$BASE_CONFIG"
}

# True when the bounding set lacks a capability the kernel knows, i.e. runc
# would fail to start --privileged containers.
caps_incomplete() {
    local bnd last
    bnd=$((16#$(awk '/^CapBnd:/ {print $2}' /proc/self/status)))
    last=$(cat /proc/sys/kernel/cap_last_cap)
    (((bnd & ((1 << (last + 1)) - 1)) != (1 << (last + 1)) - 1))
}

ensure_image() {
    local code tmp out
    code=$(api -o /dev/null -w '%{http_code}' \
        "http://localhost/images/$IMAGE_REPO:$IMAGE_TAG/json")
    [[ $code != 200 ]] || return 0
    [[ -x $BUSYBOX ]] || die "$BUSYBOX missing (apt-get install busybox-static)"
    tmp=$(mktemp -d)
    mkdir "$tmp/bin"
    cp -- "$BUSYBOX" "$tmp/bin/busybox"
    # busybox picks the applet from argv[0]; "busybox-sshd" runs argv[1] as
    # the applet, which gives an sshd-like process name for process checks.
    ln -s busybox "$tmp/bin/sh"
    ln -s busybox "$tmp/bin/sleep"
    ln -s busybox "$tmp/bin/true"
    ln -s busybox "$tmp/bin/busybox-sshd"
    # Named users, so --user root:root and --user nobody resolve and start.
    mkdir "$tmp/etc"
    printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' \
        > "$tmp/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' > "$tmp/etc/group"
    tar -C "$tmp" --owner=0 --group=0 -cf "$tmp/rootfs.tar" bin etc
    # Same request as `docker import`, without depending on the CLI version.
    out=$(API_TIMEOUT=120 api -X POST -H 'Content-Type: application/x-tar' \
        --data-binary "@$tmp/rootfs.tar" \
        "http://localhost/images/create?fromSrc=-&repo=$IMAGE_REPO&tag=$IMAGE_TAG")
    rm -rf -- "$tmp"
    if grep -q '"error' <<<"$out"; then
        die "image import failed: $out"
    fi
    code=$(api -o /dev/null -w '%{http_code}' \
        "http://localhost/images/$IMAGE_REPO:$IMAGE_TAG/json")
    [[ $code == 200 ]] || die "image $IMAGE_REPO:$IMAGE_TAG missing after import"
}

# Final daemon.json: BASE_CONFIG * EXTRA, plus the trust key path. dockerd
# 20.10 otherwise creates /etc/docker/key.json (its daemon ID) on the host;
# the key is file-only (no flag) and exempt from unknown-key validation.
final_config() {
    build_config "${1-}" |
        jq -S --arg k "$DIR/key.json" '.["deprecated-key-path"] //= $k'
}

cmd_start() {
    set_dir "${1-}"
    local config pid ns i
    local -a args extra_flags
    for i in dockerd curl jq tar; do
        command -v "$i" >/dev/null || die "$i not found"
    done
    config=$(final_config "${2-}")

    if [[ -n $(dockerd_pid) ]] && ping_ok; then
        # Reuse only an engine with the same configuration; anything else
        # would silently run tests against the wrong daemon settings.
        [[ $(jq -S . "$DIR/daemon.json" 2>/dev/null) == "$config" ]] ||
            die "engine in $DIR runs with another daemon.json; use restart"
        [[ $(cat "$DIR/dockerd.flags" 2>/dev/null) == "${SANDBOX_DOCKERD_FLAGS-}" ]] ||
            die "engine in $DIR runs with other flags; use restart"
        ensure_image
        printf 'DOCKER_HOST=unix://%s\n' "$SOCK"
        return 0
    fi
    # A half-dead engine (e.g. dockerd killed, shims left) is cleaned first.
    cmd_stop "$DIR" >/dev/null

    mkdir -p -- "$DIR"
    # With userns-remap dockerd refuses to start unless every parent of the
    # data root has o+x; mktemp -d creates 0700 directories.
    chmod go+x -- "$DIR"
    touch -- "$DIR/$MARKER"
    printf '%s\n' "$config" >"$DIR/daemon.json"
    printf '%s\n' "${SANDBOX_DOCKERD_FLAGS-}" >"$DIR/dockerd.flags"

    ns=$(namespace)
    args=(
        --config-file "$DIR/daemon.json"
        --host "unix://$SOCK"
        --data-root "$DIR/data"
        --exec-root "$DIR/exec"
        --pidfile "$DIR/docker.pid"
        --containerd-namespace "$ns"
        --containerd-plugins-namespace "$ns-plugins"
    )
    # Settings a test gives as flags rather than in daemon.json.
    read -r -a extra_flags <<<"${SANDBOX_DOCKERD_FLAGS-}"
    args+=("${extra_flags[@]}")
    local -a envs=()
    if caps_incomplete; then
        [[ -x $WRAPPER ]] || die "$WRAPPER missing or not executable"
        case ${SANDBOX_RUNC_WRAP:-runtime} in
            runtime)
                # --add-runtime merges with a "runtimes" key from EXTRA; only
                # default-runtime would clash (flag and file key exclusive).
                args+=(--add-runtime "$WRAPPER_NAME=$WRAPPER")
                if ! jq -e 'has("default-runtime")' <<<"$config" >/dev/null; then
                    args+=(--default-runtime "$WRAPPER_NAME")
                fi
                ;;
            path)
                # The stock "runc" runtime is resolved through PATH by the
                # shim, so shadowing it keeps Runtime "runc" in inspect/info.
                mkdir -p -- "$DIR/bin"
                ln -sfn -- "$WRAPPER" "$DIR/bin/runc"
                envs=("PATH=$DIR/bin:$PATH")
                ;;
            off) ;;
            *) die "SANDBOX_RUNC_WRAP must be runtime, path or off" ;;
        esac
    fi

    printf '=== %s sandbox.sh start: dockerd %s\n' "$(date -Is)" "${args[*]}" \
        >>"$DIR/dockerd.log"
    # A background job of a non-interactive shell is no process-group leader,
    # so env and setsid exec in place ($! is dockerd) and dockerd runs in a
    # new session: it outlives the caller and gets no SIGHUP from a terminal.
    env "${envs[@]}" setsid dockerd "${args[@]}" </dev/null >>"$DIR/dockerd.log" 2>&1 &
    pid=$!

    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        ping_ok && break
        if ! kill -0 "$pid" 2>/dev/null; then
            i=-1
            break
        fi
        sleep 0.1
    done
    if ((i < 0 || i >= START_TIMEOUT * 10)); then
        note "dockerd did not come up (see $DIR/dockerd.log):"
        tail -n 25 -- "$DIR/dockerd.log" >&2
        cmd_stop "$DIR" >/dev/null 2>&1 || true
        exit 1
    fi
    ensure_image
    printf 'DOCKER_HOST=unix://%s\n' "$SOCK"
}

# Kill containers through the API first: on shutdown dockerd would send
# SIGTERM and wait 10 s per container, and `sleep` as PID 1 ignores SIGTERM.
kill_containers() {
    local id state
    while read -r id state; do
        [[ -n $id ]] || continue
        # A paused (frozen) container cannot act on SIGKILL until thawed.
        if [[ $state == paused ]]; then
            api -X POST "http://localhost/containers/$id/unpause" >/dev/null || true
        fi
        api -X POST "http://localhost/containers/$id/kill" >/dev/null || true
    done < <(api http://localhost/containers/json 2>/dev/null |
        jq -r '.[]? | "\(.Id) \(.State)"' 2>/dev/null)
}

# Containers whose shim lost its dockerd/containerd keep running; runc can
# still kill them from its state directory.
delete_orphan_containers() {
    local state root id
    for state in "$DIR"/exec/runtime-*/*/*/state.json; do
        [[ -f $state ]] || continue
        root=${state%/*/state.json}
        id=$(basename -- "$(dirname -- "$state")")
        runc --root "$root" delete --force "$id" >/dev/null 2>&1 || true
    done
}

cmd_stop() {
    set_dir "${1-}"
    local pid m left
    pid=$(dockerd_pid)
    if [[ -n $pid ]]; then
        ping_ok && kill_containers
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_gone "$pid" "$STOP_TIMEOUT"; then
            note "dockerd $pid ignored SIGTERM for ${STOP_TIMEOUT}s, killing it"
            kill -KILL "$pid" 2>/dev/null || true
            wait_gone "$pid" 5 || true
        fi
    fi

    delete_orphan_containers
    for pid in $(engine_pids); do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $(engine_pids); do
        wait_gone "$pid" 5 || kill -KILL "$pid" 2>/dev/null || true
    done

    # Data-root self bind mount, overlay rootfs, shm and netns mounts may
    # outlive a dockerd that did not shut down cleanly. Nested and shared
    # mounts can need more than one pass; lazy unmount is the last resort.
    for _ in 1 2 3 4 5; do
        left=$(mounts_below)
        [[ -n $left ]] || break
        for m in $left; do
            umount -- "$m" 2>/dev/null || umount -l -- "$m" 2>/dev/null || true
        done
    done
    left=$(mounts_below)
    [[ -z $left ]] || die "mounts left below $DIR:"$'\n'"$left"
    rm -f -- "$SOCK" "$DIR/docker.pid"
}

cmd_restart() {
    set_dir "${1-}"
    cmd_stop "$DIR"
    cmd_start "$DIR" "${2-}"
}

cmd_purge() {
    set_dir "${1-}"
    [[ -e $DIR ]] || return 0
    # Refuse to delete directories this script did not create.
    [[ -e $DIR/$MARKER || -z $(ls -A -- "$DIR") ]] ||
        die "$DIR is not a sandbox directory (no $MARKER), not deleting it"
    cmd_stop "$DIR"
    # Belt and braces: never descend into a mount that is still there.
    rm -rf --one-file-system -- "$DIR"
}

main() {
    local cmd=${1-}
    (($# >= 2 && $# <= 3)) || usage
    shift
    case $cmd in
        start) cmd_start "$@" ;;
        restart) cmd_restart "$@" ;;
        stop | purge)
            (($# == 1)) || usage
            "cmd_$cmd" "$1"
            ;;
        *) usage ;;
    esac
}

main "$@"
