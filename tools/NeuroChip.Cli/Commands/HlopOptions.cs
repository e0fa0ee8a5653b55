using System.CommandLine;
using System.Globalization;
using NeuroChip.EventSim;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.Cli.Commands;

/// <summary>The <c>--hlop-*</c> options that <c>train --rule hlop</c> and <c>continual</c> share, and the <see cref="HlopSpec"/> they make.</summary>
internal sealed class HlopOptions
{
    private readonly Option<string> firstRows = new("--hlop-first") { DefaultValueFactory = _ => "80,200,100", Description = "HLOP rows added at task 1, per weight layer." };
    private readonly Option<string> laterRows = new("--hlop-later") { DefaultValueFactory = _ => "70,70,70", Description = "HLOP rows added at each later task, per weight layer (20 fewer every third task)." };
    private readonly Option<string> rates = new("--hlop-rates") { DefaultValueFactory = _ => "0.001,0.01", Description = "HLOP Hebbian rates η_H per weight layer (the last repeats)." };
    private readonly Option<int> iterations = new("--hlop-iterations") { DefaultValueFactory = _ => 5, Description = "HLOP passes of (y, x̂, update) over each batch." };
    private readonly Option<int> batch = new("--hlop-batch") { DefaultValueFactory = _ => 64, Description = "HLOP samples per subspace update (1 needs no batch register on the chip)." };
    private readonly Option<double> momentum = new("--hlop-momentum") { DefaultValueFactory = _ => 0.9, Description = "HLOP momentum μ of the subspace update (0 = none)." };
    private readonly Option<int> lateralTicks = new("--hlop-lateral-ticks") { DefaultValueFactory = _ => 0, Description = "Spiking lateral neurons: y as a signed spike count over this many ticks (0 = analog y)." };

    public IEnumerable<Option> All => [firstRows, laterRows, rates, iterations, batch, momentum, lateralTicks];

    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    public HlopSpec Parse(ParseResult parse, int seed) => new()
    {
        FirstTaskRows = OptionParsing.Integers("--hlop-first", parse.GetValue(firstRows)!),
        LaterTaskRows = OptionParsing.Integers("--hlop-later", parse.GetValue(laterRows)!),
        HebbianRates = parse.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.TryParse(t, CultureInfo.InvariantCulture, out double v) ? v : throw new UserInputException($"--hlop-rates '{t}': not a number.")).ToList(),
        Iterations = parse.GetValue(iterations),
        BatchSize = parse.GetValue(batch),
        Momentum = parse.GetValue(momentum),
        LateralTicks = parse.GetValue(lateralTicks),
        Seed = seed,
    };
}
