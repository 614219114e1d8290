namespace Cart.Web.Platform.Http;

/// <summary>
/// Endpoint metadata: the route takes no request body (API.md's table of routes shows "–"), and
/// <see cref="NoRequestBodyMiddleware"/> refuses one, whatever its type, before the route runs.
/// </summary>
internal sealed class NoRequestBody
{
    public static readonly NoRequestBody Instance = new();

    private NoRequestBody()
    {
    }
}

internal static class NoRequestBodyExtensions
{
    /// <summary>A request to this endpoint with a body gets 400 <c>validation_failed</c> and is not run.</summary>
    public static TBuilder TakesNoBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(NoRequestBody.Instance);
}
