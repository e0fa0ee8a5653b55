using System.Text.Json;
namespace NeuroChip.EventSim.Tests.Serialization;

/// <summary>
/// Random byte and field mutations of valid chip specs and chip images (<see cref="JsonMutations"/>): each loader either
/// returns an object that passes its validator (and, for an image, runs) or throws its own
/// <see cref="UserInputException"/>; any other exception is a bug and fails with the mutation that caused it.
/// </summary>
public sealed class MutatedInputPropertyTests
{
    private const int Iterations = 3_000;

    [Fact]
    public void ChipSpecLoaderParse_MutatedPreset_ValidSpecOrUserInputException()
    {
        string valid = JsonSerializer.Serialize(ChipSpecLoader.LoadPreset("nc-ref"), Json.Options);
        Gen.Int.Sample(seed =>
        {
            string mutated = JsonMutations.Mutate(valid, seed);
            Expect(valid, seed, () =>
            {
                ChipSpec spec = ChipSpecLoader.Parse(mutated, "mutated.json");
                Assert.Empty(ChipSpecValidator.Validate(spec));
            });
        }, iter: Iterations);
    }

    [Fact]
    public void ChipImageJsonDeserialize_MutatedImage_ValidImageThatRunsOrUserInputException()
    {
        string valid = ChipImageJson.Serialize(RandomImages.Create(8, cores: 2, neuronsPerCore: 6, inputs: 3));
        Gen.Int.Sample(seed =>
        {
            string mutated = JsonMutations.Mutate(valid, seed);
            Expect(valid, seed, () =>
            {
                ChipImage image = ChipImageJson.Deserialize(mutated, "mutated.json");
                ChipImageValidator.ThrowIfInvalid(image, "mutated.json");
                using var simulator = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
                simulator.Run(5, new InputSchedule());
            });
        }, iter: Iterations);
    }

    [Fact]
    public void Mutations_OfAValidFile_AreMostlyRefusedAndSometimesAccepted()
    {
        // The properties above mean something only if the mutations reach both outcomes: many are refused with a user
        // error, and some (e.g. a changed number still in range) still load.
        string valid = JsonSerializer.Serialize(ChipSpecLoader.LoadPreset("nc-ref"), Json.Options);
        int refused = 0, accepted = 0;
        for (int seed = 0; seed < 500; seed++)
        {
            try
            {
                ChipSpecLoader.Parse(JsonMutations.Mutate(valid, seed), "mutated.json");
                accepted++;
            }
            catch (UserInputException)
            {
                refused++;
            }
        }

        Assert.True(refused > 100 && accepted > 20, $"{refused} refused, {accepted} accepted of 500");
    }

    /// <summary>Runs <paramref name="load"/>; a <see cref="UserInputException"/> is an accepted outcome, anything else fails naming the mutation.</summary>
    private static void Expect(string valid, int seed, Action load)
    {
        try
        {
            load();
        }
        catch (UserInputException)
        {
            // the loader's own, user-fixable refusal: allowed
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"mutation {seed} ({JsonMutations.Describe(valid, seed)}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }
}
