#!/usr/bin/env bash
# The logic of the pgtlslint GitHub Action (action.yml). Each step of the composite action runs
# one subcommand:
#
#   prepare  compute the cache key of the pgtlslint binary (a digest of the action's source, the
#            runner's OS and architecture) and where the binary lives
#   build    build the CLI from the action's own source (GITHUB_ACTION_PATH)
#   scan     scan the workspace, write the SARIF file and the step outputs; exits 0 when the
#            scan ran, whatever it found, so that the upload step still runs
#   finish   exit with the status the scan recorded (0, or 1 for findings at or above fail-on)
#
# Inputs arrive as environment variables set in action.yml's env: blocks, never as ${{ }}
# inside a script:
#
#   INPUT_PATHS      files and directories to scan, separated by whitespace (default .)
#   INPUT_CONFIG     --config FILE
#   INPUT_FAIL_ON    --fail-on LEVEL (empty: the configuration's, else warning)
#   INPUT_FORMAT     report printed in the log: auto, text, json, sarif or github
#   INPUT_BASELINE   --baseline FILE
#   INPUT_NEW_ONLY   true: on pull requests, only findings on changed lines (--new-from-rev)
#   INPUT_UPLOAD     true: upload the SARIF to code scanning when the token can
#   PR_BASE_SHA, PR_BASE_REPO, PR_HEAD_REPO
#                    github.event.pull_request.base.sha, .base.repo.full_name and
#                    .head.repo.full_name (empty outside pull request events)
#   PGTLSLINT_EXIT_CODE (finish only)  the scan step's exit-code output
#
# and the runner's own variables: GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_EVENT_NAME,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, RUNNER_OS, RUNNER_ARCH.
set -euo pipefail

die() {
	printf '::error title=pgtlslint action::%s\n' "$*"
	exit 2
}

set_output() {
	printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
}

# bin_path is where the binary lives: a fixed path, because actions/cache re-reads its path
# input in its post step, where the outputs of this action's steps are not available.
bin_path() {
	local exe=pgtlslint
	if [ "${RUNNER_OS:-}" = Windows ]; then
		exe=pgtlslint.exe
	fi
	printf '%s/.cache/pgtlslint-action/bin/%s\n' "${HOME:?HOME is not set}" "$exe"
}

# SUM is the SHA-256 command: coreutils on Linux and Git Bash, shasum on macOS.
SUM=(sha256sum)
if ! command -v sha256sum >/dev/null 2>&1; then
	SUM=(shasum -a 256)
fi

# source_digest hashes every file of the action that can go into the binary: sources, go.mod,
# go.sum, embedded documents (test fixtures and VCS data left out).
source_digest() {
	(
		cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
		find . \( -name .git -o -name testdata -o -name node_modules \) -prune -o -type f -print0 |
			LC_ALL=C sort -z | xargs -0 "${SUM[@]}" | "${SUM[@]}" | cut -d' ' -f1
	)
}

# platform_id names what a cgo binary depends on beyond OS and architecture: the runner image or
# the distribution release (its C library).
platform_id() {
	local id="${RUNNER_OS:-unknown}-${RUNNER_ARCH:-unknown}"
	if [ -n "${ImageOS:-}" ]; then
		id="$id-$ImageOS"
	fi
	if [ -r /etc/os-release ]; then
		id="$id-$("${SUM[@]}" </etc/os-release | cut -c1-12)"
	fi
	printf '%s\n' "$id"
}

cmd_prepare() {
	local bin platform digest key
	bin=$(bin_path)
	platform=$(platform_id)
	digest=$(source_digest)
	[ ${#digest} -eq 64 ] || die "cannot hash the action's source in ${GITHUB_ACTION_PATH}"
	key="pgtlslint-bin-$platform-$digest"
	set_output bin "$bin"
	set_output cache-key "$key"
	printf 'pgtlslint binary: %s\ncache key: %s\n' "$bin" "$key"
}

cmd_build() {
	local bin tmp
	bin=$(bin_path)
	mkdir -p "$(dirname "$bin")"
	tmp="$bin.tmp.$$"
	cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
	# No VCS stamping: a remote action is a tarball without .git, and in a container job git may
	# refuse a repository owned by another user. The version in the reports is the action's ref
	# (v1, a tag, a commit), empty for a local action (uses: ./), which then reports (devel).
	go build -buildvcs=false -ldflags "-X main.version=${GITHUB_ACTION_REF:-}" -o "$tmp" ./cmd/pgtlslint
	mv -f "$tmp" "$bin"
	"$bin" version
}

# is_true accepts the spellings YAML users write for a boolean input.
is_true() {
	case "$1" in
	true | True | TRUE | yes | on | 1) return 0 ;;
	false | False | FALSE | no | off | 0 | '') return 1 ;;
	*) die "expected true or false, got '$1'" ;;
	esac
}

# have_commit reports whether the repository in the working directory holds the commit.
have_commit() {
	git cat-file -e "$1^{commit}" 2>/dev/null
}

# base_commit makes sure the pull request's base commit is present (a default actions/checkout
# has only the merge commit) and reports whether it is.
base_commit() {
	local sha=$1
	if ! git rev-parse --git-dir >/dev/null 2>&1; then
		printf '::warning title=pgtlslint::%s is not a git repository: reporting every finding, not only those on changed lines\n' "$PWD"
		return 1
	fi
	if have_commit "$sha"; then
		return 0
	fi
	echo "Fetching the pull request's base commit $sha"
	git fetch --no-tags --depth=1 origin "$sha" || true
	if have_commit "$sha"; then
		return 0
	fi
	printf '::warning title=pgtlslint::cannot fetch the base commit %s: reporting every finding, not only those on changed lines (check out with fetch-depth: 0)\n' "$sha"
	return 1
}

cmd_scan() {
	local bin out sarif event upload fork format code findings new_from="" reason=""
	bin=$(bin_path)
	[ -x "$bin" ] || die "pgtlslint binary missing at $bin (did the build step run?)"
	: "${RUNNER_TEMP:?RUNNER_TEMP is not set}"
	cd "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}"
	# A directory of its own, for a job that uses the action more than once.
	out=$(mktemp -d "$RUNNER_TEMP/pgtlslint-XXXXXX")
	sarif="$out/pgtlslint.sarif"
	event="${GITHUB_EVENT_NAME:-}"

	# Upload, or annotations when the token cannot upload: a pull_request event from a fork
	# gets a read-only token (a deleted fork has no head repository: also not ours).
	upload=false
	if is_true "${INPUT_UPLOAD-true}"; then
		upload=true
	else
		reason="upload is false"
	fi
	fork=false
	if [ "$event" = pull_request ] && [ "${PR_HEAD_REPO:-}" != "${PR_BASE_REPO:-}" ]; then
		fork=true
	fi
	if $upload && $fork; then
		upload=false
		reason="pull request from the fork ${PR_HEAD_REPO:-(deleted)}, whose token cannot upload to code scanning"
	fi

	format="${INPUT_FORMAT:-auto}"
	case "$format" in
	auto)
		format=text
		if ! $upload; then
			format=github
		fi
		;;
	text | json | sarif | github) ;;
	*) die "format must be auto, text, json, sarif or github, not '$format'" ;;
	esac

	local -a args=(scan) paths=()
	if [ -n "${INPUT_CONFIG:-}" ]; then
		args+=(--config "$INPUT_CONFIG")
	fi
	if [ -n "${INPUT_FAIL_ON:-}" ]; then
		args+=(--fail-on "$INPUT_FAIL_ON")
	fi
	if [ -n "${INPUT_BASELINE:-}" ]; then
		args+=(--baseline "$INPUT_BASELINE")
	fi
	case "$event" in
	pull_request | pull_request_target)
		if is_true "${INPUT_NEW_ONLY-true}"; then
			if [ -z "${PR_BASE_SHA:-}" ]; then
				echo "::warning title=pgtlslint::no base commit in the event: reporting every finding"
			elif base_commit "$PR_BASE_SHA"; then
				new_from=$PR_BASE_SHA
				args+=(--new-from-rev "$new_from")
			fi
		fi
		;;
	esac
	# Whitespace-separated, no glob expansion (read -a does none).
	read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
	if [ ${#paths[@]} -eq 0 ]; then
		paths=(.)
	fi

	code=0
	# --quiet: the action says where the SARIF is in its own line below.
	"$bin" "${args[@]}" --format sarif --output "$sarif" --quiet -- "${paths[@]}" || code=$?
	if [ "$code" -gt 1 ]; then
		die "pgtlslint scan failed with exit status $code"
	fi
	# One "ruleId" per result; the rules list uses "id". Suppressed findings are left out of
	# the SARIF unless --include-suppressed, which the action does not pass.
	findings=$(grep -o '"ruleId"' "$sarif" | wc -l | tr -d '[:space:]') || true
	set_output sarif-file "$sarif"
	set_output findings "${findings:-0}"
	set_output exit-code "$code"
	set_output upload "$upload"

	# The report in the log.
	if [ "$format" = sarif ]; then
		cat "$sarif"
	else
		local lcode=0
		"$bin" "${args[@]}" --format "$format" -- "${paths[@]}" || lcode=$?
		if [ "$lcode" -gt 1 ]; then
			die "pgtlslint scan (the $format report) failed with exit status $lcode"
		fi
	fi

	local scope="in ${paths[*]}"
	if [ -n "$new_from" ]; then
		scope="$scope, on lines changed since ${new_from:0:12}"
	fi
	local where="uploaded to code scanning by the next step"
	if ! $upload; then
		where="not uploaded: $reason"
	fi
	printf 'pgtlslint: %s findings %s; SARIF %s, %s\n' "$findings" "$scope" "$sarif" "$where"
	if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		{
			echo "### pgtlslint"
			echo
			echo "$findings findings $scope. SARIF $where."
		} >>"$GITHUB_STEP_SUMMARY"
	fi
}

cmd_finish() {
	case "${PGTLSLINT_EXIT_CODE:-}" in
	0) ;;
	1)
		echo "::error title=pgtlslint::findings at or above the fail-on level (see the report above or the code scanning alerts)"
		exit 1
		;;
	*) die "the scan step recorded no exit status ('${PGTLSLINT_EXIT_CODE:-}')" ;;
	esac
}

case "${1:-}" in
prepare) cmd_prepare ;;
build) cmd_build ;;
scan) cmd_scan ;;
finish) cmd_finish ;;
*)
	echo "usage: action.sh prepare|build|scan|finish" >&2
	exit 2
	;;
esac
