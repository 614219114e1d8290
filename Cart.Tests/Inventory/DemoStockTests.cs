using System.Net;
using System.Text.Json;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Inventory;

/// <summary>README, "A walk through the API", its stock holds part: the demo catalog's stock as `dotnet run` seeds it.</summary>
public sealed class DemoStockTests : OwnHostsTest
{
    [Fact]
    public async Task ReadmeWalkThrough_WhenAShopperHoldsMostOfADemoSku_OthersGetInsufficientStockUntilItShrinks()
    {
        var host = Own(new CartAppFactory(Database, "Development", testAuth: false,
            settings: new Dictionary<string, string?> { ["Database:SeedDemoCatalog"] = "true" }));
        var anonymous = host.CreateClient();
        Assert.Equal(5, await AvailableAsync(anonymous, "SG-0007"));
        Assert.Null(await AvailableAsync(anonymous, "SG-0010"));
        var minted = await (await anonymous.PostJsonAsync("/api/v1/dev/tokens", new { userId = "user_123" }))
            .ExpectAsync(HttpStatusCode.OK);
        var shopper = host.ClientWithToken(minted.GetProperty("token").GetString()!);
        var (guest, _, _) = await host.NewGuestAsync();

        var cart = await shopper.AddAsync("SG-0007", 3);
        var refused = await guest.PostJsonAsync(CartApi.Items, new { sku = "SG-0007", quantity = 4 });

        Assert.Equal("held", cart.HoldOf("SG-0007").Status());
        Assert.Equal(3, cart.HoldOf("SG-0007").Units());
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(2, problem.GetProperty("available").GetInt32());
        Assert.Equal(2, await AvailableAsync(anonymous, "SG-0007"));
        (await shopper.PutJsonAsync(CartApi.Item("SG-0007"), new { quantity = 1 })).EnsureSuccessStatusCode();
        Assert.Equal(4, await AvailableAsync(anonymous, "SG-0007"));

        // The walk-through ends with a checkout: the held unit is sold, the cart is empty.
        var order = await (await shopper.SendAsync(CartApi.CheckoutRequest("checkout-1")))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("pending_payment", order.GetProperty("status").GetString());
        Assert.Equal(4, await AvailableAsync(anonymous, "SG-0007"));
        Assert.Equal(0, (await shopper.GetCartAsync()).GetProperty("totalItems").GetInt32());
    }

    private static async Task<int?> AvailableAsync(HttpClient client, string sku)
    {
        var product = await (await client.GetAsync($"/api/v1/products/{sku}")).ExpectAsync(HttpStatusCode.OK);
        var available = product.GetProperty("available");
        return available.ValueKind == JsonValueKind.Null ? null : available.GetInt32();
    }
}
