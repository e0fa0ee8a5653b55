using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using NeuroChip.EventSim;
using NeuroChip.Service.Api;
using NeuroChip.Service.Dashboard;
using NeuroChip.Service.Jobs;
using NeuroChip.Service.Keys;
using NeuroChip.Service.Queue;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Hosting;

/// <summary>
/// Builds the service: configuration and its checks, JSON console logs, the SQLite store, the queue
/// and its workers, the API, the dashboard and the OpenAPI document. <c>neurochip serve</c> and the
/// service's own executable both come through here.
/// </summary>
public static class ServiceHost
{
    /// <summary>Command-line flags and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--urls"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.Urls)}",
        ["--data-dir"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.DataDirectory)}",
        ["--workers"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.Workers)}",
        ["--queue-capacity"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.QueueCapacity)}",
        ["--retry-after"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.RetryAfterSeconds)}",
        ["--max-request-bytes"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.MaxRequestBytes)}",
        ["--keep-days"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.KeepDays)}",
        ["--quota-bytes"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.QuotaBytesPerKey)}",
        ["--requests-per-second"] = $"{ServiceOptions.Section}:{nameof(ServiceOptions.RequestsPerSecondPerKey)}",
    };

    /// <summary>
    /// Builds the application from command-line style arguments (the flags in <see cref="Switches"/>,
    /// plus any <c>--Section:Key value</c>, e.g. <c>--Logging:LogLevel:Default Warning</c>). Invalid
    /// options throw a <see cref="UserInputException"/> naming each offending option.
    /// <paramref name="configureServices"/>, when given, runs after the service's own registrations: a
    /// program that embeds the service can add or replace job kinds (<c>IJobKind</c>) or the time source.
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddEnvironmentVariables("NEUROCHIP_");
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary(p => p.Key, p => p.Value));

        ServiceOptions options = ReadOptions(builder.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = false;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        builder.WebHost.UseUrls(options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });

        IServiceCollection services = builder.Services;
        services.AddSingleton<IValidateOptions<ServiceOptions>, ServiceOptionsValidator>();
        services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection(ServiceOptions.Section)).ValidateOnStart();
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxRequestBytes);
        services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails(p => p.CustomizeProblemDetails = Problems.NameFrameworkField);
        services.AddServiceOpenApi();
        services.AddRequestLimits(options);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServiceMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ServiceDatabase(options.DataDirectory));
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobPaths>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobUpdates>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<IJobKind, SimulateJobKind>();
        services.AddSingleton<NeuroChip.Data.DatasetCache>();
        services.AddSingleton<IJobKind, RunJobKind>();
        services.AddSingleton<IJobKind, MapJobKind>();
        services.AddSingleton<JobKindRegistry>();

        // Deliberate: a background service that faults is logged and the host keeps serving. Workers
        // end every job themselves (JobRunner), so this is the last line, not the mechanism.
        services.Configure<HostOptions>(h => h.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        services.AddSingleton<StorageJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageJanitor>());
        services.AddHostedService<QueueRecovery>();
        for (int w = 0; w < options.Workers; w++)
        {
            int index = w;
            services.AddSingleton<IHostedService>(sp => new JobWorker(index, sp.GetRequiredService<JobQueue>(), sp.GetRequiredService<JobRunner>(), sp.GetRequiredService<ILogger<JobWorker>>()));
        }

        configureServices?.Invoke(services);
        WebApplication app = builder.Build();
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        app.UseOpenTelemetryPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/health", (JobQueue queue, JobStore store) => store.Ping()
                ? Results.Ok(new HealthResponse("ok", queue.Count, queue.Capacity, options.Workers))
                : Results.Json(new HealthResponse("database unavailable", queue.Count, queue.Capacity, options.Workers), statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("service").WithSummary("Health: the server answers, its database answers a read, its queue is readable (503 when the database does not).");
        app.MapJobApi();
        app.MapDashboard();
        return app;
    }

    /// <summary>Builds and runs until stopped; user errors print one line and return exit code 2.</summary>
    public static int Run(string[] args)
    {
        try
        {
            Build(args).Run();
            return 0;
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static ServiceOptions ReadOptions(IConfiguration configuration)
    {
        ServiceOptions options;
        try
        {
            options = configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new UserInputException($"Invalid service option: {e.Message}", e);
        }

        ValidateOptionsResult result = new ServiceOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new UserInputException("Invalid service options:\n  " + string.Join("\n  ", result.Failures));
        }

        return options;
    }
}
