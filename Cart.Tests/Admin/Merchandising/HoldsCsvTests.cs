using System.Net;
using Cart.Domain.Catalog;
using Cart.Domain.Inventory;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>A cookie still inside its recheck interval whose account was disabled meanwhile: the session's policy
    /// passes, the account's standing does not, and the answer is a refusal, never a 500.</summary>
    [Fact]
    public async Task Export_ForASessionWhoseAccountWasDisabledMeanwhile_IsForbiddenNot500()
    {
        var host = Own(new CartAppFactory(Database));
        var email = await host.NewStaffAsync(StaffRoles.Merchandiser);
        var client = host.ClientWithoutRedirects();
        await client.SignInAsync(email, TestStaff.Password);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByEmailAsync(email);
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
        }

        var response = await client.GetAsync("/admin/holds.csv");

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>
    /// Over real Kestrel, which refuses synchronous writes to a response: an export larger than every buffer on its
    /// way (the writer's 16 KB, the server's) arrives whole, one row per product and nothing cut off.
    /// </summary>
    [Fact]
    public async Task Export_WhenLargerThanAnyBuffer_ArrivesWholeOverKestrel()
    {
        const int products = 1_200;
        var host = Own(new CartAppFactory(Database));
        host.UseKestrel(0);
        host.StartServer();
        var now = host.Clock.GetUtcNow();
        await host.WithDbAsync(async db =>
        {
            for (var i = 0; i < products; i++)
            {
                var sku = $"BIG-{i:D5}";
                db.Products().Add(new Product(sku, $"Product {i} " + new string('x', 180), null, 5m, "SGD", true, now));
                db.Stock().Add(new StockItem(sku, 10, now));
            }

            await db.SaveChangesAsync();
        });
        // Over Kestrel the client follows the sign-in's redirect to the console's home page.
        var client = host.ClientWithoutRedirects();
        var signIn = await client.SignInAsync(await host.NewStaffAsync(StaffRoles.Merchandiser), TestStaff.Password);
        Assert.Equal("/admin", signIn.RequestMessage?.RequestUri?.AbsolutePath);

        var response = await client.GetAsync("/admin/holds.csv?search=big-");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length > 200_000, $"the export should be far over any buffer, was {body.Length} characters");
        var lines = body.Split("\r\n");
        Assert.Equal(products + 2, lines.Length); // the header, every product, and the empty tail after the last CRLF
        Assert.Equal($"BIG-{products - 1:D5},Product {products - 1} {new string('x', 180)},10,0,10,0,0", lines[^2]);
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
