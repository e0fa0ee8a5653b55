using System.CommandLine;
using System.Diagnostics;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary><c>neurochip map NETWORK [--chip nc-ref] [--out IMAGE] [--weight-bits B] [--seed S]</c>.</summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var network = new Argument<FileInfo>("network") { Description = "Network graph to compile (NeuroChip NetworkGraph JSON)." };
        var chip = new Option<string>("--chip") { Description = "Target chip: a preset (nc-ref, nc-tiny) or a chip spec JSON file.", DefaultValueFactory = _ => "nc-ref" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the chip image: .json for readable JSON, any other extension for the binary form. Default: NETWORK with the extension .ncimg." };
        var weightBits = new Option<int?>("--weight-bits") { Description = "Signed weight mantissa width, 1 (binary) to 8. Default: the chip's width." };
        var seed = new Option<int>("--seed") { Description = "Seed of the placement search (same seed, same placement).", DefaultValueFactory = _ => 1 };

        var command = new Command("map", "Compile a network onto a chip: quantise, partition, place and route; print per-core utilisation and placement cost; write the chip image.")
        {
            network, chip, output, weightBits, seed,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            FileInfo source = parse.GetValue(network)!;
            string outPath = parse.GetValue(output) ?? Path.ChangeExtension(source.FullName, ".ncimg");
            AtomicFile.EnsureDirectoryExists(outPath);
            ChipSpec spec = ChipSpecLoader.Load(parse.GetValue(chip)!);
            NetworkGraph graph = NetworkGraphJson.Read(source.FullName);
            var options = new CompilerOptions
            {
                Quantization = new QuantizationOptions { WeightBits = parse.GetValue(weightBits) },
                Placement = new() { Seed = parse.GetValue(seed) },
            };

            var watch = Stopwatch.StartNew();
            CompilationResult result = Compiler.Compile(graph, spec, options);
            watch.Stop();
            Print(result, spec, watch.Elapsed.TotalSeconds);
            ChipImageFile.Write(outPath, result.Image);
            AnsiConsole.MarkupLine($"Image written to [bold]{Markup.Escape(outPath)}[/] ({result.Image.Cores.Count} cores).");
            return 0;
        }));
        return command;
    }

    private static void Print(CompilationResult result, ChipSpec spec, double seconds)
    {
        AnsiConsole.MarkupLine(
            $"[bold]{result.Network.NeuronCount:N0} neurons, {result.Network.SynapseCount:N0} synapses[/] compiled onto [bold]{Markup.Escape(spec.Name)}[/] in {seconds:F2} s: {result.Image.Cores.Count} of {spec.CoreCount} cores used.");

        UtilisationTable u = result.Utilisation;
        var table = new Table().Title("Per-core utilisation").AddColumns("core", "slice", "neurons", "profiles", "fan-in axons", "synapse memory (bits)", "fan-out routes");
        foreach (UtilisationRow row in u.Rows)
        {
            SliceUsage s = row.Usage;
            table.AddRow(
                row.CoreId.ToString(),
                Markup.Escape(row.Label),
                Cell(s.Neurons, u.Limits.MaxNeurons),
                Cell(s.Profiles, u.Limits.MaxNeuronProfiles),
                Cell(s.FanInAxons, u.Limits.MaxFanInAxons),
                Cell(s.SynapseBits, u.Limits.SynapseMemoryBits),
                Cell(s.FanOutRoutes, u.Limits.MaxFanOutRoutes));
        }

        AnsiConsole.Write(table);
        var quantization = new Table().Title("Quantisation").AddColumns("layer", "quantity", "count", "clipped", "max error", "rms error", "max |value|");
        foreach (LayerQuantizationStats s in result.QuantizationStats.Layers.Where(s => s.Count > 0))
        {
            quantization.AddRow(Markup.Escape(s.Layer), s.Quantity, s.Count.ToString("N0"), s.ClippedFraction.ToString("P2"), s.MaxAbsError.ToString("G4"), s.RmsError.ToString("G4"), s.MaxAbsValue.ToString("G4"));
        }

        AnsiConsole.Write(quantization);
        AnsiConsole.WriteLine(result.PlacementReport.ToString());
        AnsiConsole.WriteLine($"routing: {result.Routing.TotalRouteEntries:N0} route entries; busiest link {result.Routing.MaxLinkLoad:G4} expected packets per tick");
        if (result.RouteCheck is { } check)
        {
            AnsiConsole.WriteLine($"route check: {check.SourcesChecked:N0} sources, {check.SynapsesDelivered:N0} synapses delivered exactly, {check.PathsChecked:N0} mesh paths walked: {(check.Passed ? "passed" : "FAILED")}");
        }
    }

    private static string Cell(long value, long limit) => $"{value:N0} ({100.0 * value / limit:F0}%)";
}
