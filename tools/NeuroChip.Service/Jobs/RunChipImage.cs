using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Emit;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Import.Onnx;
using NeuroChip.Pipeline.Data;
using NeuroChip.Pipeline.Reports;
using NeuroChip.Pipeline.Run;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// The chip image a run evaluated at its largest T. <see cref="RunPipeline"/> reports about the image but does not
/// write it, so it is made again from the same model, data split, conversion options and placement seed — every
/// step is seeded, so this is the image the run simulated — and checked against the report's neuron and core counts.
/// </summary>
internal static class RunChipImage
{
    public static ChipImage Rebuild(RunOptions options, string modelPath, RunReport report)
    {
        NetworkGraph ann = OnnxImporter.ImportFile(modelPath);
        DatasetSplit split = DatasetCatalog.Load(options.Dataset, options.Seed, options.DataDirectory);
        int t = options.Timesteps.Max();
        var conversion = new ConversionOptions { Method = options.Conversion, Timesteps = t, Seed = options.Seed };
        NetworkGraph snn = AnnToSnnConverter.Convert(ann, split.Train.Features, split.Train.Count, conversion, options.Threads).Snn;
        CompilationResult compiled = Compiler.Compile(snn, ChipSpecLoader.LoadPreset(options.Chip), new CompilerOptions { Placement = new() { Seed = options.Seed } });
        if (compiled.Image.Cores.Count != report.Model.CoresUsed || compiled.Network.NeuronCount != report.Model.ChipNeurons)
        {
            throw new InvalidOperationException(
                $"The rebuilt chip image ({compiled.Network.NeuronCount:N0} neurons on {compiled.Image.Cores.Count} cores) differs from the one the run reported ({report.Model.ChipNeurons:N0} neurons on {report.Model.CoresUsed} cores).");
        }

        return compiled.Image;
    }
}
