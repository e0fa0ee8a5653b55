namespace NeuroChip.EventSim.Tests.Engine;

public sealed class DeliveryTests
{
    /// <summary>The vector path of a dense row must add exactly what the 64-bit per-synapse definition adds.</summary>
    [Fact]
    public void DenseAdd_EqualsThePerSynapseScale_ForEveryExponentAndPayloadInRange()
    {
        Gen.Select(
                Gen.Short.Array[0, 70],
                Gen.Int[-Delivery.PayloadExactInt32, Delivery.PayloadExactInt32],
                Gen.Int[-8, 7],
                Gen.Int.Array[70])
            .Sample((weights, payload, exponent, start) =>
            {
                int[] expected = start[..weights.Length];
                int[] actual = (int[])expected.Clone();
                for (int k = 0; k < weights.Length; k++)
                {
                    expected[k] += Delivery.Scale(weights[k], payload, exponent);
                }

                if (exponent >= 0)
                {
                    Delivery.DenseAdd(weights, actual, payload << exponent, 0);
                }
                else
                {
                    Delivery.DenseAdd(weights, actual, payload, -exponent);
                }

                Assert.Equal(expected, actual);
            });
    }

    /// <summary>A hand-worked row: the right shift rounds toward −∞, also for negative products.</summary>
    [Fact]
    public void DenseAdd_NegativeExponent_RoundsTowardMinusInfinity()
    {
        short[] weights = [5, -5, 7, -7, 1, -1, 0, 32767, -32768, 3, -3, 8, -8, 100, -100, 2, -2];
        int[] target = new int[weights.Length];

        // payload 3, exponent −2: ⌊3w / 4⌋
        Delivery.DenseAdd(weights, target, 3, 2);

        int[] expected = [3, -4, 5, -6, 0, -1, 0, 24575, -24576, 2, -3, 6, -6, 75, -75, 1, -2];
        Assert.Equal(expected, target);
    }
}
