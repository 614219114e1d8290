namespace Cart.Web.Platform.Http;

/// <summary>
/// The C0 control characters (U+0000–U+001F) and DEL (U+007F). None belongs in any value of the API (a SKU, an id, a
/// search, a variant, a token's subject), and PostgreSQL cannot store a NUL in text at all: refused wherever a value
/// enters, the same on every database.
/// </summary>
internal static class ControlCharacters
{
    public static bool In(ReadOnlySpan<char> text) =>
        text.IndexOfAnyInRange('\u0000', '\u001f') >= 0 || text.Contains('\u007f');

    public static string Message(string field) => $"'{field}' may not hold control characters.";
}
