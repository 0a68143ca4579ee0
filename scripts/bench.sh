#!/usr/bin/env bash
# make bench: a full `pgtlslint scan` of a synthetic monorepo against ripgrep listing the files
# that hold the trigger words (warm cache, best of three), and the scan's peak memory at 20,000
# and 40,000 files. Installs hyperfine, ripgrep and GNU time from Debian when missing.
# Targets (issue 3): scan time at most 2x ripgrep's; peak RSS under 256 MB at both sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need hyperfine hyperfine
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

work=${BENCH_DIR:-/tmp/pgtlslint-bench}
mkdir -p "$work"
go build -o "$work/pgtlslint" ./cmd/pgtlslint
go run ./internal/benchgen -words "$work/words.txt"
for n in 20000 40000; do
	mb=$((n * 190 / 20000))
	[ -d "$work/mono$n" ] || go run ./internal/benchgen -out "$work/mono$n" -files "$n" -size-mb "$mb" -hit-every 50 -seed 1 >/dev/null
done

scan=("$work/pgtlslint" scan --format json --output /dev/null "$work/mono20000")
rg=(rg -l -i -F -f "$work/words.txt" "$work/mono20000")
# -i: the scan exits 1 because the tree has findings; that is the expected outcome.
hyperfine --warmup 1 --runs 3 -i --export-csv "$work/times.csv" \
	-n pgtlslint "${scan[*]}" -n ripgrep "${rg[*]} >/dev/null"

# CSV columns: command,mean,stddev,median,user,system,min,max
scan_min=$(awk -F, '$1=="pgtlslint"{print $7}' "$work/times.csv")
rg_min=$(awk -F, '$1=="ripgrep"{print $7}' "$work/times.csv")
ratio=$(awk -v a="$scan_min" -v b="$rg_min" 'BEGIN{printf "%.2f", a/b}')

peak() { # peak RSS in MB of a scan of DIR (the scan exits 1: the tree has findings)
	{ /usr/bin/time -f %M "$work/pgtlslint" scan --format json --output /dev/null "$1" 2>&1 >/dev/null || true; } |
		tail -1 | awk '{printf "%.0f", $1/1024}'
}
mem20=$(peak "$work/mono20000")
mem40=$(peak "$work/mono40000")
findings=$({ "$work/pgtlslint" scan --format json "$work/mono20000" || true; } | grep -c '"rule_id"' || true)

printf '\nbest of 3: pgtlslint %.3fs, ripgrep %.3fs, ratio %sx (target <= 2x)\n' "$scan_min" "$rg_min" "$ratio"
printf 'peak RSS: %s MB at 20,000 files, %s MB at 40,000 files (target < 256 MB)\n' "$mem20" "$mem40"
printf 'findings in the 20,000-file tree: %s\n' "$findings"
fail=0
awk -v r="$ratio" 'BEGIN{exit !(r <= 2.0)}' || { echo "FAIL: scan slower than 2x ripgrep"; fail=1; }
[ "$mem20" -lt 256 ] && [ "$mem40" -lt 256 ] || { echo "FAIL: peak memory at or over 256 MB"; fail=1; }
exit $fail
