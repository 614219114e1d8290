using System.ComponentModel.DataAnnotations;
using Cart.Domain.Common;
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
        [FromQuery][StringLength(ListProducts.MaxSearchLength, ErrorMessage = "{0} is at most {1} characters.")]
        string? search,
        [FromQuery][Range(1, ListProducts.MaxPage, ErrorMessage = "{0} is {1} to {2}.")] int? page,
        [FromQuery][Range(1, ListProducts.MaxPageSize, ErrorMessage = "{0} is {1} to {2}.")] int? pageSize,
        ListProducts handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(search, page, pageSize, cancellationToken));

    private static async Task<Ok<ProductDocument>> Get(
        [StringLength(Sku.MaxLength, MinimumLength = 1, ErrorMessage = Sku.Rule)]
        [RegularExpression(Sku.Pattern, ErrorMessage = Sku.Rule)]
        string sku,
        GetProduct handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(sku, cancellationToken));
}
