namespace Cart.Infrastructure.Catalog;

/// <summary>The one name of a product's cache entry, for the catalog that fills it and the change that drops it.</summary>
internal static class ProductCacheKeys
{
    public static string For(string sku) => $"product:{sku}";
}
