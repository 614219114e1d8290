using System.Text.Json;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>What the bad-input tests share: a seeded shopper, raw bodies, and the checks that nothing changed.</summary>
public abstract class BadInputTestBase(ApiFixture fixture)
{
    protected const string Post = "POST";

    protected ApiFixture Fixture { get; } = fixture;

    /// <summary>A new shopper whose cart holds one line (2 Shirts), and that cart as the API returned it.</summary>
    protected async Task<(HttpClient Client, JsonElement Before)> SeededShopperAsync()
    {
        var (client, _) = Fixture.NewShopper();
        return (client, await client.AddAsync(TestCatalog.Shirt, 2));
    }

    protected static string ItemUrl(string method) => method == Post ? CartApi.Items : CartApi.Item(TestCatalog.Shirt);

    protected static StringContent RawJson(string json) =>
        new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Reads the owner's cart again and asserts that neither its version nor its lines moved.</summary>
    protected static async Task AssertUnchangedAsync(HttpClient owner, JsonElement before)
    {
        var after = await owner.GetCartAsync();
        Assert.Equal(before.Version(), after.Version());
        Assert.Equal(before.GetProperty("items").GetRawText(), after.GetProperty("items").GetRawText());
    }

    /// <summary>The problem's <c>errors</c> name <paramref name="field"/> (or a member of it, as in variant.size).</summary>
    protected static void AssertErrorsName(JsonElement problem, string field) =>
        Assert.True(
            problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e =>
                e.Name == field || e.Name.StartsWith(field + ".", StringComparison.Ordinal)),
            $"errors should name '{field}': {problem}");
}
