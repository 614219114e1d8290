using System.Net;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Merchandising;
using Cart.Web.Admin.Staff;

namespace Cart.Tests.Admin.Merchandising;

/// <summary>
/// One search rule (<see cref="ProductSearch"/>: the text, trimmed, anywhere in the SKU or the name, any case) for every
/// list of products: the public catalog, the console's products page and its holds page find the same products,
/// and the ones the rule in memory finds. Run on SQLite and on PostgreSQL, whose comparisons differ.
/// </summary>
public abstract class ProductSearchTests(DatabaseProvider provider) : OwnHostsTest(provider)
{
    private static readonly (string Sku, string Name)[] Products =
    [
        ("QXZ-1", "Kopi Qxzmug"),
        ("AB-QXZ-2", "Teh Tarik Set"),
        ("QX-3", "Sarong"),
    ];

    [Theory]
    [InlineData("qxz")]
    [InlineData("QXZMUG")]
    [InlineData(" tarik ")]
    [InlineData("qx-3")]
    [InlineData("AB-")]
    public async Task Search_WhenTheSameTextIsSearched_EveryListFindsTheProductsTheRuleMatches(string text)
    {
        var host = Own(new CartAppFactory(Database));
        foreach (var (sku, name) in Products)
        {
            await host.AddStockedAsync(sku, name, 10m, onHand: 5);
        }

        var merchandiser = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        var expected = Products.Where(p => ProductSearch.Matches(text, p.Sku, p.Name)).Select(p => p.Sku).Order().ToList();

        var catalog = await (await host.ClientWithoutRedirects()
                .GetAsync($"/api/v1/products?pageSize=100&search={Uri.EscapeDataString(text)}"))
            .ExpectAsync(HttpStatusCode.OK);
        var (products, _) = await host.ValueOfAsync(merchandiser, new ReadProducts(text, 1, 100));
        var (holds, _) = await host.ValueOfAsync(merchandiser, new ReadHolds(new StockFilter(text), 1, 100));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ours(catalog.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()!)));
        Assert.Equal(expected, Ours(products.Select(p => p.Sku)));
        Assert.Equal(expected, Ours(holds.Select(h => h.Sku)));
    }

    /// <summary>The test's products among what a list found (the demo catalog may share a letter or two).</summary>
    private static List<string> Ours(IEnumerable<string> skus) =>
        skus.Where(s => Products.Any(p => p.Sku == s)).Order().ToList();
}

public sealed class SqliteProductSearchTests() : ProductSearchTests(DatabaseProvider.Sqlite);

public sealed class PostgresProductSearchTests() : ProductSearchTests(DatabaseProvider.PostgreSql);
