using System.CommandLine;
using NeuroChip.Cli.Commands;

var root = new RootCommand("NeuroChip: compile networks onto neuromorphic chips, simulate them tick by tick, and report spikes, energy and time.");
root.Subcommands.Add(MapCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
return root.Parse(args).Invoke();
