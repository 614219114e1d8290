namespace Cart.Domain.Catalog;

/// <summary>What the catalog tells other modules about a product now.</summary>
public sealed record ProductInfo(string Sku, string Name, string? ImageUrl, decimal Price, string Currency, bool Active);
