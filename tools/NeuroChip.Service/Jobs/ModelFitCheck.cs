using Microsoft.AspNetCore.Http;
using NeuroChip.Data;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// Checks at submission that a run's network can run at all: its input and output sizes match the data set, and the
/// compiler's <see cref="FitCheck"/> finds that it converts and fits the chip (so its message is the one the client
/// reads). Conversion there balances thresholds on a few training samples only: thresholds change no layer's size, so
/// the neuron count and the core count are those of the full run.
/// </summary>
internal static class ModelFitCheck
{
    private const int CalibrationSamples = 8;

    /// <summary>
    /// The spiking network's neuron count after mapping; throws <see cref="JobInputException"/> on <paramref name="field"/>
    /// when it cannot run or has more neurons than <paramref name="limits"/> allow.
    /// </summary>
    public static long NeuronsAfterMapping(NetworkGraph ann, Dataset train, ChipSpec chip, int timesteps, int seed, KeyLimits limits, string field)
    {
        try
        {
            AnnForwardPass pass = AnnForwardPass.Create(ann);
            if (pass.InputSize != train.Shape.Size || pass.OutputSize != train.ClassCount)
            {
                throw new JobInputException(
                    field,
                    $"The model takes {pass.InputSize} inputs and gives {pass.OutputSize} outputs, but data set '{train.Name}' has {train.Shape.Size} values per sample {train.Shape} and {train.ClassCount} classes; upload a model made for this data set or choose the matching options.dataset.",
                    StatusCodes.Status422UnprocessableEntity);
            }

            Dataset few = train.Take(Math.Min(CalibrationSamples, train.Count));
            var options = new ConversionOptions { Method = ConversionMethod.None, Timesteps = timesteps, Seed = seed, CalibrationSamples = few.Count };
            return Require(FitCheck.CheckAnn(ann, chip, few.Features, few.Count, options), chip, limits, field);
        }
        catch (UserInputException e)
        {
            throw new JobInputException(field, e.Message, StatusCodes.Status422UnprocessableEntity);
        }
    }

    /// <summary>
    /// The network's neuron count when <paramref name="fit"/> says it fits <paramref name="chip"/> and the count is within
    /// the key's <see cref="KeyLimits.MaxNeurons"/>; otherwise 422 on <paramref name="field"/> saying which.
    /// </summary>
    public static long Require(FitCheckResult fit, ChipSpec chip, KeyLimits limits, string field)
    {
        if (!fit.Fits)
        {
            throw new JobInputException(field, fit.Message, StatusCodes.Status422UnprocessableEntity);
        }

        if (fit.Neurons > limits.MaxNeurons)
        {
            throw new JobInputException(
                field,
                $"The spiking network has {fit.Neurons:N0} neurons after mapping onto '{chip.Name}'; this API key may map or run at most {limits.MaxNeurons:N0}. Use a smaller network or ask for a higher limit.",
                StatusCodes.Status422UnprocessableEntity);
        }

        return fit.Neurons;
    }
}
