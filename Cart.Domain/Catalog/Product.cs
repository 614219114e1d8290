using Cart.Domain.Common;

namespace Cart.Domain.Catalog;

/// <summary>A product of the catalog with its current price. Owned by the Catalog module.</summary>
public sealed class Product
{
    private Product()
    {
        Sku = string.Empty;
        Name = string.Empty;
        Currency = string.Empty;
    }

    public Product(string sku, string name, string? imageUrl, decimal price, string currency, bool active,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        if (currency.Length != 3)
        {
            throw new ArgumentException("A currency is an ISO 4217 code.", nameof(currency));
        }

        Sku = sku;
        Name = name;
        ImageUrl = imageUrl;
        Price = price;
        Currency = currency;
        Active = active;
        UpdatedAt = now;
    }

    public string Sku { get; private set; }

    public string Name { get; private set; }

    public string? ImageUrl { get; private set; }

    public decimal Price { get; private set; }

    public string Currency { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Sets the price when <see cref="ProductPrices"/> allows it; throws a <see cref="DomainException"/>
    /// saying why not otherwise, and nothing changes.</summary>
    public void ChangePrice(decimal price, DateTimeOffset now)
    {
        if (ProductPrices.Problem(price, Currency) is { } problem)
        {
            throw new DomainException(new DomainError(ErrorCodes.ValidationFailed, problem, "price"));
        }

        Price = price;
        UpdatedAt = now;
    }

    public void SetActive(bool active, DateTimeOffset now)
    {
        Active = active;
        UpdatedAt = now;
    }

    public ProductInfo ToInfo() => new(Sku, Name, ImageUrl, Price, Currency, Active);
}
