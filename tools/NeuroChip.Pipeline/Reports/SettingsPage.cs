using System.Net;
using System.Text;

namespace NeuroChip.Pipeline.Reports;

/// <summary>
/// The frame the learning and continual-learning report pages share: head and style, a heading, a settings table of
/// name–value rows, and the closing tags. Every text goes through HTML encoding.
/// </summary>
internal static class SettingsPage
{
    /// <summary>Opens the page (<paramref name="extraStyle"/> is appended to the shared style) and writes the heading, then opens the settings table.</summary>
    public static StringBuilder Begin(string title, string heading, string maxWidth, string extraStyle = "")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:").Append(maxWidth).Append("}table{border-collapse:collapse;margin:1rem 0}")
            .Append("td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}")
            .Append(extraStyle)
            .Append("</style></head><body>");
        html.Append("<h1>").Append(Encode(heading)).Append("</h1>");
        html.Append("<table><tr><th>setting</th><th>value</th></tr>");
        return html;
    }

    public static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(Encode(name)).Append("</td><td>").Append(Encode(value)).Append("</td></tr>");

    public static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    public static string Encode(string s) => WebUtility.HtmlEncode(s);
}
