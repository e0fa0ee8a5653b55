using Microsoft.AspNetCore.Http;

namespace NeuroChip.Service.Jobs;

/// <summary>
/// A submission the service refuses: <see cref="Field"/> names the offending form field or JSON path
/// (<c>image</c>, <c>options.ticks</c>, <c>options.input.spikes[3].port</c>), the message says what
/// was wrong and what to do, and <see cref="StatusCode"/> is the HTTP status it maps to.
/// </summary>
internal sealed class JobInputException : Exception
{
    public JobInputException(string field, string message, int statusCode = StatusCodes.Status400BadRequest)
        : base(message)
    {
        Field = field;
        StatusCode = statusCode;
    }

    public JobInputException() : this("request", "The request was refused.") { }

    public JobInputException(string message) : this("request", message) { }

    public JobInputException(string message, Exception inner) : base(message, inner)
    {
        Field = "request";
        StatusCode = StatusCodes.Status400BadRequest;
    }

    public string Field { get; }

    public int StatusCode { get; }
}
