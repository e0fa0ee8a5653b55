using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NeuroChip.Service.Hosting;

/// <summary>One Debug line per request (method, path, status, milliseconds); the framework's own per-request lines are kept at Warning.</summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            await next(context);
            return;
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string path = context.Request.Path.Value ?? "/";
            LogRequest(context.Request.Method, path, context.Response.StatusCode, elapsedMs);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} → {Status} in {ElapsedMs:F1} ms")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs);
}
