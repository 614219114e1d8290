using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Web.Catalog;

internal static class ProductEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder routes)
    {
        var products = routes.MapGroup("/api/v1/products")
            .WithTags("Catalog")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        products.MapGet("/", List)
            .WithName("ListProducts")
            .WithSummary("Pages through the public catalog.");
        products.MapGet("/{sku}", Get)
            .WithName("GetProduct")
            .WithSummary("One product, with its current price.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<ProductPage>> List(
        [FromQuery][StringLength(ListProducts.MaxSearchLength)] string? search,
        [FromQuery][Range(1, ListProducts.MaxPage)] int? page,
        [FromQuery][Range(1, ListProducts.MaxPageSize)] int? pageSize, ListProducts handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(search, page, pageSize, cancellationToken));

    private static async Task<Ok<ProductDocument>> Get(string sku, GetProduct handler,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(sku, cancellationToken));
}
