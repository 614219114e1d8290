using System.Globalization;

namespace Cart.Web.Admin.Merchandising;

/// <summary>
/// RFC 4180 rows (comma-separated, CRLF, a field with a comma, quote or line break in double quotes, quotes doubled),
/// safe to open in a spreadsheet: a text cell starting with =, +, -, @ (or a tab or carriage return, which some
/// spreadsheets skip before reading a formula) is prefixed with an apostrophe, so it is read as text, never run.
/// </summary>
internal sealed class CsvWriter(TextWriter writer)
{
    private bool _rowStarted;

    public CsvWriter Text(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return Field(text);
    }

    public CsvWriter Number(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public async Task EndRowAsync()
    {
        await writer.WriteAsync("\r\n");
        _rowStarted = false;
    }

    private CsvWriter Field(string text)
    {
        if (_rowStarted)
        {
            writer.Write(',');
        }

        _rowStarted = true;
        if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            writer.Write('"');
            writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        else
        {
            writer.Write(text);
        }

        return this;
    }
}
