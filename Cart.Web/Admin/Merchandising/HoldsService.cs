using System.Security.Claims;
using Cart.Domain.Inventory;

namespace Cart.Web.Admin.Merchandising;

/// <summary>The Holds pages' and the holds export's reads, each checked against the merchandising policy.</summary>
internal sealed class HoldsService(IStockAdministration stock, MerchandisingAccess access, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<(IReadOnlyList<SkuStockFigures> Items, int Total)> PageAsync(ClaimsPrincipal user,
        StockFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        return await stock.PageAsync(filter, Math.Max(1, page), Paging.Clamp(pageSize), clock.GetUtcNow(),
            cancellationToken);
    }

    public async Task<SkuStockFigures?> FiguresAsync(ClaimsPrincipal user, string sku,
        CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        var figures = await stock.FiguresAsync([sku], clock.GetUtcNow(), cancellationToken);
        return figures.GetValueOrDefault(sku);
    }

    public async Task<(IReadOnlyList<SkuHolder> Items, int Total)> HoldersAsync(ClaimsPrincipal user, string sku,
        int page, int pageSize, CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        return await stock.HoldersAsync(sku, Math.Max(1, page), Paging.Clamp(pageSize), clock.GetUtcNow(),
            cancellationToken);
    }

    /// <summary>Every SKU the filter selects, for the export: checked before the first row is read.</summary>
    public async Task<IAsyncEnumerable<SkuStockFigures>> StreamAsync(ClaimsPrincipal user, StockFilter filter,
        CancellationToken cancellationToken)
    {
        await access.DemandAsync(user);
        return stock.StreamAsync(filter, clock.GetUtcNow(), cancellationToken);
    }
}

internal static class Paging
{
    /// <summary>A page of 1 to <see cref="HoldsService.MaxPageSize"/> rows, whatever the caller asked.</summary>
    public static int Clamp(int pageSize) => Math.Clamp(pageSize, 1, HoldsService.MaxPageSize);
}
