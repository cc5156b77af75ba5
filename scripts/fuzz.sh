#!/usr/bin/env bash
# Fuzzes wslabel's parsers with libFuzzer and AddressSanitizer for a fixed time per target: the
# JSON parser, JSONL and CSV items, CSV and .npy votes, WRENCH folders, task files and LF files
# (the targets are in Tests/Fuzz/Sources; --list names them). Each target starts from its seeds
# in Tests/Fuzz/Corpus/<target> plus what earlier runs on this machine found
# (.build-fuzz/corpus/<target>).
#
# An input fails when the parser traps, hangs (longer than --timeout), leaks, touches memory it
# does not own, allocates more than 2 GB, throws an error other than WSLabelError, or changes the
# data on a write -> read round trip. Then the script exits 1 and keeps the input in
# .build-fuzz/crashes/<target>/; `WSLABEL_FUZZ_TARGET=<target> .build-fuzz/debug/wslabel-fuzz
# <input>` replays it (so does `swift run wslabel-fuzz <target> <input>`, without sanitizers).
#
# usage: bash scripts/fuzz.sh [--time SECONDS] [--runs N] [--jobs N] [--timeout SECONDS] [--list] [TARGET...]
#   --time S     fuzz each target for S seconds (default 10; CI uses the default)
#   --runs N     or for N inputs each, with a fixed seed, for a repeatable run
#   --jobs N     targets fuzzed at once (default: the number of cores)
#   --timeout S  an input running longer than S seconds is a hang (default 10)
#   TARGET...    the targets to fuzz (default: all)
#
# The build (35 s from scratch on 2 idle cores, 2 minutes on busy ones; seconds afterwards) goes
# to .build-fuzz, so the ordinary .build is left alone. libFuzzer comes with the swift.org
# toolchain for Linux.
set -euo pipefail
cd "$(dirname "$0")/.."

time_per_target=10
runs=
jobs=$(nproc 2>/dev/null || echo 2)
timeout=10
list=false
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) time_per_target=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --list) list=true; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz: unknown option $1 (see --help)" >&2; exit 64 ;;
    *) targets+=("$1"); shift ;;
  esac
done

bash scripts/ensure-dependencies.sh
toolchain=$(dirname "$(readlink -f "$(command -v swiftc)")")/..
if ! ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 \
   && ! ls "$toolchain"/lib/swift/clang/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1; then
  echo "fuzz: this Swift toolchain has no libFuzzer (libclang_rt.fuzzer); install the swift.org toolchain for Linux" >&2
  exit 1
fi

# `--sanitize fuzzer` makes SwiftPM link libFuzzer's main instead of the target's own; SwiftPM 6.3
# hands its --sanitize values to swiftc as separate -sanitize= flags of which only the last one
# takes effect, so the combined flag is given again (it comes last). WSLABEL_LIBFUZZER selects
# the libFuzzer entry point in Tests/Fuzz/Sources/Driver.swift.
# SwiftPM also builds the LFSourceFingerprints plugin's tool (a host executable) with these
# flags, and its link fails against libFuzzer's own main ("multiple definition of 'main'"): that
# tool is not part of wslabel-fuzz, whose build still completes, and the check below is on it.
build_start=$(date +%s)
echo "fuzz: building wslabel-fuzz with libFuzzer and AddressSanitizer into .build-fuzz" >&2
swift build --scratch-path .build-fuzz --product wslabel-fuzz --disable-index-store \
  --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DWSLABEL_LIBFUZZER 2>&1 \
  | { grep -v "Cannot export local symbol" || true; } >&2
binary="$(swift build --scratch-path .build-fuzz --show-bin-path)/wslabel-fuzz"
[ -x "$binary" ] || { echo "fuzz: the build made no $binary" >&2; exit 1; }
echo "fuzz: build took $(( $(date +%s) - build_start )) s" >&2

# The runtime's crash reporter would wait on the crashed process; ASan reports instead, with a
# symbolized stack for a Swift trap too (SIGILL). Leaks are checked when each target's run ends
# (libFuzzer's check after every new input slows some targets 14-fold): the report's allocation
# stacks name the leaking code, and `-detect_leaks=1` over .build-fuzz/corpus/<target> finds the
# input. Leaks in the toolchain's own libraries are listed in Tests/Fuzz/lsan-suppressions.txt.
# The targets write each input to a file: on tmpfs the writers' fsync costs nothing.
export SWIFT_BACKTRACE=enable=no
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:handle_sigill=1:handle_abort=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Tests/Fuzz/lsan-suppressions.txt:print_suppressions=0}"

all_targets=$(WSLABEL_FUZZ_TARGET=list "$binary" 2>/dev/null)
if $list; then
  for target in $all_targets; do echo "$target"; done
  exit 0
fi
if [ ${#targets[@]} -eq 0 ]; then
  for target in $all_targets; do targets+=("$target"); done
fi
for target in "${targets[@]}"; do
  echo "$all_targets" | grep -qx "$target" || { echo "fuzz: no target $target; targets: $(echo $all_targets)" >&2; exit 64; }
done

if [ -n "$runs" ]; then
  budget=(-runs="$runs" -seed=1)
else
  budget=(-max_total_time="$time_per_target")
fi

# Runs one target; its log goes to .build-fuzz/logs/<target>.log, its exit status to .status.
fuzz_target() {
  local target=$1
  local corpus=.build-fuzz/corpus/$target crashes=.build-fuzz/crashes/$target log=.build-fuzz/logs/$target.log
  mkdir -p "$corpus" "$crashes" .build-fuzz/logs
  local status=0 dictionary=()
  [ -f "Tests/Fuzz/Dictionaries/$target.dict" ] && dictionary=(-dict="Tests/Fuzz/Dictionaries/$target.dict")
  WSLABEL_FUZZ_TARGET=$target "$binary" "${budget[@]}" "${dictionary[@]}" -timeout="$timeout" -rss_limit_mb=2048 \
    -detect_leaks=0 -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" "Tests/Fuzz/Corpus/$target" >"$log" 2>&1 || status=$?
  echo "$status" >".build-fuzz/logs/$target.status"
}

fuzz_start=$(date +%s)
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  fuzz_target "$target" &
done
wait

failed=0
for target in "${targets[@]}"; do
  log=.build-fuzz/logs/$target.log
  status=$(cat ".build-fuzz/logs/$target.status")
  inputs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  corpus=$(ls ".build-fuzz/corpus/$target" | wc -l)
  if [ "$status" -eq 0 ]; then
    echo "fuzz $target: ok, ${inputs:-?} inputs in ${seconds:-?} s, $corpus inputs in its corpus"
  else
    failed=1
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "fuzz $target: FAILED (libFuzzer exit $status) after ${inputs:-?} inputs; from $log:"
    # What broke, then the stack frames in wslabel's code, demangled.
    grep -E "Fatal error|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|^ALARM|^SUMMARY" "$log" | head -6 | cut -c1-1000 | sed 's/^/  /'
    grep -E "^ +#[0-9]+ .* in .*(Sources|Tests/Fuzz)/" "$log" | head -12 | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in //' \
      | { swift demangle --simplified 2>/dev/null || cat; } | sed 's/^/    at /'
    if grep -q "^Done [0-9]* runs" "$log"; then
      # The run ended normally, then the end-of-run check found a leak: no single input is known.
      echo "  found when the run ended, so no input was saved; to look for it in the corpus: WSLABEL_FUZZ_TARGET=$target $binary -runs=0 -detect_leaks=1 .build-fuzz/corpus/$target"
    elif [ -n "$crash" ]; then
      echo "  input saved: $crash"
      echo "  replay: WSLABEL_FUZZ_TARGET=$target $binary $crash"
    fi
  fi
done
echo "fuzz: ${#targets[@]} targets in $(( $(date +%s) - fuzz_start )) s of fuzzing"
exit $failed
