using System.Net;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cart.Tests.Api;

/// <summary>
/// <c>POST /api/v1/dev/tokens</c> lets the service be tried without an identity provider. It exists only while
/// <c>Auth:DemoTokens:Enabled</c> is on (appsettings.Development.json, which <c>dotnet run</c> uses), never because of
/// an environment's name alone; it signs with a demo key that nothing trusts while the setting is off; and the setting
/// is refused outside Development and beside anything but the committed development shopper key, so a deployment
/// cannot turn it on by mistake.
/// </summary>
public sealed class DemoTokenTests
{
    private const string DevTokens = "/api/v1/dev/tokens";

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public async Task DevTokens_WhenDemoTokensAreOff_ReturnsNotFoundInAnyEnvironment(string environment)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, environment);

        var response = await factory.CreateClient().PostJsonAsync(DevTokens, new { userId = ApiFixture.NewUserId() });

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task DevTokens_WhenRunWithTheCommittedDevelopmentSettings_MintsADemoTokenThatOpensTheCart()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, "Development", testAuth: false);
        var anonymous = factory.CreateClient();
        var userId = ApiFixture.NewUserId();

        var minted = await (await anonymous.PostJsonAsync(DevTokens, new { userId, email = "dev@example.test" }))
            .ExpectAsync(HttpStatusCode.OK);
        var withoutUser = await anonymous.PostJsonAsync(DevTokens, new { email = "dev@example.test" });
        var token = minted.GetProperty("token").GetString()!;
        var cart = await factory.ClientWithToken(token).GetCartAsync();

        Assert.Equal("cart-demo", new JsonWebToken(token).Issuer);
        Assert.Equal(userId, minted.GetProperty("userId").GetString());
        Assert.Equal("user", cart.GetProperty("owner").GetProperty("kind").GetString());
        Assert.Equal(userId, cart.GetProperty("owner").GetProperty("id").GetString());
        await withoutUser.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>Each field rule of the demo token request answers 400 naming the field, and mints nothing.</summary>
    [Fact]
    public async Task DevTokens_WhenAFieldBreaksItsRule_ReturnsValidationFailedNamingIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, "Development", testAuth: false);
        var anonymous = factory.CreateClient();
        var cases = new (object Body, string Field)[]
        {
            (new { userId = "" }, "userId"),
            (new { userId = "  " }, "userId"),
            (new { userId = new string('u', 129) }, "userId"),
            (new { userId = ApiFixture.NewUserId(), email = "not an address" }, "email"),
            (new { userId = ApiFixture.NewUserId(), email = new string('e', 250) + "@example.test" }, "email"),
        };

        foreach (var (body, field) in cases)
        {
            var response = await anonymous.PostJsonAsync(DevTokens, body);

            var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.False(problem.TryGetProperty("token", out _));
        }
    }

    /// <summary>
    /// A host with demo tokens off, even one that shares every other auth setting with the demo (the development
    /// shopper key included, which only Development accepts), refuses a token the demo minted, and one signed by anyone
    /// who learned the demo key.
    /// </summary>
    [Fact]
    public async Task DemoToken_WhenDemoTokensAreOff_IsUnauthenticated()
    {
        await using var demoDatabase = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var demo = new CartAppFactory(demoDatabase, "Development", testAuth: false);
        var minted = await (await demo.CreateClient().PostJsonAsync(DevTokens, new { userId = ApiFixture.NewUserId() }))
            .ExpectAsync(HttpStatusCode.OK);
        var committed = demo.Services.GetRequiredService<IConfiguration>().GetSection("Auth");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var deployment = new CartAppFactory(database, "Development", testAuth: false,
            settings: new Dictionary<string, string?> { ["Auth:DemoTokens:Enabled"] = "false" });
        var forged = TestAuth.Sign(committed["DemoTokens:Issuer"]!, committed["Audience"]!,
            committed["DemoTokens:SigningKey"]!, ApiFixture.NewUserId(), deployment.Clock.GetUtcNow().AddHours(1));

        var mintedResponse = await deployment.ClientWithToken(minted.GetProperty("token").GetString()!)
            .GetAsync(CartApi.Cart);
        var forgedResponse = await deployment.ClientWithToken(forged).GetAsync(CartApi.Cart);

        await mintedResponse.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await forgedResponse.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    /// <summary>A real identity provider's key beside the demo setting stops the service at start.</summary>
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Start_WhenDemoTokensAreOnBesideAnotherShopperKey_FailsNamingTheSetting(string environment)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, environment, settings: new Dictionary<string, string?>
        {
            ["Auth:DemoTokens:Enabled"] = "true",
            ["Auth:DemoTokens:SigningKey"] = "a-demo-key-of-this-test-0123456789-abcdefgh",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Auth:DemoTokens:Enabled", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short-demo-key")]
    [InlineData("the shopper key")]
    [InlineData("the guest key")]
    public async Task Start_WhenTheDemoKeyIsMissingShortOrShared_FailsNamingTheSetting(string key)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var committed = new ConfigurationBuilder()
            .AddJsonFile(Architecture.SourceTree.PathOf("Cart.Web/appsettings.Development.json")).Build();
        var demoKey = key switch
        {
            "the shopper key" => committed["Auth:SigningKey"],
            "the guest key" => committed["Auth:GuestSigningKey"],
            _ => key,
        };
        await using var factory = new CartAppFactory(database, "Development", testAuth: false,
            settings: new Dictionary<string, string?> { ["Auth:DemoTokens:SigningKey"] = demoKey });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Auth:DemoTokens:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>README, "A walk through the API", against the committed Development settings and demo catalog.</summary>
    [Fact]
    public async Task ReadmeWalkThrough_WhenRunWithTheCommittedDevelopmentSettings_MergesTheGuestCartIntoTheShoppers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, "Development", testAuth: false,
            settings: new Dictionary<string, string?> { ["Database:SeedDemoCatalog"] = "true" });
        var anonymous = factory.CreateClient();
        var session = await (await anonymous.PostAsync(CartApi.GuestSessions, null)).ExpectAsync(HttpStatusCode.Created);
        var guestToken = session.GetProperty("token").GetString()!;
        var guest = factory.ClientWithToken(guestToken);
        await (await guest.PostJsonAsync(CartApi.Items, new { sku = "SG-0001", quantity = 2, variant = new { size = "M" } }))
            .ExpectAsync(HttpStatusCode.OK);
        await guest.AddAsync("SG-0002", 1);

        var minted = await (await anonymous.PostJsonAsync(DevTokens, new { userId = "user_123" }))
            .ExpectAsync(HttpStatusCode.OK);
        var shopper = factory.ClientWithToken(minted.GetProperty("token").GetString()!);
        await shopper.AddAsync("SG-0001", 1);
        var merged = await (await shopper.PostJsonAsync(CartApi.Merge, new { guestToken })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, merged.Quantity("SG-0001"));
        Assert.Equal(1, merged.Quantity("SG-0002"));
        Assert.Equal("user_123", merged.GetProperty("owner").GetProperty("id").GetString());
    }
}
