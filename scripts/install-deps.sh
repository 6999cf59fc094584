#!/usr/bin/env bash
# Installs what dockaudit needs to build, test and run its demo, from Debian's
# packages, skipping what is already there. Run as root on Debian 12.
set -euo pipefail

build_packages=(cmake g++ make pkg-config nlohmann-json3-dev libcurl4-openssl-dev
  libyaml-cpp-dev libboost-program-options-dev doctest-dev libfmt-dev)
# The private test engine and the tools the end-to-end tests drive it with.
engine_packages=(docker.io busybox-static jq curl util-linux)

missing=()
for package in "${build_packages[@]}" "${engine_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi

# Installing docker.io must not start the machine's own Docker daemon: the
# tests and the demo run a private one. policy-rc.d stops the package's
# maintainer scripts from starting services during this install.
policy=/usr/sbin/policy-rc.d
added_policy=false
if [[ " ${missing[*]} " == *" docker.io "* && ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 0755 "$policy"
  added_policy=true
fi
trap 'if $added_policy; then rm -f "$policy"; fi' EXIT

echo "install-deps: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
  > /dev/null
