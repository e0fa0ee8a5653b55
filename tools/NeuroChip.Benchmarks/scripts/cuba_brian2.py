#!/usr/bin/python3
"""The CUBA benchmark network in Brian2 (cpp_standalone, one thread), for the side-by-side run.

Same model as NeuroChip's CubaNetwork builder: N LIF neurons (default 4,000; 80 % excitatory),
connection probability p (default 0.02; keep N·p = 80) without self-connections, tau_m 20 ms, El -49 mV, threshold -50 mV, reset -60 mV, 5 ms refractory,
we 1.62 mV, wi -9 mV, ONE synaptic time constant (5 ms) for both ge and gi, dt 0.1 ms, 1 s.

The project is compiled once; the binary then runs --repeat times. The loop time of each run is
Brian2's own measurement of Network::run (results/last_run_info.txt), so code generation,
compilation, connectivity generation and file output are excluded. Prints one JSON object.

Usage: /usr/bin/python3 cuba_brian2.py [--neurons N] [--p P] [--repeat K] [--seed S] [--dir DIR]
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

import numpy as np
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, defaultclock, device, ms, mV, prefs, run,
                    second, seed, set_device)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repeat', type=int, default=5, help='runs of the compiled binary (median is reported)')
    parser.add_argument('--seed', type=int, default=1234)
    parser.add_argument('--neurons', type=int, default=4000, help='network size (80 %% excitatory)')
    parser.add_argument('--p', type=float, default=0.02, help='connection probability')
    parser.add_argument('--dir', default=None, help='build directory (default: a fresh temporary one)')
    args = parser.parse_args()
    if args.repeat < 1:
        sys.exit('--repeat must be at least 1')

    directory = args.dir or tempfile.mkdtemp(prefix='cuba_brian2_')
    set_device('cpp_standalone', directory=directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # single-threaded
    seed(args.seed)

    n, p = args.neurons, args.p
    n_exc = n * 4 // 5
    taum, taus = 20 * ms, 5 * ms
    vt, vr, el = -50 * mV, -60 * mV, -49 * mV
    we, wi = 1.62 * mV, -9 * mV
    defaultclock.dt = 0.1 * ms

    eqs = '''
    dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge / taus : volt
    dgi/dt = -gi / taus : volt
    '''
    namespace = {'taum': taum, 'taus': taus, 'El': el, 'Vt': vt, 'Vr': vr, 'we': we, 'wi': wi}
    group = NeuronGroup(n, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms,
                        method='exact', namespace=namespace)
    group.v = 'Vr + rand() * (Vt - Vr)'
    group.ge = 0 * mV
    group.gi = 0 * mV
    exc = Synapses(group, group, on_pre='ge += we', namespace=namespace)
    inh = Synapses(group, group, on_pre='gi += wi', namespace=namespace)
    exc.connect(condition=f'i < {n_exc} and i != j', p=p)
    inh.connect(condition=f'i >= {n_exc} and i != j', p=p)
    spikes = SpikeMonitor(group, record=False)  # per-neuron counts only
    duration = 1 * second
    run(duration)

    device.build(directory=directory, compile=True, run=True, with_output=False)
    loop_seconds = [float(device._last_run_time)]
    for _ in range(args.repeat - 1):
        device.run(directory, False, [])
        loop_seconds.append(float(device._last_run_time))

    counts = np.asarray(spikes.count[:], dtype=np.int64)
    out_degree = (np.bincount(np.asarray(exc.i[:]), minlength=n) + np.bincount(np.asarray(inh.i[:]), minlength=n))
    synapses = int(out_degree.sum())
    events = int((counts * out_degree).sum())
    ticks = int(round(float(duration / defaultclock.dt)))
    median = statistics.median(loop_seconds)
    print(json.dumps({
        'simulator': 'brian2 ' + __import__('brian2').__version__ + ' cpp_standalone (1 thread)',
        'neurons': n,
        'p': p,
        'ticks': ticks,
        'loop_seconds': loop_seconds,
        'median_loop_seconds': median,
        'ticks_per_second': ticks / median,
        'spikes': int(counts.sum()),
        'firing_rate_hz': float(counts.sum()) / n / float(duration / second),
        'synapses': synapses,
        'connectivity': synapses / (n * (n - 1)),
        'synaptic_events': events,
        'synaptic_events_per_second': events / median,
        'neuron_updates_per_second': n * ticks / median,
        'build_directory': os.path.abspath(directory),
    }))


if __name__ == '__main__':
    main()
