using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace NeuroChip.Service.Api;

/// <summary>
/// RFC 7807 problem details with the offending field named twice: as <c>field</c> and as the single
/// key of <c>errors</c> (the shape ASP.NET validation problems use), so clients can point at it.
/// </summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail, string field)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}",
        };
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// Refusals the framework makes before a handler runs (no matching route, wrong method, a body
    /// that is not multipart/form-data) get the same <c>field</c> and <c>errors</c> members.
    /// </summary>
    public static void NameFrameworkField(ProblemDetailsContext context)
    {
        ProblemDetails problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("field"))
        {
            return;
        }

        (string field, string detail) = problem.Status switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("Content-Type", "Send the job as multipart/form-data with the fields 'kind', 'example' or 'image', and 'options'."),
            StatusCodes.Status405MethodNotAllowed => ("method", $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}."),
            StatusCodes.Status404NotFound => ("path", $"Nothing is served at {context.HttpContext.Request.Path}; the API lives under /v1 (see /openapi/v1.json)."),
            _ => ("request", problem.Detail ?? problem.Title ?? "The request was refused."),
        };
        problem.Detail ??= detail;
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail] };
    }

    public static IResult NotFound(string jobId) =>
        Create(StatusCodes.Status404NotFound, "Job not found", $"No job '{jobId}' belongs to this API key.", "id");

    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status403Forbidden => "Storage quota reached",
        StatusCodes.Status413PayloadTooLarge => "Upload too large",
        StatusCodes.Status422UnprocessableEntity => "Job cannot run",
        StatusCodes.Status429TooManyRequests => "Too many jobs",
        _ => "Invalid job submission",
    };
}
