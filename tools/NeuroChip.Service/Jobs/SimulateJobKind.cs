using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// <c>simulate</c>: a chip image (uploaded as the <c>image</c> file, JSON or binary, or a built-in
/// example) runs for <c>ticks</c> ticks on the event engine, exactly as <c>neurochip simulate</c>
/// does; artifacts are <c>report.json</c> (<see cref="SimulationReport"/>), <c>report.html</c> and the image.
/// </summary>
internal sealed class SimulateJobKind() : JobKind(KindName, Summary)
{
    private const string Summary = "Run a chip image on the event engine for N ticks; report spike counts, energy and timing.";

    public const string KindName = "simulate";

    private const string InputFile = "input.json";
    private const int DefaultTicks = 100;

    public override string Prepare(JobSubmission submission, KeyLimits limits, string inputDirectory)
    {
        (byte[] bytes, string fileName, BuiltInExample? example) = SelectImage(submission);
        bool json = LooksLikeJson(bytes);
        ChipImage image = ParseImage(bytes, json, fileName);
        IReadOnlyList<string> problems = ChipImageValidator.Validate(image);
        if (problems.Count > 0)
        {
            throw new JobInputException("image", $"Chip image '{fileName}' does not fit chip '{image.Chip.Name}': {string.Join(" ", problems)}", StatusCodes.Status422UnprocessableEntity);
        }

        int neurons = image.Cores.Sum(c => c.Neurons.Count);
        if (neurons > limits.MaxNeurons)
        {
            throw new JobInputException("image", $"Chip image '{fileName}' has {neurons:N0} neurons; this API key may run at most {limits.MaxNeurons:N0}. Split the network or ask for a higher limit.", StatusCodes.Status422UnprocessableEntity);
        }

        SimulateOptions options = ParseOptions(submission.OptionsJson);
        int ticks = options.Ticks ?? example?.DefaultTicks ?? DefaultTicks;
        if (ticks < 1)
        {
            throw new JobInputException("options.ticks", $"ticks = {ticks}: run at least 1 tick.");
        }

        if (ticks > limits.MaxTicks)
        {
            throw new JobInputException("options.ticks", $"ticks = {ticks:N0} exceeds this API key's limit of {limits.MaxTicks:N0} ticks per job.", StatusCodes.Status422UnprocessableEntity);
        }

        if (options.Threads is < 1 or > SimulateOptions.MaxThreads)
        {
            throw new JobInputException("options.threads", $"threads = {options.Threads}: use 1 to {SimulateOptions.MaxThreads} engine threads (results are identical for any count).");
        }

        SimulateInput input = options.Input ?? (example?.InputJson is { } text ? ParseExampleInput(text, ticks) : new SimulateInput());
        InputSchedule schedule = CheckInput(input, image, ticks);

        string imageFile = json ? "image.json" : "image.bin";
        File.WriteAllBytes(Path.Combine(inputDirectory, imageFile), bytes);
        schedule.Save(Path.Combine(inputDirectory, InputFile));
        var settings = new SimulateJobSettings(ticks, options.Threads, imageFile, input.Spikes.Count, input.Currents.Count, example?.Name);
        return JsonSerializer.Serialize(settings, Json.Compact);
    }

    public override JobOutput Execute(JobExecution execution)
    {
        SimulateJobSettings settings = JsonSerializer.Deserialize<SimulateJobSettings>(execution.OptionsJson, Json.Compact)
            ?? throw new InvalidOperationException($"Job {execution.JobId} has no stored options.");
        string imagePath = Path.Combine(execution.InputDirectory, settings.ImageFile);
        ChipImage image = ChipImageFile.Read(imagePath);
        InputSchedule schedule = InputSchedule.Load(Path.Combine(execution.InputDirectory, InputFile));
        execution.Progress.Report(new JobProgress(0, "image loaded"));

        var hook = new TickProgressHook(settings.Ticks, execution.Progress, canStopMidRun: settings.Threads == 1, execution.CancellationToken);
        var watch = Stopwatch.StartNew();
        using var simulator = new Simulator(image, new SimulatorOptions { Threads = settings.Threads, Timing = true, Hook = hook });
        RunResult run = simulator.Run(settings.Ticks, schedule);
        watch.Stop();
        execution.CancellationToken.ThrowIfCancellationRequested();

        var report = SimulationReport.From(image, run, simulator.WorkerCount, watch.Elapsed.TotalSeconds);
        Json.WriteFile(Path.Combine(execution.OutputDirectory, "report.json"), report);
        AtomicFile.WriteAllText(Path.Combine(execution.OutputDirectory, "report.html"), SummaryPage.Simulation(report, execution.JobId));
        File.Copy(imagePath, Path.Combine(execution.OutputDirectory, settings.ImageFile));
        var summary = new
        {
            ticks = report.Ticks,
            spikes = report.Counters.TotalSpikes,
            synapticOps = report.Counters.TotalSynapticOps,
            energyNj = Math.Round(report.Energy.TotalPj / 1000, 3),
        };
        return new JobOutput(
            [
                new JobOutputFile("report.json", "application/json"),
                new JobOutputFile("report.html", "text/html; charset=utf-8"),
                new JobOutputFile(settings.ImageFile, settings.ImageFile.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream"),
            ],
            JsonSerializer.Serialize(summary, Json.Compact));
    }

    private static (byte[] Bytes, string FileName, BuiltInExample? Example) SelectImage(JobSubmission submission)
    {
        bool uploaded = submission.Files.TryGetValue("image", out UploadedFile? file);
        string? unexpected = submission.Files.Keys.FirstOrDefault(k => k != "image");
        if (unexpected is not null)
        {
            throw new JobInputException(unexpected, $"A simulate job takes one file, in the form field 'image'; the field '{unexpected}' is not used.");
        }

        if (submission.Example is { } name)
        {
            if (uploaded)
            {
                throw new JobInputException("example", "Send either an 'image' file or an 'example' name, not both.");
            }

            BuiltInExample example = BuiltInExamples.Find(name)
                ?? throw new JobInputException("example", $"No built-in example '{name}'. Examples: {string.Join(", ", BuiltInExamples.All.Select(e => e.Name))}.");
            return (example.Image, $"example {example.Name}", example);
        }

        if (!uploaded || file is null)
        {
            throw new JobInputException("image", "No chip image: upload one in the form field 'image' (JSON or binary, as written by 'neurochip map') or name a built-in example in the field 'example'.");
        }

        if (file.Content.Length == 0)
        {
            throw new JobInputException("image", $"The uploaded image '{file.FileName}' is empty.");
        }

        return (file.Content, file.FileName, null);
    }

    private static bool LooksLikeJson(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        foreach (byte b in span)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'{';
        }

        return false;
    }

    private static ChipImage ParseImage(byte[] bytes, bool json, string fileName)
    {
        try
        {
            return json
                ? ChipImageJson.Deserialize(System.Text.Encoding.UTF8.GetString(bytes), fileName)
                : ChipImageBinary.Read(bytes, fileName);
        }
        catch (UserInputException e)
        {
            throw new JobInputException("image", e.Message);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException or IndexOutOfRangeException or OverflowException or FormatException)
        {
            throw new JobInputException("image", $"'{fileName}' is not a chip image: {e.Message} Upload the JSON or binary file written by 'neurochip map'.");
        }
    }

    private static SimulateOptions ParseOptions(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SimulateOptions();
        }

        try
        {
            return JsonSerializer.Deserialize<SimulateOptions>(text, Json.Options)
                ?? throw new JobInputException("options", "The options are JSON null; send an object such as {\"ticks\": 100}.");
        }
        catch (JsonException e)
        {
            string path = e.Path is null or "$" ? "options" : "options" + e.Path.TrimStart('$');
            string message = e.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new JobInputException(path, $"Invalid options at {path}: {(cut > 0 ? message[..cut] : message)}");
        }
    }

    /// <summary>An example's own input, cut to the ticks asked for (its pattern simply ends early on a shorter run).</summary>
    private static SimulateInput ParseExampleInput(string text, int ticks)
    {
        SimulateInput full = JsonSerializer.Deserialize<SimulateInput>(text, Json.Options) ?? new SimulateInput();
        return new SimulateInput
        {
            Spikes = full.Spikes.Where(s => s.Tick < ticks).ToList(),
            Currents = full.Currents.Where(c => c.Tick < ticks).ToList(),
        };
    }

    private static InputSchedule CheckInput(SimulateInput input, ChipImage image, int ticks)
    {
        var schedule = new InputSchedule();
        Dictionary<string, int> spikePorts = image.SpikeInputs.ToDictionary(p => p.Name, p => p.Channels.SourceCount, StringComparer.Ordinal);
        Dictionary<string, int> currentPorts = image.CurrentInputs.ToDictionary(p => p.Name, p => p.Neurons.Length, StringComparer.Ordinal);
        for (int k = 0; k < input.Spikes.Count; k++)
        {
            InputSpike s = input.Spikes[k];
            string at = $"options.input.spikes[{k}]";
            CheckEvent(at, s.Tick, s.Port, s.Channel, ticks, spikePorts, "spike input");
            schedule.AddSpike(s.Tick, s.Port, s.Channel, s.Payload == 0 ? 1 : s.Payload);
        }

        for (int k = 0; k < input.Currents.Count; k++)
        {
            InputCurrent c = input.Currents[k];
            string at = $"options.input.currents[{k}]";
            CheckEvent(at, c.Tick, c.Port, c.Channel, ticks, currentPorts, "current input");
            schedule.SetCurrent(c.Tick, c.Port, c.Channel, c.Value);
        }

        return schedule;
    }

    private static void CheckEvent(string at, int tick, string port, int channel, int ticks, Dictionary<string, int> ports, string what)
    {
        if (tick < 0 || tick >= ticks)
        {
            throw new JobInputException($"{at}.tick", $"{at}.tick = {tick}: must lie in 0..{ticks - 1} (the run has {ticks} ticks).");
        }

        if (!ports.TryGetValue(port, out int channels))
        {
            string known = ports.Count == 0 ? "none" : string.Join(", ", ports.Keys);
            throw new JobInputException($"{at}.port", $"{at}.port = '{port}': the image has no {what} port of that name. Ports: {known}.");
        }

        if (channel < 0 || channel >= channels)
        {
            throw new JobInputException($"{at}.channel", $"{at}.channel = {channel}: port '{port}' has channels 0..{channels - 1}.");
        }
    }
}
