using Cart.Web.Platform.Problems;
using Microsoft.Net.Http.Headers;

namespace Cart.Web.Carts;

/// <summary>The cart's version as an HTTP entity tag: If-Match for writes, If-None-Match for reads.</summary>
internal static class CartVersionHeaders
{
    /// <summary>
    /// The test a write's If-Match puts on the cart's current version, or null when the request has none.
    /// Strong comparison (RFC 9110 §13.1.1): a weak tag never matches.
    /// </summary>
    public static Func<long, bool>? IfMatch(HttpRequest request)
    {
        var tags = Parse(request, HeaderNames.IfMatch);
        if (tags is null)
        {
            return null;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return _ => true;
        }

        return version => tags.Any(t => !t.IsWeak && t.Tag.Equals(TagOf(version), StringComparison.Ordinal));
    }

    /// <summary>True when the client already holds this version (weak comparison, RFC 9110 §13.1.2).</summary>
    public static bool IfNoneMatchHits(HttpRequest request, long version)
    {
        var tags = Parse(request, HeaderNames.IfNoneMatch);
        return tags is not null && tags.Any(t =>
            t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(TagOf(version), StringComparison.Ordinal));
    }

    public static string TagOf(long version) => $"\"{version}\"";

    private static IList<EntityTagHeaderValue>? Parse(HttpRequest request, string header)
    {
        var values = request.Headers[header];
        if (values.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            throw RequestValidationException.For(header, $"{header} is a list of entity tags such as \"7\".");
        }

        return tags;
    }
}
