using System.Globalization;

namespace Cart.Web.Admin.Formats;

/// <summary>
/// RFC 4180 rows (comma-separated, CRLF, a field with a comma, quote or line break in double quotes, quotes doubled),
/// safe to open in a spreadsheet: a text cell starting with =, +, -, @ (or a tab or carriage return, which some
/// spreadsheets skip before reading a formula) is prefixed with an apostrophe, so it is read as text, never run.
/// Every CSV export of the console writes through this. A row is gathered in memory and reaches the writer only
/// asynchronously (<see cref="EndRowAsync"/>): a response stream refuses synchronous writes (Kestrel's
/// AllowSynchronousIO is off), and a synchronous write that filled the writer's buffer cut an export off midway.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private readonly System.Text.StringBuilder _row = new();
    private bool _rowStarted;

    /// <summary>A text cell: quoted when it must be, and neutralised when a spreadsheet would run it.</summary>
    public CsvWriter Text(string? value) => Field(Neutralised(value ?? string.Empty));

    public CsvWriter Number(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A cell this code formatted itself (a number, a time, a flag): quoted when it must be, never
    /// neutralised (a negative number stays a number).</summary>
    public CsvWriter Value(string formatted) => Field(formatted);

    /// <summary>Writes the row gathered so far, with its CRLF.</summary>
    public async Task EndRowAsync()
    {
        _row.Append("\r\n");
        await writer.WriteAsync(_row);
        _row.Clear();
        _rowStarted = false;
    }

    /// <summary>Prefixes a leading character a spreadsheet reads as the start of a formula with an apostrophe.</summary>
    public static string Neutralised(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>The field as RFC 4180 writes it.</summary>
    public static string Quoted(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private CsvWriter Field(string text)
    {
        if (_rowStarted)
        {
            _row.Append(',');
        }

        _rowStarted = true;
        _row.Append(Quoted(text));
        return this;
    }
}
