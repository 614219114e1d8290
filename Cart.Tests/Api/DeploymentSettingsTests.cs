using System.Text;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Hosting;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Architecture;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Cart.Tests.Api;

/// <summary>
/// Outside Development the service trusts nothing of the demo: no key committed in appsettings.Development.json, no
/// key shorter than its algorithm needs, no demo data of any kind. Each stops the start, naming the setting, before
/// anything is written to the database.
/// </summary>
public sealed class DeploymentSettingsTests : OwnHostsTest
{
    private static readonly IConfiguration Committed = new ConfigurationBuilder()
        .AddJsonFile(SourceTree.PathOf("Cart.Web/appsettings.Development.json")).Build();

    /// <summary>With the keys of the image's appsettings.json (all empty) and the catalog's default, nothing is seeded.</summary>
    [Fact]
    public async Task Start_InProductionWithoutKeys_FailsAndSeedsNothing()
    {
        var host = Own(new CartAppFactory(Database, "Production", testAuth: false, settings: new Dictionary<string, string?>
        {
            // The catalog setting as appsettings.json has it, not as the test hosts set it.
            ["Database:SeedDemoCatalog"] = null,
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Auth:SigningKey is empty", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await ProductsAsync());
    }

    /// <summary>The settings are checked before the database is migrated and seeded, even where seeding is allowed.</summary>
    [Fact]
    public async Task Start_InDevelopmentWithAShortKey_FailsBeforeSeedingTheCatalog()
    {
        var host = Own(new CartAppFactory(Database, "Development", testAuth: false, settings: new Dictionary<string, string?>
        {
            ["Database:SeedDemoCatalog"] = "true",
            ["Reminders:LinkSigningKey"] = "too-short",
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Reminders:LinkSigningKey", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await ProductsAsync());
    }

    [Theory]
    [InlineData("Production", "Auth:SigningKey")]
    [InlineData("Production", "Auth:GuestSigningKey")]
    [InlineData("Production", "Reminders:LinkSigningKey")]
    [InlineData("Testing", "Auth:SigningKey")]
    [InlineData("Staging", "Reminders:LinkSigningKey")]
    public async Task Start_OutsideDevelopment_WhenAKeyIsTheCommittedDevelopmentKey_FailsNamingIt(string environment,
        string setting)
    {
        var host = Own(new CartAppFactory(Database, environment, settings: new Dictionary<string, string?>
        {
            [setting] = Committed[setting],
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains($"{setting} is the development key committed in appsettings.Development.json",
            error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The committed shopper key with demo tokens on: the start a token minted by anyone opened any cart in.</summary>
    [Fact]
    public async Task Start_InProductionWithTheCommittedDemoSettings_FailsNamingThem()
    {
        var host = Own(new CartAppFactory(Database, "Production", settings: new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = Committed["Auth:SigningKey"],
            ["Auth:DemoTokens:Enabled"] = "true",
            ["Auth:DemoTokens:SigningKey"] = Committed["Auth:DemoTokens:SigningKey"],
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server).ToString();

        Assert.Contains("Auth:DemoTokens:Enabled is on in Production", error, StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKey is the development key", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HS256", "")]
    [InlineData("HS512", "a-key-of-48-bytes-long-enough-for-hs384-012345678")]
    [InlineData("HS384", "a-key-of-40-bytes-enough-for-hs256-01234")]
    public async Task Start_WhenAKeyIsShorterThanItsAlgorithmNeeds_FailsNamingIt(string algorithm, string key)
    {
        var host = Own(new CartAppFactory(Database, settings: new Dictionary<string, string?>
        {
            ["Auth:Algorithms:0"] = algorithm,
            ["Auth:SigningKey"] = TestAuth.SigningKey + TestAuth.SigningKey,
            ["Auth:GuestSigningKey"] = key,
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server).ToString();

        Assert.Contains("Auth:GuestSigningKey", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Auth:SigningKey", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "Database:SeedDemoCatalog")]
    [InlineData("Production", "Demo:SeedActivity")]
    [InlineData("Testing", "Database:SeedDemoCatalog")]
    [InlineData("Testing", "Demo:SeedActivity")]
    public async Task Start_OutsideDevelopment_WhenDemoDataIsAskedFor_FailsNamingTheSettingAndSeedsNothing(
        string environment, string setting)
    {
        var host = Own(new CartAppFactory(Database, environment, settings: new Dictionary<string, string?>
        {
            [setting] = "true",
        }));

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains($"{setting} is on outside Development", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await ProductsAsync());
    }

    /// <summary>The refused keys are the file's: a key added to appsettings.Development.json is refused too.</summary>
    [Fact]
    public void CommittedDevelopmentKeys_WhenComparedWithTheFile_AreEveryKeyItHolds()
    {
        var inFile = Committed.AsEnumerable()
            .Where(e => e.Key.EndsWith("Key", StringComparison.Ordinal) && !string.IsNullOrEmpty(e.Value))
            .Select(e => e.Value!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(inFile, SigningKeyRules.CommittedDevelopmentKeys.Order(StringComparer.Ordinal));
        Assert.All(SigningKeyRules.CommittedDevelopmentKeys, k => Assert.True(Encoding.UTF8.GetByteCount(k) >= 32));
    }

    /// <summary>The products of the test's database, read by a host with valid settings that seeds nothing.</summary>
    private async Task<int> ProductsAsync()
    {
        await using var reader = new CartAppFactory(Database);
        return await reader.WithDbAsync(db => db.Products().CountAsync());
    }
}
