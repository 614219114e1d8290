using Cart.Web.Carts;

namespace Cart.Tests.Carts;

/// <summary>
/// How the write path tells, after a commit whose outcome it did not hear, whether the cart it reads back is its own
/// change or another writer's at the same version.
/// </summary>
public sealed class CartSnapshotTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);

    private static CartSnapshot Cart(decimal unitPrice, int quantity = 2) =>
        new("c_1", "SGD", 3, At,
            [new CartLineSnapshot("SG-1", quantity, unitPrice, new Dictionary<string, string>(), At, At)]);

    [Fact]
    public void HasSameContentAs_WhenLinesQuantitiesAndPricesAgree_IsTrue()
    {
        Assert.True(Cart(10.00m).HasSameContentAs(Cart(10.0000m)));
    }

    [Fact]
    public void HasSameContentAs_WhenAQuantityDiffers_IsFalse()
    {
        Assert.False(Cart(10.00m).HasSameContentAs(Cart(10.00m, quantity: 3)));
    }

    /// <summary>
    /// An acceptance of prices changes nothing else: another writer's change at the same version must not pass for it.
    /// </summary>
    [Fact]
    public void HasSameContentAs_WhenOnlyAUnitPriceDiffers_IsFalse()
    {
        Assert.False(Cart(12.50m).HasSameContentAs(Cart(10.00m)));
    }
}
