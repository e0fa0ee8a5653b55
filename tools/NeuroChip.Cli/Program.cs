using System.CommandLine;
using NeuroChip.Cli.Commands;

var root = new RootCommand("NeuroChip: compile networks onto neuromorphic chips, simulate them tick by tick, learn on the chip, and report spikes, energy and time.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
root.Subcommands.Add(MapCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ContinualCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
return root.Parse(args).Invoke();
