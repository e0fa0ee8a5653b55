#!/usr/bin/env bash
# Fuzz NeuroChip's parsers with AFL++ and SharpFuzz.
#   tools/NeuroChip.Fuzz/fuzz.sh <target|all|t1,t2> [--runs N | --minutes M]
# Installs what is missing (afl++ via apt-get, sharpfuzz via dotnet tool restore), builds, instruments, seeds
# the corpus from the repository, runs each target in turn and prints inputs, rate, crashes and hangs.
# Everything goes under fuzz-out/ (ignored by git). Crashing inputs: fuzz-out/<target>/findings/default/crashes.
set -euo pipefail

usage() { echo "usage: $0 <target|all|t1,t2,...> [--runs N | --minutes M]" >&2; exit 2; }
[[ $# -ge 1 ]] || usage
which_targets=$1; shift
limit=(-E 1000000)
case "${1:-}" in
  --runs) [[ $# -eq 2 ]] || usage; limit=(-E "$2") ;;
  --minutes) [[ $# -eq 2 ]] || usage; limit=(-V "$(( $2 * 60 ))") ;;
  "") ;;
  *) usage ;;
esac

repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${NEUROCHIP_FUZZ_OUT:-$repo/fuzz-out}
cd "$repo"

if ! command -v afl-fuzz >/dev/null; then
  echo "installing afl++ ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
dotnet tool restore >/dev/null

echo "building ..."
nice -n 10 dotnet build tools/NeuroChip.Fuzz/NeuroChip.Fuzz.csproj -c Release -nologo -v q >/dev/null
plain=$repo/artifacts/bin/NeuroChip.Fuzz/release
bin=$out/bin
lock=$out/.instrumented
mkdir -p "$out"
# Instrument a copy once per build (the copy is redone when the build output is newer).
if [[ ! -f $lock || $plain/neurochip-fuzz.dll -nt $lock || $plain/NeuroChip.EventSim.dll -nt $lock ]]; then
  echo "instrumenting ..."
  rm -rf "$bin" && cp -r "$plain" "$bin"
  for asm in NeuroChip.EventSim NeuroChip.Mapping NeuroChip.Data Google.Protobuf; do
    dotnet sharpfuzz "$bin/$asm.dll" >/dev/null
  done
  touch "$lock"
fi

if [[ $which_targets == all ]]; then
  mapfile -t targets < <(dotnet "$plain/neurochip-fuzz.dll" list | cut -f1)
else
  IFS=, read -r -a targets <<< "$which_targets"
fi

seed() {
  local target=$1 dir=$2
  mkdir -p "$dir"
  case $target in
    onnx) find tests -name '*.onnx' -not -path '*/bin/*' -not -path '*/obj/*' -exec cp {} "$dir/" \; ;;
    chipspec) cp src/EventSim/Presets/*.json "$dir/" ;;
    networkgraph) for f in examples/*.json; do [[ $f == *-input.json ]] || cp "$f" "$dir/"; done ;;
    inputschedule) cp examples/*-input.json "$dir/" ;;
  esac
  dotnet "$plain/neurochip-fuzz.dll" seed "$target" "$dir" >/dev/null
  # A target with no repository files and no generated seeds still needs one input.
  [[ -n $(ls -A "$dir") ]] || printf '{}' > "$dir/empty-object"
}

summary=()
for target in "${targets[@]}"; do
  work=$out/$target
  rm -rf "$work/seeds" && seed "$target" "$work/seeds"
  rm -rf "$work/findings"
  echo "fuzzing $target (${limit[*]}) ..."
  AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 AFL_QUIET=1 \
    nice -n 10 afl-fuzz -i "$work/seeds" -o "$work/findings" -t 2000 -m none "${limit[@]}" -- "$bin/neurochip-fuzz" "$target" \
    > "$work/afl.log" 2>&1 || { echo "afl-fuzz failed for $target; see $work/afl.log" >&2; tail -20 "$work/afl.log" >&2; exit 1; }
  stats=$work/findings/default/fuzzer_stats
  get() { awk -F': *' -v k="$1" '$1 ~ "^"k" *$" {print $2}' "$stats"; }
  execs=$(get execs_done); runtime=$(get run_time); crashes=$(get saved_crashes); hangs=$(get saved_hangs)
  rate=$(( execs / (runtime > 0 ? runtime : 1) ))
  replay=$(dotnet "$plain/neurochip-fuzz.dll" "$target" --replay "$work/findings/default/queue" | tail -1)
  line="$target: inputs=$execs seconds=$runtime execs/s=$rate crashes=$crashes hangs=$hangs | corpus replay: $replay"
  echo "$line"
  summary+=("$line")
done

echo
echo "summary (${limit[*]}):"
printf '  %s\n' "${summary[@]}"
