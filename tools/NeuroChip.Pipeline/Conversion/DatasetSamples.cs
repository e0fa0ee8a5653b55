using NeuroChip.Data;
using NeuroChip.Mapping.Conversion;

namespace NeuroChip.Pipeline.Conversion;

/// <summary>Hands a data set to the compiler's evaluator as the flat labelled samples it reads.</summary>
public static class DatasetSamples
{
    public static LabelledSamples ToLabelledSamples(this Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new LabelledSamples(data.Name, data.Features, data.Labels, data.Shape.Size);
    }
}
