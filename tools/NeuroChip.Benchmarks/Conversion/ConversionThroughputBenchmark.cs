using MathNet.Numerics.Statistics;
using NeuroChip.Data;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Conversion;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Import.Onnx;
using NeuroChip.Mapping.Quantization;
using NeuroChip.Pipeline.Conversion;
using NeuroChip.Training;

namespace NeuroChip.Benchmarks.Conversion;

/// <summary>
/// Chip-SNN inference throughput (images per second on the event engine, 1 and 2 threads) of a converted network on
/// nc-ref with 8-bit weights, light conversion, T = 32. Arguments: <c>digits</c> (default: trains the reference MLP,
/// 360 test images) or <c>fashion MODEL.onnx [IMAGES]</c> (the first IMAGES Fashion-MNIST test images, default 500).
/// A warm-up of at least two seconds per thread count (so the JIT's optimised code is in place), then three timed
/// passes per thread count in rotating order, each repeating the image set until it lasts a second; the median pass
/// is reported.
/// </summary>
public static class ConversionThroughputBenchmark
{
    private const int Passes = 3;

    public static int Run(string[] args)
    {
        string mode = args.Length > 0 ? args[0].ToLowerInvariant() : "digits";
        (NetworkGraph ann, DatasetSplit data, Dataset test) = mode switch
        {
            "digits" => Digits(),
            "fashion" when args.Length > 1 => Fashion(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500),
            _ => (null!, null!, null!),
        };
        if (ann is null)
        {
            Console.Error.WriteLine("Usage: conversion [digits | fashion MODEL.onnx [IMAGES]]");
            return 2;
        }

        const int timesteps = 32;
        ConversionResult converted = AnnToSnnConverter.Convert(ann, data.Train.Features, data.Train.Count, new ConversionOptions { Method = ConversionMethod.Light, Timesteps = timesteps }, Environment.ProcessorCount);
        ChipImage image = Compiler.Compile(converted.Snn, ChipSpecLoader.LoadPreset("nc-ref"), new CompilerOptions { Quantization = new QuantizationOptions { WeightBits = 8 } }).Image;
        Console.WriteLine($"== chip-SNN inference, {mode}, light conversion, T = {timesteps}, nc-ref, 8-bit weights, {test.Count} images, {image.Cores.Count} cores");
        foreach (int threads in new[] { 1, 2 })
        {
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 2)
            {
                ChipEvaluator.Evaluate(image, test.ToLabelledSamples(), timesteps, threads, limit: Math.Min(50, test.Count));
            }
        }

        int[] threadCounts = [1, 2];
        var seconds = threadCounts.ToDictionary(t => t, _ => new List<double>());
        ChipEvaluation? last = null;
        for (int pass = 0; pass < Passes; pass++)
        {
            // Rotating order, so neither thread count always runs first after the machine changes load.
            foreach (int threads in pass % 2 == 0 ? threadCounts : threadCounts.Reverse())
            {
                // Short image sets repeat until the pass lasts a second, so timer and scheduler noise stay small.
                var clock = System.Diagnostics.Stopwatch.StartNew();
                int images = 0;
                do
                {
                    last = ChipEvaluator.Evaluate(image, test.ToLabelledSamples(), timesteps, threads);
                    images += test.Count;
                }
                while (clock.Elapsed.TotalSeconds < 1);
                seconds[threads].Add(clock.Elapsed.TotalSeconds / images);
            }
        }

        foreach (int threads in threadCounts)
        {
            double median = seconds[threads].Median();
            Console.WriteLine(
                $"threads {threads}: {1 / median:F1} images/s, median of {Passes} passes ({median * 1e3:F2} ms per image; passes {string.Join(", ", seconds[threads].Select(s => (1 / s).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} images/s; {last!.TicksPerInference} ticks, {last.SynapticOpsPerInference:N0} synaptic ops per image, accuracy {last.Accuracy:P2})");
        }

        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        }

        return 0;
    }

    private static (NetworkGraph, DatasetSplit, Dataset) Digits()
    {
        DatasetSplit data = DigitsDataset.LoadSplit(1);
        NetworkSpec spec = ReferenceModels.Network(ReferenceModelKind.Mlp, data.Train.Shape, data.Train.ClassCount);
        TrainingResult trained = ReferenceTrainer.Train(spec, data.Train, null, TrainingSpec.ForDigits(1));
        return (OnnxImporter.Import(OnnxExport.ToOnnx(trained.Network), "digits mlp"), data, data.Test);
    }

    private static (NetworkGraph, DatasetSplit, Dataset) Fashion(string model, int images)
    {
        DatasetSplit data = FashionMnistDataset.Load();
        return (OnnxImporter.ImportFile(model), data, data.Test.Take(images));
    }
}
