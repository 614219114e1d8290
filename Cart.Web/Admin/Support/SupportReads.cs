using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Support;

/// <summary>The most rows one page of a look-up or a timeline shows.</summary>
public static class SupportPaging
{
    public const int MaxPageSize = 100;

    public static int Clamp(int take) => Math.Clamp(take, 1, MaxPageSize);
}

/// <summary>The carts of the customer <see cref="Value"/> names, by <see cref="Key"/>.</summary>
[ConsolePolicy(StaffRoles.SupportPolicy)]
public sealed record FindCarts(CartLookupKey Key, string Value, int Skip, int Take)
    : IConsoleAction<ResultPage<CartSummary>>
{
    public async Task<ConsoleResult<ResultPage<CartSummary>>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken) =>
        ConsoleResult<ResultPage<CartSummary>>.Done(await call.Get<ICartLookup>()
            .FindAsync(Key, Value, Skip, SupportPaging.Clamp(Take), cancellationToken));
}

/// <summary>One cart as the detail page shows it (a read model: the page never holds the aggregate).</summary>
[ConsolePolicy(StaffRoles.SupportPolicy)]
public sealed record ReadCart(string CartId) : IConsoleAction<SupportCart>
{
    public async Task<ConsoleResult<SupportCart>> RunAsync(ConsoleCall call, CancellationToken cancellationToken) =>
        await call.Get<ICartLookup>().GetAsync(CartId, cancellationToken) is { } cart
            ? ConsoleResult<SupportCart>.Done(cart)
            : ConsoleResult<SupportCart>.NotFound($"No cart has the id {CartId}.");
}

/// <summary>A page of the cart's timeline, newest first.</summary>
[ConsolePolicy(StaffRoles.SupportPolicy)]
public sealed record ReadTimeline(string CartId, int Skip, int Take) : IConsoleAction<ResultPage<TimelineEntry>>
{
    public async Task<ConsoleResult<ResultPage<TimelineEntry>>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken) =>
        ConsoleResult<ResultPage<TimelineEntry>>.Done(await call.Get<ICartLookup>()
            .TimelineAsync(CartId, Skip, SupportPaging.Clamp(Take), cancellationToken));
}
