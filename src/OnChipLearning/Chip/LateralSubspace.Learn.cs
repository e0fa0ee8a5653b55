using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>The lateral loop in fixed point: outputs, reconstruction, the Hebbian/anti-Hebbian terms and the momentum/batch registers.</summary>
internal sealed partial class LateralSubspace
{
    /// <summary>
    /// <see cref="HlopSpec.Iterations"/> passes of the subspace rule over <paramref name="count"/> Q8 samples stored
    /// row-major in <paramref name="batch"/>; only the rows after the frozen ones change.
    /// </summary>
    public void Learn(ReadOnlySpan<int> batch, int count)
    {
        int active = Rows - FrozenRows;
        if (active <= 0 || count <= 0)
        {
            return;
        }

        for (int it = 0; it < iterations; it++)
        {
            if (usesRegister)
            {
                DecayRegisters();
            }

            for (int b = 0; b < count; b++)
            {
                ReadOnlySpan<int> x = batch.Slice(b * n, n);
                Reconstruct(x);
                AccumulateTerms();
            }

            if (usesRegister)
            {
                ApplyRegisters();
            }
        }
    }

    /// <summary>Y = H·X over all grown rows (Q12), then the residual X − Hᵀ·Y (Q12).</summary>
    private void Reconstruct(ReadOnlySpan<int> x)
    {
        int grown = Rows;
        long ops = Outputs(x, grown);
        for (int r = 0; r < grown; r++)
        {
            long value = RoundShift(sums[r], s + SampleFraction - OutputFraction);
            y[r] = lateralTicks > 0 ? SpikeCoded(value) : value;
        }

        for (int j = 0; j < n; j++)
        {
            residual[j] = ((long)x[j] << (ResidualFraction - SampleFraction)) - RoundShift(Back(j, grown), s + OutputFraction - ResidualFraction);
        }

        counters.LateralSynapticOps += ops + ((long)n * grown);
        counters.LateralPackets += (long)n * (CoresUsed(grown) - 1);
    }

    /// <summary>sums[r] = Σ_j M_rj·x_j over rows [0, <paramref name="rowsUsed"/>), walking the rows of non-zero inputs; returns the synapses read.</summary>
    private long Outputs(ReadOnlySpan<int> x, int rowsUsed)
    {
        Array.Clear(sums, 0, rowsUsed);
        long ops = 0;
        foreach (SliceState slice in slices)
        {
            (int lo, int count) = Overlap(slice, 0, rowsUsed);
            for (int j = 0; j < n && count > 0; j++)
            {
                long xj = x[j];
                if (xj == 0)
                {
                    continue;
                }

                ReadOnlySpan<short> w = rows(slice.CoreIndex, j)[..count];
                Span<long> acc = sums.AsSpan(lo, count);
                for (int i = 0; i < w.Length; i++)
                {
                    acc[i] += w[i] * xj;
                }

                ops += count;
            }
        }

        return ops;
    }

    /// <summary>Σ_r M_rj·y_r over rows [0, <paramref name="rowsUsed"/>): axon j's rows read in reverse, summed over the cores.</summary>
    private long Back(int j, int rowsUsed)
    {
        long back = 0;
        foreach (SliceState slice in slices)
        {
            (int lo, int count) = Overlap(slice, 0, rowsUsed);
            if (count > 0)
            {
                back += Dot(rows(slice.CoreIndex, j)[..count], y.AsSpan(lo, count));
            }
        }

        return back;
    }

    /// <summary>The sample's clipped terms Y_r·R_j of the active rows, into the registers or straight into H.</summary>
    private void AccumulateTerms()
    {
        foreach (SliceState slice in slices)
        {
            (int lo, int count) = Overlap(slice, FrozenRows, Rows);
            int offset = lo - slice.Slice.FirstNeuron;
            for (int j = 0; j < n && count > 0; j++)
            {
                long rj = residual[j];
                if (rj == 0)
                {
                    continue;
                }

                Span<short> w = rows(slice.CoreIndex, j).Slice(offset, count);
                Span<int> m = usesRegister ? register.AsSpan((j * capacity) + lo, count) : [];
                for (int i = 0; i < count; i++)
                {
                    long yr = y[lo + i];
                    if (yr == 0)
                    {
                        continue;
                    }

                    long term = Math.Clamp(yr * rj, -clipUnits, clipUnits);
                    if (usesRegister)
                    {
                        m[i] = SaturateRegister(m[i] + slice.Rng.ShiftRight(term * toRegister.Mantissa, toRegister.Shift));
                    }
                    else
                    {
                        w[i] = SaturateWeight(w[i] + slice.Rng.ShiftRight(term * termToWeight.Mantissa, termToWeight.Shift));
                    }
                }

                counters.LateralSynapticUpdates += count;
            }
        }
    }

    /// <summary>m ← SR(μ·m) on the active rows (cleared when there is no momentum: the register then only sums the batch).</summary>
    private void DecayRegisters()
    {
        foreach (SliceState slice in slices)
        {
            (int lo, int count) = Overlap(slice, FrozenRows, Rows);
            for (int j = 0; j < n && count > 0; j++)
            {
                Span<int> m = register.AsSpan((j * capacity) + lo, count);
                if (momentumKeep == 0)
                {
                    m.Clear();
                    continue;
                }

                for (int i = 0; i < count; i++)
                {
                    if (m[i] != 0)
                    {
                        m[i] = (int)slice.Rng.ShiftRight(m[i] * keep.Mantissa, keep.Shift);
                    }
                }
            }
        }
    }

    /// <summary>M ← sat(M + SR(η_H·m)) on the active rows: the pass's one write of H.</summary>
    private void ApplyRegisters()
    {
        foreach (SliceState slice in slices)
        {
            (int lo, int count) = Overlap(slice, FrozenRows, Rows);
            int offset = lo - slice.Slice.FirstNeuron;
            for (int j = 0; j < n && count > 0; j++)
            {
                Span<short> w = rows(slice.CoreIndex, j).Slice(offset, count);
                ReadOnlySpan<int> m = register.AsSpan((j * capacity) + lo, count);
                for (int i = 0; i < count; i++)
                {
                    if (m[i] != 0)
                    {
                        w[i] = SaturateWeight(w[i] + slice.Rng.ShiftRight(m[i] * registerToWeight.Mantissa, registerToWeight.Shift));
                    }
                }

                counters.LateralSynapticUpdates += count;
            }
        }
    }

    /// <summary>The lateral neuron's signed spike count over T_l ticks, as a value: (s/T_l)·round(T_l·clip(y, ±s)/s).</summary>
    private long SpikeCoded(long value)
    {
        long clipped = Math.Clamp(value, -lateralRange, lateralRange);
        long spikes = DivideRounded(clipped * lateralTicks, lateralRange);
        return DivideRounded(spikes * lateralRange, lateralTicks);
    }
}
