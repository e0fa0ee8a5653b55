using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using NeuroChip.Service.Api;
using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Hosting;

/// <summary>
/// Request rate limiting: a token bucket per API key (per client address for requests without one),
/// refilled with <see cref="ServiceOptions.RequestsPerSecondPerKey"/> tokens a second and holding
/// twice that for bursts. A refused request gets 429, a Retry-After header and a problem-details body.
/// Runs after the API-key middleware, so a key's budget is its own whatever address it comes from.
/// </summary>
internal static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, ServiceOptions options)
    {
        int perSecond = options.RequestsPerSecondPerKey;
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(
                Partition(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 2 * perSecond,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = (context, cancellationToken) =>
            {
                HttpContext http = context.HttpContext;
                TimeSpan wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retry) ? retry : TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                ServiceMetrics.RequestRejected(http.RequestServices, "rate");
                return new ValueTask(Problems.Create(
                    StatusCodes.Status429TooManyRequests,
                    "Too many requests",
                    $"This API key may make {perSecond} requests a second ({2 * perSecond} in a burst). Retry after the time in the Retry-After header.",
                    "request").ExecuteAsync(http));
            };
        });
        return services;
    }

    private static string Partition(HttpContext http) =>
        http.Items[typeof(AuthenticatedKey)] is AuthenticatedKey key ? "key:" + key.Id : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
