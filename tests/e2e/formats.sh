#!/usr/bin/env bash
# End-to-end: every report format of one audit of a private dockerd, checked by
# the tools that consume it: xmllint against tests/schemas/junit.xsd, a JSON
# Schema validator against the SARIF 2.1.0 schema, promtool, and headless
# Chromium reading the HTML's DOM. Then report convert of the saved JSON must
# equal the direct files, and report merge of three audits (three host names,
# three profiles) must make one fleet report; files that cannot be trusted as
# a report (nested 100,000 levels deep, mistyped values, a snapshot) must be
# refused with their place. Needs root, docker.io, xmllint, promtool and
# chromium (scripts/install-deps.sh installs them).
#
# Usage: tests/e2e/formats.sh PATH/TO/dockaudit PATH/TO/json_schema_check OUT_DIR
# OUT_DIR keeps the reports and the HTML screenshot for a person to look at.
set -uo pipefail

readonly dockaudit=$(realpath "${1:?usage: formats.sh DOCKAUDIT JSON_SCHEMA_CHECK OUT_DIR}")
readonly schema_check=$(realpath "${2:?usage: formats.sh DOCKAUDIT JSON_SCHEMA_CHECK OUT_DIR}")
readonly out=${3:?usage: formats.sh DOCKAUDIT JSON_SCHEMA_CHECK OUT_DIR}
source "$(dirname "$0")/lib.sh"
readonly schemas="$here/../schemas"
require_engine_tools
for tool in xmllint promtool chromium jq unshare; do
  command -v "$tool" > /dev/null || { echo "e2e formats: $tool is missing" >&2; exit 1; }
done
rm -rf "$out" && mkdir -p "$out"
start_sandbox

run c_root
run c_good --user 1000:1000 --memory 64m --cpus 0.5 --pids-limit 50
run c_priv --privileged
create c_created

# audit_as HOST PROFILE DIR: one audit of the sandbox, as if run on HOST.
audit_as() {
  mkdir -p "$3"
  unshare --uts bash -c 'hostname "$1" && shift && exec "$@"' _ "$1" \
    "$dockaudit" --profile "$2" --daemon-config "$work/daemon.json" \
    --format text,json,junit,sarif,html,prometheus --output-dir "$3" 2> "$3/stderr"
}

audit_as e2e-host-a baseline "$out/a"
expect_equal "exit code of the audit with failing containers" 1 $?
a="$out/a"
for file in dockaudit.txt dockaudit.json dockaudit.junit.xml dockaudit.sarif dockaudit.html \
  dockaudit.prom; do
  [[ -s "$a/$file" ]] && pass || fail "$file was not written"
done
expect_equal "no temporary files left" 6 "$(find "$a" -name 'dockaudit*' | wc -l)"
results=$(jq '.results | length' "$a/dockaudit.json")

# --- JUnit -------------------------------------------------------------------
xmllint_out=$(xmllint --noout --schema "$schemas/junit.xsd" "$a/dockaudit.junit.xml" 2>&1)
expect_equal "xmllint --schema junit.xsd exit code" 0 $?
echo "xmllint: $xmllint_out"
expect_equal "one testcase per result" "$results" \
  "$(xmllint --xpath 'count(//testcase)' "$a/dockaudit.junit.xml")"
expect_equal "JUnit failures" "$(jq .summary.fail "$a/dockaudit.json")" \
  "$(xmllint --xpath 'string(/testsuites/@failures)' "$a/dockaudit.junit.xml")"
priv_case="//testcase[@classname='container.privileged' and @name='container:c_priv']"
expect_contains "c_priv fails container.privileged in JUnit" "HostConfig.Privileged = true" \
  "$(xmllint --xpath "$priv_case/failure/text()" "$a/dockaudit.junit.xml")"

# --- SARIF -------------------------------------------------------------------
sarif_out=$("$schema_check" "$schemas/sarif-schema-2.1.0-rtm.5.json" "$a/dockaudit.sarif" 2>&1)
expect_equal "SARIF valid against the 2.1.0 schema" 0 $?
echo "$sarif_out"
expect_equal "SARIF result for c_priv" error "$(jq -r '.runs[0].results[] |
  select(.partialFingerprints["dockauditFindingId/v1"] == "container.privileged@container:c_priv")
  | .level' "$a/dockaudit.sarif")"

# --- Prometheus --------------------------------------------------------------
promtool_out=$(promtool check metrics < "$a/dockaudit.prom" 2>&1)
expect_equal "promtool check metrics exit code" 0 $?
expect_equal "promtool lint output" "" "$promtool_out"
echo "promtool check metrics: exit 0, output '${promtool_out}'"
expect_equal "dockaudit_score" "$(jq .score.overall "$a/dockaudit.json")" \
  "$(awk '$1 == "dockaudit_score" {print $2}' "$a/dockaudit.prom")"

# --- HTML in headless Chromium -----------------------------------------------
chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/chromium.XXXXXX")" "$@" 2> /dev/null
}
dom_text() { sed -n "s/.*id=\"$1\"[^>]*>\([^<]*\)<.*/\1/p" | head -1; }
page="file://$(realpath "$a/dockaudit.html")"
dom=$(chrome --dump-dom "$page")
score=$(jq -r '.score.overall * 10 | round / 10 | tostring' "$a/dockaudit.json")
[[ "$score" == *.* ]] || score="$score.0"
expect_equal "score in the DOM" "$score" "$(dom_text score <<< "$dom")"
expect_equal "findings shown in the DOM" "$results" "$(dom_text finding-count <<< "$dom")"
filtered=$(chrome --dump-dom "$page#status=fail")
expect_equal "findings shown with #status=fail" "$(jq .summary.fail "$a/dockaudit.json")" \
  "$(dom_text finding-count <<< "$filtered")"
filtered=$(chrome --dump-dom "$page#status=fail,error&severity=critical")
expect_equal "findings shown with #status=fail,error&severity=critical" \
  "$(jq '[.results[] | select(.status == "fail" or .status == "error")
    | select(.severity == "critical")] | length' "$a/dockaudit.json")" \
  "$(dom_text finding-count <<< "$filtered")"
chrome --screenshot="$out/dockaudit-html.png" --window-size=1280,2000 "$page"
[[ -s "$out/dockaudit-html.png" ]] && pass || fail "no screenshot"
echo "HTML: score $(dom_text score <<< "$dom"), $(dom_text finding-count <<< "$dom") findings" \
  "shown, $(dom_text finding-count <<< "$filtered") with fail/error critical;" \
  "screenshot $out/dockaudit-html.png"

# --- report convert equals the direct rendering ------------------------------
for pair in text:dockaudit.txt json:dockaudit.json junit:dockaudit.junit.xml \
  sarif:dockaudit.sarif html:dockaudit.html prometheus:dockaudit.prom; do
  "$dockaudit" report convert "$a/dockaudit.json" --format "${pair%%:*}" \
    --output "$out/converted.${pair#*:}"
  if cmp -s "$a/${pair#*:}" "$out/converted.${pair#*:}"; then pass; else
    fail "report convert --format ${pair%%:*} differs from the direct ${pair#*:}"
  fi
done

# --- report merge of three audits --------------------------------------------
audit_as e2e-host-b cis-docker-1.8 "$out/b"
audit_as e2e-host-c best-practices "$out/c"
"$dockaudit" report merge "$out/a/dockaudit.json" "$out/b/dockaudit.json" \
  "$out/c/dockaudit.json" --format json,text,html --output-dir "$out"
expect_equal "report merge exit code" 0 $?
expect_equal "fleet hosts" '["e2e-host-a","e2e-host-b","e2e-host-c"]' \
  "$(jq -c '[.hosts[].name]' "$out/dockaudit-fleet.json")"
expect_equal "fleet profiles" '["baseline","cis-docker-1.8","best-practices"]' \
  "$(jq -c '[.hosts[].profile]' "$out/dockaudit-fleet.json")"
expect_equal "c_priv's privilege is a worst finding on every host" 3 \
  "$(jq '.worst_findings[] | select(.id == "container.privileged@container:c_priv") | .host_count' \
  "$out/dockaudit-fleet.json")"
for file in dockaudit-fleet.json dockaudit-fleet.txt dockaudit-fleet.html; do
  [[ -s "$out/$file" ]] && pass || fail "report merge did not write $file"
done
expect_contains "fleet text" "dockaudit fleet report: 3 hosts" "$(cat "$out/dockaudit-fleet.txt")"
err=$("$dockaudit" report merge "$out/a/dockaudit.json" "$out/a/dockaudit.json" 2>&1 > /dev/null)
expect_equal "merging one host twice is refused" 2 $?
expect_contains "the refusal names both files" \
  "$out/a/dockaudit.json and $out/a/dockaudit.json" "$err"
err=$("$dockaudit" report merge "$out/dockaudit-fleet.json" 2>&1 > /dev/null)
expect_contains "a fleet report is no input" "a fleet report" "$err"

# --- saved files that cannot be trusted are refused, naming the place --------
# refused WHAT EXPECTED_STDERR DOCKAUDIT_ARGS...: exit 2, this message, no output.
refused() {
  local seen code
  seen=$("$dockaudit" "${@:3}" 2>&1 > "$out/refused.out")
  code=$?
  expect_equal "$1: exit code" 2 "$code"
  expect_equal "$1: message" "dockaudit: error: $2" "$seen"
  expect_equal "$1: no report" "" "$(cat "$out/refused.out")"
}
deep="$out/deep.json"
head -c 100000 /dev/zero | tr '\0' '[' > "$deep"
refused "report convert of 100,000 nested brackets" \
  "$deep:1:513: nested deeper than 512 levels" report convert "$deep" --format sarif
refused "report merge of 100,000 nested brackets" \
  "$deep:1:513: nested deeper than 512 levels" report merge "$a/dockaudit.json" "$deep"
refused "--baseline of 100,000 nested brackets" \
  "--baseline $deep:1:513: nested deeper than 512 levels" --baseline "$deep"
refused "--snapshot of 100,000 nested brackets" \
  "$deep:1:10009: nested deeper than 10008 levels" --snapshot "$deep"

# edited EDIT NAME: the audit's JSON report with a jq edit, as $out/NAME.json.
edited() { jq "$1" "$a/dockaudit.json" > "$out/$2.json"; }
edited '.results[3].status = "passed"' bad-status
refused "a status that is no status" \
  "$out/bad-status.json: /results/3/status: expected one of pass, fail, error, not_applicable, \
manual, waived, got \"passed\"" report convert "$out/bad-status.json"
edited '.score.overall = "90"' string-score
refused "a score that is a string" \
  "$out/string-score.json: /score/overall: expected a number from 0 to 100, got \"90\"" \
  report convert "$out/string-score.json" --format prometheus
edited '.schema_version = "2"' string-version
refused "a schema version that is a string" \
  "$out/string-version.json: /schema_version: expected an integer, got \"2\"" \
  report convert "$out/string-version.json"
edited '.host.name = 7' numeric-host
refused "report merge of a host name that is a number" \
  "$out/numeric-host.json: /host/name: expected a string, got 7" \
  report merge "$a/dockaudit.json" "$out/numeric-host.json"
edited '.started_at = "2024-02-30T12:00:00Z"' bad-start
refused "a start time SARIF cannot take" \
  "$out/bad-start.json: /started_at: expected a UTC time such as \"2024-05-01T12:00:00Z\", got \
\"2024-02-30T12:00:00Z\"" report convert "$out/bad-start.json" --format sarif
edited '.duration_seconds = -1' negative-duration
refused "a negative duration JUnit cannot take" \
  "$out/negative-duration.json: /duration_seconds: expected a number from 0, got -1" \
  report convert "$out/negative-duration.json" --format junit
sed 's/^  "duration_seconds": .*,$/  "duration_seconds": 1e400,/' "$a/dockaudit.json" \
  > "$out/overflow.json"
line=$(grep -n '"duration_seconds": 1e400' "$out/overflow.json" | cut -d: -f1)
refused "a number too large for a double" \
  "$out/overflow.json:$line:23: not valid JSON: number overflow parsing '1e400'" \
  report convert "$out/overflow.json"

# A snapshot or a fleet report given to report convert says what it is.
"$dockaudit" snapshot --output "$out/snapshot.json" --daemon-config "$work/daemon.json"
expect_equal "exit code of dockaudit snapshot" 0 $?
refused "report convert of a snapshot" \
  "$out/snapshot.json: a dockaudit snapshot, not a report; audit it with: dockaudit --snapshot \
$out/snapshot.json" report convert "$out/snapshot.json"
"$dockaudit" --snapshot "$out/snapshot.json" --profile baseline --format json \
  --output "$out/offline.json"
expect_equal "the audit the hint names: exit code with failing containers" 1 $?
refused "report convert of a fleet report" \
  "$out/dockaudit-fleet.json: a fleet report (report merge), not a host report; use the host reports \
it was made from (report merge renders a fleet in text, json or html)" \
  report convert "$out/dockaudit-fleet.json"

# --- a full disk changes none of the files ----------------------------------
# A 64 KiB tmpfs in a private mount namespace: the JSON report fits, the HTML
# does not, so neither may replace the old files and no temporary file stays.
full_out=$(unshare --mount bash -c '
  dir=$1; shift
  mkdir -p "$dir" && mount -t tmpfs -o size=64k tmpfs "$dir" || exit 99
  echo old > "$dir/dockaudit.json" && echo old > "$dir/dockaudit.html"
  "$@" --output-dir "$dir" 2>&1
  echo "exit $?"
  echo "files: $(ls "$dir" | tr "\n" " ")"
  echo "json: $(cat "$dir/dockaudit.json") html: $(cat "$dir/dockaudit.html")"
' _ "$work/full" "$dockaudit" report convert "$a/dockaudit.json" --format json,html)
echo "$full_out"
expect_contains "a full disk is an error naming the file" "No space left on device" "$full_out"
expect_contains "a full disk exits 2" "exit 2" "$full_out"
expect_contains "no file replaced, no temporary left" "files: dockaudit.html dockaudit.json " \
  "$full_out"
expect_contains "old contents kept" "json: old html: old" "$full_out"

finish
