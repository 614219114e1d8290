using System.Net;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;

namespace Cart.Tests.Admin.Merchandising;

/// <summary><c>GET /admin/holds.csv</c> through the real pipeline: its rows, quoting and formula guard, and who may have it.</summary>
public abstract class HoldsCsvTests(DatabaseProvider provider) : OwnHostsTest(provider)
{
    [Fact]
    public async Task Export_ForAMerchandiser_StreamsThePagesRowsQuotedAndFormulaSafe()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("CSV-1", "Mug, \"large\"", 5m, onHand: 10);
        await host.AddStockedAsync("CSV-2", "=HYPERLINK(\"http://x.test\")", 5m, onHand: 5);
        await host.AddStockedAsync("CSV-3", "@SUM(1)\nsecond line", 5m, onHand: 5);
        await host.AddStockedAsync("CSV-4", "+65 Phone case", 5m, onHand: 7);
        await host.AddStockedAsync("NOT-IN", "Left out by the search", 5m, onHand: 7);
        await host.ShopperHoldingAsync("CSV-1", 2);
        var client = await host.SignedInStaffAsync(StaffRoles.Merchandiser);

        var response = await client.GetAsync("/admin/holds.csv?search=csv-&sort=held&descending=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(
            "sku,product,on_hand,held,available,expiring_15_min,carts\r\n" +
            "CSV-1,\"Mug, \"\"large\"\"\",10,2,8,2,1\r\n" +
            "CSV-2,\"'=HYPERLINK(\"\"http://x.test\"\")\",5,0,5,0,0\r\n" +
            "CSV-3,\"'@SUM(1)\nsecond line\",5,0,5,0,0\r\n" +
            "CSV-4,'+65 Phone case,7,0,7,0,0\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_WhenNotSignedIn_RedirectsToSignIn()
    {
        var host = Own(new CartAppFactory(Database));

        var response = await host.ClientWithoutRedirects().GetAsync("/admin/holds.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ForSupportOnly_IsDenied()
    {
        var host = Own(new CartAppFactory(Database));
        var client = await host.SignedInStaffAsync(StaffRoles.Support);

        var response = await client.GetAsync("/admin/holds.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
    }
}

public sealed class SqliteHoldsCsvTests() : HoldsCsvTests(DatabaseProvider.Sqlite);

public sealed class PostgresHoldsCsvTests() : HoldsCsvTests(DatabaseProvider.PostgreSql);
