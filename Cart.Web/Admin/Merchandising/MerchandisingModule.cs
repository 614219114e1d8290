namespace Cart.Web.Admin.Merchandising;

/// <summary>The merchandisers' part of the console that is not a page: the holds export.</summary>
internal static class MerchandisingModule
{
    public static IEndpointRouteBuilder MapMerchandising(this IEndpointRouteBuilder routes) => routes.MapHoldsCsv();
}
