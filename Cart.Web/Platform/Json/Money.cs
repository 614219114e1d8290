namespace Cart.Web.Platform.Json;

/// <summary>How amounts are written in the API: in the currency's units, without the stored scale's zeros.</summary>
internal static class Money
{
    /// <summary>Drops the trailing zeros of the stored scale: 29.9900 is written as 29.99, 250000.0000 as 250000.</summary>
    public static decimal Normalize(decimal amount) => amount / 1.000000000000000000000000000000000m;
}
