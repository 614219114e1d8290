using Cart.Domain.Inventory;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Staff;

namespace Cart.Web.Admin.Merchandising;

/// <summary>A page of 1 to <see cref="MaxPageSize"/> rows, whatever the caller asked.</summary>
internal static class Paging
{
    public const int MaxPageSize = 100;

    public static int Clamp(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);
}

/// <summary>One page of the SKUs with tracked stock, as the Holds page filters and sorts them.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ReadHolds(StockFilter Filter, int Page, int PageSize)
    : IConsoleAction<(IReadOnlyList<SkuStockFigures> Items, int Total)>
{
    public async Task<ConsoleResult<(IReadOnlyList<SkuStockFigures> Items, int Total)>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken) =>
        ConsoleResult<(IReadOnlyList<SkuStockFigures>, int)>.Done(await call.Get<IStockAdministration>().PageAsync(
            Filter, Math.Max(1, Page), Paging.Clamp(PageSize), call.Get<TimeProvider>().GetUtcNow(),
            cancellationToken));
}

/// <summary>One SKU's stock figures now.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ReadSkuFigures(string Sku) : IConsoleAction<SkuStockFigures>
{
    public async Task<ConsoleResult<SkuStockFigures>> RunAsync(ConsoleCall call, CancellationToken cancellationToken)
    {
        var figures = await call.Get<IStockAdministration>().FiguresAsync([Sku],
            call.Get<TimeProvider>().GetUtcNow(), cancellationToken);
        return figures.GetValueOrDefault(Sku) is { } found
            ? ConsoleResult<SkuStockFigures>.Done(found)
            : ConsoleResult<SkuStockFigures>.NotFound($"{Sku} has no tracked stock.");
    }
}

/// <summary>One page of the carts holding a SKU, soonest to lapse first.</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record ReadSkuHolders(string Sku, int Page, int PageSize)
    : IConsoleAction<(IReadOnlyList<SkuHolder> Items, int Total)>
{
    public async Task<ConsoleResult<(IReadOnlyList<SkuHolder> Items, int Total)>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken) =>
        ConsoleResult<(IReadOnlyList<SkuHolder>, int)>.Done(await call.Get<IStockAdministration>().HoldersAsync(Sku,
            Math.Max(1, Page), Paging.Clamp(PageSize), call.Get<TimeProvider>().GetUtcNow(), cancellationToken));
}

/// <summary>Every SKU the filter selects, for the export, read as it streams (run in the request's scope).</summary>
[ConsolePolicy(StaffRoles.MerchandisingPolicy)]
public sealed record StreamHolds(StockFilter Filter) : IConsoleAction<IAsyncEnumerable<SkuStockFigures>>
{
    public Task<ConsoleResult<IAsyncEnumerable<SkuStockFigures>>> RunAsync(ConsoleCall call,
        CancellationToken cancellationToken) =>
        Task.FromResult(ConsoleResult<IAsyncEnumerable<SkuStockFigures>>.Done(call.Get<IStockAdministration>()
            .StreamAsync(Filter, call.Get<TimeProvider>().GetUtcNow(), cancellationToken)));
}
