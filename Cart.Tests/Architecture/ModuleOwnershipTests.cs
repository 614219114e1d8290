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
    public void Folders_WhenCompiled_HaveNoCycle()
    {
        var cycles = FolderCycles.Find(FolderCycles.Graph(Uses.Value, TableOwnership.Roots));

        Assert.True(cycles.Count == 0,
            $"Folders depending on each other:\n{string.Join("\n", cycles.Select(c =>
                string.Join(" ⇄ ", c) + "\n" + string.Join("\n", FolderCycles.Explain(c, Uses.Value))))}");
    }
}
