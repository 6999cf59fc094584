#!/usr/bin/env bash
# Installs what dockaudit needs from Debian's packages, skipping what is
# already there. Run as root on Debian 12.
#
#   install-deps.sh               build, tests and the demo (a private engine)
#   install-deps.sh --build-only  only what building dockaudit needs: use this
#                                 on a Docker host you want to audit
set -euo pipefail

build_packages=(cmake g++ make pkg-config nlohmann-json3-dev libcurl4-openssl-dev
  libyaml-cpp-dev libboost-program-options-dev doctest-dev libfmt-dev libpugixml-dev
  libvalijson-dev)
# The private test engine and the tools the end-to-end tests drive it with,
# and the real consumers the report formats are checked against: xmllint
# (JUnit schema), promtool (from prometheus: the textfile format) and
# chromium (the HTML report, headless).
engine_packages=(busybox-static jq curl util-linux libxml2-utils prometheus chromium)

wanted=("${build_packages[@]}")
if [[ ${1-} != --build-only ]]; then
  wanted+=("${engine_packages[@]}")
  # Any installed dockerd will do (docker.io, or Docker CE, which conflicts
  # with docker.io and must not be replaced).
  command -v dockerd > /dev/null || wanted+=(docker.io)
fi

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi

# docker.io's and prometheus's maintainer scripts would start their services
# and enable them at boot; the tests and the demo run a private engine and
# need only promtool. policy-rc.d keeps the services from starting during
# this install, and the units are disabled again afterwards, leaving the
# machine as it was.
services=()
[[ " ${missing[*]} " == *" docker.io "* ]] && services+=(docker.service docker.socket)
[[ " ${missing[*]} " == *" prometheus "* ]] &&
  services+=(prometheus.service prometheus-node-exporter.service)
policy=/usr/sbin/policy-rc.d
added_policy=false
if [[ ${#services[@]} -gt 0 && ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 0755 "$policy"
  added_policy=true
fi
trap 'if $added_policy; then rm -f "$policy"; fi' EXIT

echo "install-deps: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
  > /dev/null

if [[ ${#services[@]} -gt 0 ]] && command -v systemctl > /dev/null &&
  [[ -d /run/systemd/system ]]; then
  systemctl disable --quiet "${services[@]}" 2> /dev/null || true
fi
