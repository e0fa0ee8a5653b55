using System.Net;
using System.Text;

namespace NeuroChip.Service.Jobs;

/// <summary>The frame the jobs' small self-contained HTML summaries share: head and style, title, name–value rows, encoding.</summary>
internal static class SummaryPage
{
    /// <summary>Opens the page: <c>&lt;title&gt;</c> and <c>&lt;h1&gt;</c> read "<paramref name="title"/> <paramref name="jobId"/>", then an open paragraph.</summary>
    public static StringBuilder Begin(string title, string jobId)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(' ')
            .Append(E(jobId)).Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
            .Append("th{background:#f2f2f2}td.l,th.l{text-align:left}</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append(' ').Append(E(jobId)).Append("</h1>\n<p>");
        return html;
    }

    /// <summary>Closes the last table and the page.</summary>
    public static string End(StringBuilder html) => html.Append("</table>\n</body></html>\n").ToString();

    public static string Row(string name, string value) => $"<tr><td class=\"l\">{E(name)}</td><td>{E(value)}</td></tr>";

    public static string E(string text) => WebUtility.HtmlEncode(text);
}
