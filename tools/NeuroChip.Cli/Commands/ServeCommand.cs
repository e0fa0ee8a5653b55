using System.CommandLine;
using System.Globalization;
using NeuroChip.Service.Hosting;
using NeuroChip.Service.Keys;
using Spectre.Console;

namespace NeuroChip.Cli.Commands;

/// <summary>
/// <c>neurochip serve [--urls U] [--data-dir D] [--workers N] [--queue-capacity N]</c> runs the job
/// service; <c>neurochip serve keys create|list|revoke</c> manages its API keys in the same database.
/// </summary>
internal static class ServeCommand
{
    private const string DefaultDataDirectory = "neurochip-service";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated. Loopback only unless you name another address.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var dataDir = DataDirectoryOption();
        var workers = new Option<int>("--workers") { Description = "Jobs run at the same time.", DefaultValueFactory = _ => 2 };
        var capacity = new Option<int>("--queue-capacity") { Description = "Jobs that may wait; one more is refused with 429.", DefaultValueFactory = _ => 64 };
        var defaults = new ServiceOptions();
        var maxRequest = new Option<long>("--max-request-bytes") { Description = "Largest request body read at all, whatever a key's upload limit.", DefaultValueFactory = _ => defaults.MaxRequestBytes };
        var retryAfter = new Option<int>("--retry-after") { Description = "Seconds a client refused with 429 is told to wait.", DefaultValueFactory = _ => defaults.RetryAfterSeconds };
        var keepDays = new Option<int>("--keep-days") { Description = "Delete finished jobs and their files this many days after they ended (0 = keep).", DefaultValueFactory = _ => defaults.KeepDays };
        var quota = new Option<long>("--quota-bytes") { Description = "Bytes one API key's jobs may hold on disk; more is refused with 403 until jobs are deleted.", DefaultValueFactory = _ => defaults.QuotaBytesPerKey };
        var rate = new Option<int>("--requests-per-second") { Description = "Requests per second per API key (twice as many in a burst); more get 429.", DefaultValueFactory = _ => defaults.RequestsPerSecondPerKey };

        var command = new Command("serve", "Run the simulation service: an HTTP job API with a dashboard, backed by SQLite.") { urls, dataDir, workers, capacity, maxRequest, retryAfter, keepDays, quota, rate };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string[] args =
            [
                "--urls", parse.GetValue(urls)!,
                "--data-dir", parse.GetValue(dataDir)!,
                "--workers", parse.GetValue(workers).ToString(CultureInfo.InvariantCulture),
                "--queue-capacity", parse.GetValue(capacity).ToString(CultureInfo.InvariantCulture),
                "--max-request-bytes", parse.GetValue(maxRequest).ToString(CultureInfo.InvariantCulture),
                "--retry-after", parse.GetValue(retryAfter).ToString(CultureInfo.InvariantCulture),
                "--keep-days", parse.GetValue(keepDays).ToString(CultureInfo.InvariantCulture),
                "--quota-bytes", parse.GetValue(quota).ToString(CultureInfo.InvariantCulture),
                "--requests-per-second", parse.GetValue(rate).ToString(CultureInfo.InvariantCulture),
            ];
            ServiceHost.Build(args).Run();
            return 0;
        }));
        command.Subcommands.Add(KeysCommand());
        return command;
    }

    private static Option<string> DataDirectoryOption() =>
        new("--data-dir") { Description = "Directory of the service database and job files.", DefaultValueFactory = _ => DefaultDataDirectory };

    private static Command KeysCommand()
    {
        var keys = new Command("keys", "Create, list and revoke API keys (stored as salted SHA-256 hashes).");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(ListKeys());
        keys.Subcommands.Add(RevokeKey());
        return keys;
    }

    private static Command CreateKey()
    {
        KeyLimits defaults = KeyLimits.Default;
        var name = new Option<string>("--name") { Description = "Who or what uses the key.", Required = true };
        var dataDir = DataDirectoryOption();
        var upload = new Option<long>("--max-upload-bytes") { Description = "Largest upload per job (413 above).", DefaultValueFactory = _ => defaults.MaxUploadBytes };
        var neurons = new Option<int>("--max-neurons") { Description = "Most neurons in one job's chip image.", DefaultValueFactory = _ => defaults.MaxNeurons };
        var ticks = new Option<int>("--max-ticks") { Description = "Most ticks in one job.", DefaultValueFactory = _ => defaults.MaxTicks };
        var concurrent = new Option<int>("--max-concurrent-jobs") { Description = "Most jobs queued or running at once.", DefaultValueFactory = _ => defaults.MaxConcurrentJobs };
        var command = new Command("create", "Create a key and print it once.") { name, dataDir, upload, neurons, ticks, concurrent };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var limits = new KeyLimits
            {
                MaxUploadBytes = parse.GetValue(upload),
                MaxNeurons = parse.GetValue(neurons),
                MaxTicks = parse.GetValue(ticks),
                MaxConcurrentJobs = parse.GetValue(concurrent),
            };
            CreatedApiKey created = KeyAdministration.Create(parse.GetValue(dataDir)!, parse.GetValue(name)!, limits);
            AnsiConsole.MarkupLine($"Created key [bold]{Markup.Escape(created.Key.Id)}[/] for {Markup.Escape(created.Key.Name)}. It is shown only now; store it safely:");
            Console.WriteLine(created.Token);
            return 0;
        }));
        return command;
    }

    private static Command ListKeys()
    {
        var dataDir = DataDirectoryOption();
        var command = new Command("list", "List keys with their limits (never the secrets).") { dataDir };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var table = new Table().AddColumns("id", "name", "created", "revoked", "max upload (bytes)", "max neurons", "max ticks", "max concurrent jobs");
            foreach (ApiKeyInfo key in KeyAdministration.List(parse.GetValue(dataDir)!))
            {
                table.AddRow(
                    Markup.Escape(key.Id),
                    Markup.Escape(key.Name),
                    key.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                    key.RevokedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "",
                    key.Limits.MaxUploadBytes.ToString("N0", CultureInfo.InvariantCulture),
                    key.Limits.MaxNeurons.ToString("N0", CultureInfo.InvariantCulture),
                    key.Limits.MaxTicks.ToString("N0", CultureInfo.InvariantCulture),
                    key.Limits.MaxConcurrentJobs.ToString(CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("id") { Description = "The key's id, as 'keys list' shows it." };
        var dataDir = DataDirectoryOption();
        var command = new Command("revoke", "Revoke a key; requests with it get 401 from then on.") { id, dataDir };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string keyId = parse.GetValue(id)!;
            if (!KeyAdministration.Revoke(parse.GetValue(dataDir)!, keyId))
            {
                throw new NeuroChip.EventSim.UserInputException($"No active key '{keyId}'. Run 'neurochip serve keys list' to see the ids.");
            }

            AnsiConsole.MarkupLine($"Revoked key [bold]{Markup.Escape(keyId)}[/].");
            return 0;
        }));
        return command;
    }
}
