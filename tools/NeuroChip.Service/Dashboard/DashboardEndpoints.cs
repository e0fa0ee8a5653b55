using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NeuroChip.Service.Dashboard;

/// <summary>
/// The dashboard: one static page with its script and style, embedded in the assembly. It holds no
/// data itself; the key is typed into the page, kept in sessionStorage and sent with each API call.
/// </summary>
internal static class DashboardEndpoints
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; frame-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/dashboard")).ExcludeFromDescription();
        app.MapGet("/dashboard", (HttpContext http) => Asset(http, "dashboard.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard/app.js", (HttpContext http) => Asset(http, "app.js", "text/javascript; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard/app.css", (HttpContext http) => Asset(http, "app.css", "text/css; charset=utf-8")).ExcludeFromDescription();
    }

    private static IResult Asset(HttpContext http, string name, string contentType)
    {
        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(Load(name), contentType);
    }

    private static byte[] Load(string name)
    {
        using Stream stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream($"NeuroChip.Service.Dashboard.{name}")
            ?? throw new InvalidOperationException($"The service assembly lacks the dashboard asset '{name}'; rebuild it.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
