using System.CommandLine;
using NeuroChip.Pipeline.Reports;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary><c>neurochip report RUN.json [--out report.html]</c>: regenerates the HTML page of a run report.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var report = new Argument<string>("report") { Description = "The report.json that 'neurochip run' wrote." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the HTML page. Default: report.html beside the JSON file." };
        var command = new Command("report", "Regenerate report.html from a run's report.json.") { report, output };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string source = parse.GetValue(report)!;
            string target = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source)) ?? ".", RunReportFiles.HtmlName);
            EventSim.Serialization.AtomicFile.EnsureDirectoryExists(target);
            RunReport run = RunReportFiles.Read(source);
            RunReportFiles.WriteHtml(target, run);
            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(target)}[/].");
            return 0;
        }));
        return command;
    }
}
