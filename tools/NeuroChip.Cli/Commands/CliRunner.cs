using NeuroChip.EventSim;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary>Runs a verb's body: user errors become one clear message on stderr and exit code 2, never a stack trace.</summary>
internal static class CliRunner
{
    public const int UserError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UserInputException e)
        {
            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            err.Profile.Width = 4096; // one message, one line: never wrap at the terminal's width
            err.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return UserError;
        }
    }
}
