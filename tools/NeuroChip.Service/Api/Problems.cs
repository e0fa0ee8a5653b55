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

    public static IResult NotFound(string jobId) =>
        Create(StatusCodes.Status404NotFound, "Job not found", $"No job '{jobId}' belongs to this API key.", "id");

    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Upload too large",
        StatusCodes.Status422UnprocessableEntity => "Job cannot run",
        StatusCodes.Status429TooManyRequests => "Too many jobs",
        _ => "Invalid job submission",
    };
}
