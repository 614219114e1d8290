using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Cart.Domain.Common;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Http;
using Cart.Web.Platform.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Web.Carts;

internal static class CartEndpoints
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder routes)
    {
        var cart = routes.MapGroup("/api/v1/cart")
            .WithTags("Cart")
            .RequireAuthorization()
            .AddEndpointFilter<CartOperationMetricsFilter>()
            .AddEndpointFilter<OwnerQueryFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        cart.MapGet("/", GetCart)
            .WithName("GetCart")
            .WithSummary("The caller's cart; an owner with no cart gets an empty one.")
            .Produces(StatusCodes.Status304NotModified);

        var writes = cart.MapGroup("/")
            .AddEndpointFilter<IdempotencyFilter>()
            .AddEndpointFilter<RememberShopperEmailFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        writes.MapPost("/items", AddItem)
            .WithName("AddCartItem")
            .WithSummary("Adds a product; an existing line's quantity grows by the quantity.");
        writes.MapPut("/items/{sku}", UpdateItem)
            .WithName("UpdateCartItem")
            .WithSummary("Sets a line's quantity.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/items/{sku}", RemoveItem)
            .WithName("RemoveCartItem")
            .WithSummary("Removes a line.")
            .TakesNoBody()
            .ProducesProblem(StatusCodes.Status404NotFound);
        writes.MapDelete("/", Clear)
            .WithName("ClearCart")
            .WithSummary("Empties the cart.")
            .TakesNoBody();
        writes.MapPost("/checkout", Checkout)
            .WithName("CheckoutCart")
            .WithSummary("Turns the cart into an order (Idempotency-Key required): holds sold, prices checked, cart closed.")
            .RequireIdempotencyKey()
            .TakesNoBody()
            .Produces<OrderDocument>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        writes.MapPost("/merge", Merge)
            .WithName("MergeGuestCart")
            .WithSummary("Merges a guest cart into the signed-in shopper's cart (shopper tokens only).")
            .RequireAuthorization(CartSchemes.ShopperOnlyPolicy);
        writes.MapPost("/prices/accept", AcceptPrices)
            .WithName("AcceptCartPrices")
            .WithSummary("Sets the named lines' unitPrice (every line's when skus is left out) to the current price.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGroup("/api/v1/orders")
            .WithTags("Orders")
            .RequireAuthorization()
            .AddEndpointFilter<OwnerQueryFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .MapGet("/{orderId}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("An order, to its owner.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<Ok<CartDocument>, StatusCodeHttpResult>> GetCart(
        ClaimsPrincipal user, HttpContext http, GetCart handler, CancellationToken cancellationToken)
    {
        var (version, document) = await handler.HandleAsync(user.GetCartOwner(),
            v => CartVersionHeaders.IfNoneMatchHits(http.Request, v), cancellationToken);
        SetCartHeaders(http, CartVersionHeaders.TagOf(version));
        return document is null
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(document);
    }

    private static async Task<Ok<CartDocument>> AddItem([FromBody] AddItemRequest request, ClaimsPrincipal user,
        HttpContext http, AddItemToCart handler, CancellationToken cancellationToken) =>
        Done(http, await handler.HandleAsync(user.GetCartOwner(), request, IfMatch(http), cancellationToken));

    private static async Task<Ok<CartDocument>> UpdateItem(
        [StringLength(Sku.MaxLength, MinimumLength = 1, ErrorMessage = Sku.Rule)]
        [RegularExpression(Sku.Pattern, ErrorMessage = Sku.Rule)]
        string sku,
        [FromBody] UpdateItemRequest request, ClaimsPrincipal user, HttpContext http, UpdateCartItem handler,
        CancellationToken cancellationToken) =>
        Done(http, await handler.HandleAsync(user.GetCartOwner(), sku, request, IfMatch(http), cancellationToken));

    private static async Task<Ok<CartDocument>> RemoveItem(
        [StringLength(Sku.MaxLength, MinimumLength = 1, ErrorMessage = Sku.Rule)]
        [RegularExpression(Sku.Pattern, ErrorMessage = Sku.Rule)]
        string sku,
        ClaimsPrincipal user, HttpContext http, RemoveCartItem handler, CancellationToken cancellationToken) =>
        Done(http, await handler.HandleAsync(user.GetCartOwner(), sku, IfMatch(http), cancellationToken));

    private static async Task<Ok<CartDocument>> Clear(ClaimsPrincipal user, HttpContext http, ClearCart handler,
        CancellationToken cancellationToken) =>
        Done(http, await handler.HandleAsync(user.GetCartOwner(), IfMatch(http), cancellationToken));

    private static async Task<Ok<CartDocument>> Merge([FromBody] MergeCartRequest request, ClaimsPrincipal user,
        HttpContext http, MergeGuestCart handler, CancellationToken cancellationToken) =>
        Done(http, await handler.HandleAsync(user.GetCartOwner(), request, IfMatch(http), cancellationToken));

    private static async Task<Created<OrderDocument>> Checkout(ClaimsPrincipal user, HttpContext http,
        CheckoutCart handler, CancellationToken cancellationToken)
    {
        var response = await handler.HandleAsync(user.GetCartOwner(), IfMatch(http), cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created(response.Location, response.Body);
    }

    private static async Task<Ok<OrderDocument>> GetOrder(string orderId, ClaimsPrincipal user, HttpContext http,
        GetOrder handler, CancellationToken cancellationToken)
    {
        var order = await handler.HandleAsync(user.GetCartOwner(), orderId, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(order);
    }

    private static async Task<Ok<CartDocument>> AcceptPrices(
        [FromBody] AcceptPricesRequest request, ClaimsPrincipal user, HttpContext http, AcceptCartPrices handler,
        CancellationToken cancellationToken) =>
        Done(http, await handler.HandleAsync(user.GetCartOwner(), request, IfMatch(http), cancellationToken));

    private static Func<long, bool>? IfMatch(HttpContext http) => CartVersionHeaders.IfMatch(http.Request);

    private static Ok<CartDocument> Done(HttpContext http, CartDocument document)
    {
        SetCartHeaders(http, document.ETag);
        return TypedResults.Ok(document);
    }

    private static void SetCartHeaders(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-store";
    }
}
