namespace Cart.Domain.Catalog;

/// <summary>The Catalog module's seam: other modules read products only through this.</summary>
public interface IProductCatalog
{
    /// <summary>The products among <paramref name="skus"/> that exist, keyed by SKU; unknown SKUs are absent.</summary>
    Task<IReadOnlyDictionary<string, ProductInfo>> FindAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync"/>, read from the database itself, never from a cache (checkout's prices); what it reads
    /// replaces the cached copies, so later reads agree with it.
    /// </summary>
    Task<IReadOnlyDictionary<string, ProductInfo>> FindOnPrimaryAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken);
}
