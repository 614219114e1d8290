using Cart.Domain.Catalog;
using Cart.Domain.Common;

namespace Cart.Tests.Domain;

/// <summary>The one price rule: the domain's, which the console's edit dialog and its change both ask.</summary>
public sealed class ProductPriceTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ChangePrice_WhenZero_IsRefusedAndThePriceStays()
    {
        var product = new Product("MUG-1", "Mug", null, 12.5m, "SGD", true, Now);

        var refused = Assert.Throws<DomainException>(() => product.ChangePrice(0m, Now.AddMinutes(1)));

        Assert.Equal((ErrorCodes.ValidationFailed, "The price must be more than zero."),
            (refused.Error.Code, refused.Error.Message));
        Assert.Equal((12.5m, Now), (product.Price, product.UpdatedAt));
    }

    [Theory]
    [InlineData(-1, "SGD", "The price must be more than zero.")]
    [InlineData(10.5, "IDR", "IDR prices are whole numbers.")]
    [InlineData(1.234, "SGD", "SGD prices have at most 2 decimals.")]
    [InlineData(1000000000000, "SGD", "The price is too large.")]
    public void ChangePrice_WhenTheRuleRefuses_SaysWhy(decimal price, string currency, string problem)
    {
        var product = new Product("SKU-1", "Thing", null, 100m, currency, true, Now);

        Assert.Equal(problem, ProductPrices.Problem(price, currency));
        Assert.Equal(problem, Assert.Throws<DomainException>(() => product.ChangePrice(price, Now)).Error.Message);
    }

    [Fact]
    public void ChangePrice_WhenTheRuleAllows_ChangesIt()
    {
        var product = new Product("SKU-2", "Thing", null, 100m, "VND", true, Now);

        product.ChangePrice(25_000m, Now.AddMinutes(1));

        Assert.Equal((25_000m, Now.AddMinutes(1)), (product.Price, product.UpdatedAt));
    }
}
