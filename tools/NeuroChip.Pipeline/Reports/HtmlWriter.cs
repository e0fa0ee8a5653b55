using System.Globalization;
using System.Net;
using System.Text;

namespace NeuroChip.Pipeline.Reports;

/// <summary>
/// Builds the report page. Every number shown is a <c>&lt;span class="num"&gt;</c> whose <c>data-key</c> is the value's
/// JSON path in report.json (e.g. <c>accuracy[0].chipSnn</c>), whose <c>data-value</c> is the exact value, and whose
/// <c>data-scale</c> is the factor between that value and the text shown (100 for percentages, 0.001 for nJ).
/// </summary>
internal sealed class HtmlWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly StringBuilder html = new();

    public HtmlWriter Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    public HtmlWriter Text(string text)
    {
        html.Append(WebUtility.HtmlEncode(text));
        return this;
    }

    public HtmlWriter Element(string tag, string text, string? attributes = null)
    {
        html.Append('<').Append(tag);
        if (attributes is not null)
        {
            html.Append(' ').Append(attributes);
        }

        html.Append('>').Append(WebUtility.HtmlEncode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A number bound to <paramref name="key"/>: shown as <c>value × scale</c> in <paramref name="format"/>, then <paramref name="unit"/>.</summary>
    public HtmlWriter Number(string key, double value, string format, double scale = 1, string unit = "")
    {
        html.Append("<span class=\"num\" data-key=\"").Append(WebUtility.HtmlEncode(key))
            .Append("\" data-value=\"").Append(value.ToString("R", Invariant))
            .Append("\" data-scale=\"").Append(scale.ToString("R", Invariant)).Append("\">")
            .Append(WebUtility.HtmlEncode((value * scale).ToString(format, Invariant)));
        if (unit.Length > 0)
        {
            html.Append(' ').Append(WebUtility.HtmlEncode(unit));
        }

        html.Append("</span>");
        return this;
    }

    /// <summary>A table cell holding <see cref="Number"/>.</summary>
    public HtmlWriter NumberCell(string key, double value, string format, double scale = 1, string unit = "")
    {
        html.Append("<td>");
        Number(key, value, format, scale, unit);
        html.Append("</td>");
        return this;
    }

    public HtmlWriter TextCell(string text) => Element("td", text);

    public HtmlWriter HeaderRow(params string[] headers)
    {
        html.Append("<tr>");
        foreach (string h in headers)
        {
            Element("th", h);
        }

        html.Append("</tr>");
        return this;
    }

    public HtmlWriter Image(PlotImage plot)
    {
        html.Append(Invariant, $"<figure><img id=\"{plot.Id}\" class=\"plot\" width=\"{plot.WidthPx}\" height=\"{plot.HeightPx}\" alt=\"")
            .Append(WebUtility.HtmlEncode(plot.Title))
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(plot.Png)).Append("\"></figure>");
        return this;
    }

    public override string ToString() => html.ToString();
}
