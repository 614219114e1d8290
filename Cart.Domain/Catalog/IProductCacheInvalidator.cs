namespace Cart.Domain.Catalog;

/// <summary>Told by whoever changes a product (price, availability), so every instance stops showing the old one.</summary>
public interface IProductCacheInvalidator
{
    Task InvalidateAsync(string sku, CancellationToken cancellationToken);
}
