namespace Cart.Domain.Catalog;

/// <summary>What the merchandisers' console asks of the Catalog module: pages of products and a price change.</summary>
public interface ICatalogAdministration
{
    /// <summary>One page of the catalog in SKU order; <paramref name="search"/> matches as <see cref="ProductSearch"/> says.</summary>
    Task<(IReadOnlyList<ProductInfo> Items, int Total)> PageAsync(string? search, int page, int pageSize,
        CancellationToken cancellationToken);

    /// <summary>
    /// Sets the price to <paramref name="price"/> if it is still <paramref name="expectedPrice"/> (what the merchandiser
    /// saw), then drops the cached product on every instance, so carts show the new price on their next read.
    /// </summary>
    Task<PriceChange> ChangePriceAsync(string sku, decimal expectedPrice, decimal price, DateTimeOffset now,
        CancellationToken cancellationToken);
}

public enum PriceChangeOutcome
{
    Changed,

    /// <summary>The price was no longer what the caller saw: nothing changed.</summary>
    Conflict,

    NotFound,
}

/// <param name="Price">The price now (after the change, or as found); null when the product does not exist.</param>
public sealed record PriceChange(PriceChangeOutcome Outcome, decimal? Price, string? Currency);
