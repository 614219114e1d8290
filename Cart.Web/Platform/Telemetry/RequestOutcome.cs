namespace Cart.Web.Platform.Telemetry;

/// <summary>
/// What a request came to, as the client sees it: <c>success</c> or the <c>code</c> of the problem it got. Set where
/// the answer is decided (the problem writer, the cart operations filter) and read by the request log.
/// </summary>
internal static class RequestOutcome
{
    public const string Success = "success";

    private static readonly object Key = new();

    public static void Set(HttpContext context, string outcome) => context.Items[Key] = outcome;

    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var outcome) && outcome is string text
            ? text
            : context.Response.StatusCode < StatusCodes.Status400BadRequest ? Success : "error";
}
