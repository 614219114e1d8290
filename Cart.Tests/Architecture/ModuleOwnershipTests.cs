using System.Reflection;
using Cart.Domain.Carts;
using Cart.Infrastructure.Persistence;

namespace Cart.Tests.Architecture;

/// <summary>
/// Each module owns its tables, over all three projects: only the module's own types use its entity types, modules
/// meet through interfaces or events, and no folder depends on a folder that depends back on it.
/// </summary>
public sealed class ModuleOwnershipTests
{
    private static readonly Assembly[] Production =
    [
        typeof(ShoppingCart).Assembly, typeof(CartDbContext).Assembly, typeof(Program).Assembly,
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlySet<string>>> Uses =
        new(() => TypeDependencies.Of(Production));

    [Fact]
    public void Tables_WhenCompiled_AreUsedOnlyByTheirModule()
    {
        var owners = TableOwnership.OwnerOfEachEntity();

        var crossing = TableOwnership.CrossModuleTableUses(Uses.Value, owners, TableOwnership.Roots,
            TableOwnership.NamedExceptions);

        Assert.True(crossing.Count == 0,
            $"{crossing.Count} uses of another module's table:\n{string.Join("\n", crossing)}");
    }

    [Fact]
    public void Modules_WhenCompiled_MeetOnlyThroughWhatTheDomainExposes()
    {
        var modules = TableOwnership.OwnerOfEachEntity().Values.Where(m => m != "Persistence").ToHashSet();

        var reaching = TableOwnership.ReachesIntoAnotherModule(Uses.Value, modules, TableOwnership.Roots,
            ["Cart.Infrastructure", "Cart.Web"], TableOwnership.NamedExceptions);

        Assert.True(reaching.Count == 0,
            $"{reaching.Count} uses of another module's implementation:\n{string.Join("\n", reaching)}");
    }

    [Fact]
    public void Folders_WhenCompiled_HaveNoCycle()
    {
        var cycles = FolderCycles.Find(FolderCycles.Graph(Uses.Value, TableOwnership.Roots));

        Assert.True(cycles.Count == 0,
            $"Folders depending on each other:\n{string.Join("\n", cycles.Select(c =>
                string.Join(" ⇄ ", c) + "\n" + string.Join("\n", FolderCycles.Explain(c, Uses.Value))))}");
    }

    // The rules can fail: run on deliberately bad samples in this test assembly (BadSamples), each finds its break
    // and nothing else.
    [Fact]
    public void OwnershipRules_WhenRunOnBadSamples_FindEachBreak()
    {
        var uses = TypeDependencies.Of(typeof(ModuleOwnershipTests).Assembly);
        const string samples = "Cart.Tests.Architecture.BadSamples";
        var owners = new Dictionary<string, string>
        {
            [$"{samples}.Web.Carts.SampleCartLine"] = "Carts",
        };

        var crossing = TableOwnership.CrossModuleTableUses(uses, owners, [$"{samples}.Web"], []);
        var excused = TableOwnership.CrossModuleTableUses(uses, owners, [$"{samples}.Web"],
            [($"{samples}.Web.Catalog", "Carts", "a sample exception")]);
        var cycles = FolderCycles.Find(FolderCycles.Graph(uses, $"{samples}.Folders"));
        var reaching = TableOwnership.ReachesIntoAnotherModule(uses, ["Carts", "Catalog"], [$"{samples}.Web"],
            [$"{samples}.Web"], []);

        Assert.Equal([
            $"{samples}.Web.Catalog.SampleCatalogReadingCartLines → {samples}.Web.Carts.SampleCartLine (Carts)",
            $"{samples}.Web.Platform.SamplePlatformKnowingCarts → {samples}.Web.Carts.SampleCartLine (Carts)",
        ], crossing);
        Assert.Equal([$"{samples}.Web.Platform.SamplePlatformKnowingCarts → {samples}.Web.Carts.SampleCartLine (Carts)"],
            excused);
        Assert.Equal([$"{samples}.Web.Catalog.SampleCatalogReadingCartLines → {samples}.Web.Carts.SampleCartLine"],
            reaching);
        var cycle = Assert.Single(cycles);
        Assert.Equal([$"{samples}.Folders.Left", $"{samples}.Folders.Right"], cycle);
    }

    // Guards the rules against passing vacuously: the real model has the tables of every module, and the reader sees
    // a module's own use of its tables (a query in a lambda included) and the seams modules do use.
    [Fact]
    public void Readers_WhenRunOnTheRealCode_SeeTablesAndUses()
    {
        var owners = TableOwnership.OwnerOfEachEntity();
        var uses = Uses.Value;

        Assert.Equal(["Admin", "Carts", "Catalog", "Checkout", "Idempotency", "Inventory", "Persistence", "Reminders",
            "Reporting"], owners.Values.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("Inventory", owners["Cart.Domain.Inventory.StockHold"]);
        Assert.Contains("Cart.Domain.Inventory.StockHold", uses["Cart.Infrastructure.Inventory.HoldExpirySweep"]);
        Assert.Contains("Cart.Domain.Carts.ICartTimeline", uses["Cart.Infrastructure.Inventory.EfStockHolds"]);
        Assert.Contains("Cart.Domain.Checkout.IOrderBook", uses["Cart.Web.Carts.CheckoutCart"]);
    }
}
