using Microsoft.AspNetCore.Http;
using NeuroChip.Service.Keys;

namespace NeuroChip.Service.Api;

/// <summary>
/// Every request under <c>/v1</c> must carry an active API key, as <c>X-Api-Key: nck_…</c> or
/// <c>Authorization: Bearer nck_…</c>; otherwise 401 with a problem-details body, before any body is read.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys)
{
    public const string HeaderName = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        string? token = Presented(context.Request);
        if (token is null)
        {
            await Refuse(context, "Missing API key", $"Send your API key in the '{HeaderName}' header or as 'Authorization: Bearer <key>'. Keys are created with 'neurochip serve keys create'.");
            return;
        }

        AuthenticatedKey? key = keys.Verify(token);
        if (key is null)
        {
            await Refuse(context, "Invalid API key", $"The key in '{HeaderName}' / 'Authorization' is not an active key of this server (unknown, revoked or mistyped).");
            return;
        }

        context.Items[typeof(AuthenticatedKey)] = key;
        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        string? header = request.Headers[HeaderName];
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        string? authorization = request.Headers.Authorization;
        const string bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            ? authorization[bearer.Length..].Trim()
            : null;
    }

    private static Task Refuse(HttpContext context, string title, string detail)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"neurochip\", ApiKey header=\"{HeaderName}\"";
        return Problems.Create(StatusCodes.Status401Unauthorized, title, detail, HeaderName).ExecuteAsync(context);
    }
}

/// <summary>The key the current request was authenticated with.</summary>
internal static class HttpContextKeys
{
    public static AuthenticatedKey ApiKey(this HttpContext context) =>
        context.Items[typeof(AuthenticatedKey)] as AuthenticatedKey
        ?? throw new InvalidOperationException("The endpoint ran without the API key middleware.");
}
