#!/usr/bin/env bash
# CUBA side by side: Brian2 (cpp_standalone, 1 thread) and NeuroChip's event engine, in one invocation.
# Prints one table: ticks/s, synaptic events/s, neuron updates/s, firing rates, and the loop-time ratio,
# with the issue's targets (NeuroChip loop >= 2x faster, rates within 20 %, <= 4 bytes per synapse).
#
# The machine may be shared, so after the two blocks of K runs the script interleaves R more rounds
# (one run of Brian2's compiled binary, then three 1-thread NeuroChip runs) and reports medians over
# all runs, so a change of load hits both simulators alike.
#
# Usage: tools/NeuroChip.Benchmarks/scripts/cuba_side_by_side.sh [--size 4k|40k] [--repeat K] [--rounds R]
#   --size 4k: 4,000 neurons, p = 0.02 (the classic network; default); 40k: 40,000 neurons, p = 0.002 (~3.2 M synapses)
# Needs: Debian's python3-brian (apt-get install -y python3-brian) and g++; the .NET SDK.
# Set NEUROCHIP_ARTIFACTS=/some/dir to build into a separate artifacts path.
set -euo pipefail

repeat=7
rounds=5
size=4k
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="${2:?--size needs 4k or 40k}"; shift 2 ;;
    --repeat) repeat="${2:?--repeat needs a value}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
    *) echo "unknown argument '$1'; usage: $0 [--size 4k|40k] [--repeat K] [--rounds R]" >&2; exit 2 ;;
  esac
done
case "$size" in
  4k) net=(--neurons 4000 --p 0.02) ; chip=() ;;
  40k) net=(--neurons 40000 --p 0.002) ; chip=(--chip nc-ref-x8) ;;
  *) echo "--size '$size': use 4k or 40k" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
python=/usr/bin/python3
if ! "$python" -c 'import brian2' 2>/dev/null; then
  echo "Brian2 is missing: run 'apt-get update && apt-get install -y python3-brian' (Debian's python3 is used)." >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts=()
if [[ -n "${NEUROCHIP_ARTIFACTS:-}" ]]; then artifacts=(--artifacts-path "$NEUROCHIP_ARTIFACTS"); fi

echo "building NeuroChip.Benchmarks (Release)..." >&2
dotnet build "$root/tools/NeuroChip.Benchmarks" -c Release "${artifacts[@]}" -v q -nologo >&2

echo "running Brian2 ($repeat runs after one compilation)..." >&2
(cd "$work" && "$python" "$here/cuba_brian2.py" "${net[@]}" --repeat "$repeat" --dir "$work/brian2" 2>"$work/brian2.log") > "$work/brian2.json"

echo "running NeuroChip ($repeat runs per thread count after warm-up)..." >&2
neurochip() { dotnet run -c Release --no-build "${artifacts[@]}" --project "$root/tools/NeuroChip.Benchmarks" -- cuba "${net[@]}" "${chip[@]}" "$@" --json; }
neurochip --repeat "$repeat" > "$work/neurochip.json"

echo "interleaving $rounds rounds (Brian2 x1, NeuroChip 1 thread x3)..." >&2
: > "$work/brian2_rounds.txt"
: > "$work/neurochip_rounds.jsonl"
for ((r = 0; r < rounds; r++)); do
  (cd "$work/brian2" && ./main > /dev/null && cut -d' ' -f1 results/last_run_info.txt) >> "$work/brian2_rounds.txt"
  neurochip --threads 1 --repeat 3 >> "$work/neurochip_rounds.jsonl"
done

"$python" - "$work/brian2.json" "$work/neurochip.json" "$work/brian2_rounds.txt" "$work/neurochip_rounds.jsonl" <<'PY'
import json, statistics, sys
brian = json.load(open(sys.argv[1]))
chip = json.load(open(sys.argv[2]))
runs = {r['threads']: r for r in chip['runs']}

def remedian(entry, extra):
    """Adds the interleaved loop times and recomputes the per-second figures from the new median."""
    entry['loop_seconds'] = list(entry['loop_seconds']) + extra
    median = statistics.median(entry['loop_seconds'])
    scale = entry['median_loop_seconds'] / median
    entry['median_loop_seconds'] = median
    for key in ('ticks_per_second', 'synaptic_events_per_second', 'neuron_updates_per_second'):
        entry[key] *= scale

remedian(brian, [float(x) for x in open(sys.argv[3]).read().split()])
extra = [s for line in open(sys.argv[4]) if line.strip() for s in json.loads(line)['runs'][0]['loop_seconds']]
if 1 in runs:
    remedian(runs[1], extra)
cols = [('Brian2 1 thr', brian)] + [(f'NeuroChip {t} thr', r) for t, r in sorted(runs.items())]
rows = [('median loop (s)', 'median_loop_seconds', '{:.4f}'),
        ('ticks/s', 'ticks_per_second', '{:,.0f}'),
        ('synaptic events/s', 'synaptic_events_per_second', '{:.3e}'),
        ('neuron updates/s', 'neuron_updates_per_second', '{:.3e}'),
        ('firing rate (Hz)', 'firing_rate_hz', '{:.3f}'),
        ('synaptic events', 'synaptic_events', '{:,}')]
print(f"CUBA, {brian['neurons']:,} LIF neurons, p = {brian['p']:g}, 1 s = {brian['ticks']:,} ticks; median of {len(brian['loop_seconds'])} Brian2 runs and "
      f"{len(runs[1]['loop_seconds']) if 1 in runs else 0} NeuroChip 1-thread runs")
print(f"{'':22}" + ''.join(f'{name:>18}' for name, _ in cols))
for label, key, fmt in rows:
    print(f'{label:22}' + ''.join(f'{fmt.format(c[key]):>18}' for _, c in cols))
best = min(runs.values(), key=lambda r: r['median_loop_seconds'])
one = runs.get(1, best)
ratio = brian['median_loop_seconds'] / one['median_loop_seconds']
rate_diff = (one['firing_rate_hz'] - brian['firing_rate_hz']) / brian['firing_rate_hz']
bps = chip['engine_bytes_per_synapse']
def verdict(ok): return 'met' if ok else 'MISSED'
print()
target = 4 if brian['neurons'] <= 4000 else 3
print(f"loop-time ratio Brian2 / NeuroChip (1 thread): {ratio:.2f}x   target >= {target}x: {verdict(ratio >= target)}")
if len(runs) > 1:
    print(f"loop-time ratio Brian2 / NeuroChip (best, {best['threads']} thr): {brian['median_loop_seconds'] / best['median_loop_seconds']:.2f}x")
if 1 in runs and 2 in runs:
    scaling = runs[1]['median_loop_seconds'] / runs[2]['median_loop_seconds']
    print(f"2 threads against 1: {scaling:.2f}x   target >= 1.6x (at 40k): {verdict(scaling >= 1.6)}")
print(f"firing rate difference: {100 * rate_diff:+.1f} %   target within 20 %: {verdict(abs(rate_diff) <= 0.2)}")
print(f"bytes per synapse: engine sparse {bps}, synapse memory {chip['synapse_memory_bytes_per_synapse']:.2f}   target <= 4: {verdict(bps <= 4)}")
print(f"spike counts identical across NeuroChip thread counts: {chip['same_spike_counts_across_threads']}")
print(f"modelled chip time {1000 * chip['chip_seconds']:.2f} ms, energy {chip['energy_per_tick_nj']:.1f} nJ per tick")
print(f"raw loop times (s): Brian2 {[round(x, 4) for x in brian['loop_seconds']]}; " + '; '.join(f"NeuroChip {t} thr {[round(x, 4) for x in r['loop_seconds']]}" for t, r in sorted(runs.items())))
print(f"load average at the end: {open('/proc/loadavg').read().split()[0]}")
PY
