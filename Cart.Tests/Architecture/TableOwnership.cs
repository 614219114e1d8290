using Cart.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Architecture;

/// <summary>
/// Which module owns each table, and who uses a module's tables. A module is the namespace directly under a project's
/// root (<c>Cart.Infrastructure.Inventory</c>, <c>Cart.Domain.Inventory</c> and <c>Cart.Web.Inventory</c> are the one
/// Inventory module); a table belongs to the module its entity type lives in. ASP.NET Core Identity's tables belong to
/// the staff accounts (<c>Admin</c>); the Data Protection key ring is the shared store's (<c>Persistence</c>).
/// </summary>
internal static class TableOwnership
{
    public static readonly string[] Roots = ["Cart.Domain", "Cart.Infrastructure", "Cart.Web"];

    /// <summary>
    /// The named exceptions to "a module's tables are its own": a type (or every type of a folder) that may read the
    /// tables of <c>Owner</c>, and why. docs/ARCHITECTURE.md lists the same, with the same reasons.
    /// </summary>
    public static readonly (string User, string Owner, string Reason)[] NamedExceptions =
    [
        ("Cart.Infrastructure.Demo", "*",
            "the demo seeder writes a month of shopping across every module, in Development only"),
        ("Cart.Infrastructure.Persistence.CartDbContext", "Admin",
            "the context is ASP.NET Core Identity's store (IdentityDbContext), which reaches the staff tables itself"),
        ("Cart.Infrastructure.Inventory.EfStockAdministration", "Catalog",
            "the holds-per-SKU report searches and sorts by product name on the server, joined in SQL"),
        ("Cart.Infrastructure.Reporting.RollupCalculator", "*",
            "the roll-ups are reports: one aggregate query per figure over the owners' tables, read only"),
    ];

    /// <summary>Entity type full name → the module owning its table, read from the model the migrations are made of.</summary>
    public static IReadOnlyDictionary<string, string> OwnerOfEachEntity()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        var options = new DbContextOptionsBuilder<SqliteCartDbContext>().UseSqlite(connection).Options;
        using var db = new SqliteCartDbContext(options);
        return db.Model.GetEntityTypes()
            .Where(e => !e.HasSharedClrType)
            .Select(e => e.ClrType)
            .Distinct()
            .ToDictionary(t => TypeName(t), t => OwnerOf(t.Namespace ?? ""), StringComparer.Ordinal);
    }

    /// <summary>The module of a namespace: its first segment under one of <see cref="Roots"/>; null outside them.</summary>
    public static string? ModuleOf(string @namespace, string[]? roots = null)
    {
        foreach (var root in roots ?? Roots)
        {
            if (@namespace.StartsWith(root + ".", StringComparison.Ordinal))
            {
                return @namespace[(root.Length + 1)..].Split('.')[0];
            }
        }

        return null;
    }

    /// <summary>
    /// Each use of a table's entity type by a type of another module, as "user → entity (owner)", leaving out types
    /// outside <paramref name="roots"/> (generated code) and <paramref name="exceptions"/>.
    /// </summary>
    public static IReadOnlyList<string> CrossModuleTableUses(IReadOnlyDictionary<string, IReadOnlySet<string>> uses,
        IReadOnlyDictionary<string, string> owners, string[] roots,
        IReadOnlyList<(string User, string Owner, string Reason)> exceptions)
    {
        var found = new List<string>();
        foreach (var (user, used) in uses.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var module = ModuleOf(TypeDependencies.NamespaceOf(user), roots);
            if (module is null)
            {
                continue;
            }

            foreach (var entity in used.Order(StringComparer.Ordinal))
            {
                if (owners.TryGetValue(entity, out var owner) && owner != module
                    && !exceptions.Any(e => Covers(e.User, user) && (e.Owner == "*" || e.Owner == owner)))
                {
                    found.Add($"{user} → {entity} ({owner})");
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Each use, by a type of one module, of another module's implementation or web side (a type under
    /// <paramref name="implementationRoots"/>, such as <c>Cart.Infrastructure.Catalog.CatalogTables</c>), as
    /// "user → used": modules meet only through what the other exposes in the domain (its interfaces, read models and
    /// events). Shared folders (not in <paramref name="modules"/>) may be used by all; <paramref name="exceptions"/> are
    /// left out.
    /// </summary>
    public static IReadOnlyList<string> ReachesIntoAnotherModule(IReadOnlyDictionary<string, IReadOnlySet<string>> uses,
        IReadOnlyCollection<string> modules, string[] roots, string[] implementationRoots,
        IReadOnlyList<(string User, string Owner, string Reason)> exceptions)
    {
        var found = new List<string>();
        foreach (var (user, used) in uses.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var module = ModuleOf(TypeDependencies.NamespaceOf(user), roots);
            if (module is null || !modules.Contains(module))
            {
                continue;
            }

            foreach (var other in used.Order(StringComparer.Ordinal))
            {
                var owner = ModuleOf(TypeDependencies.NamespaceOf(other), implementationRoots);
                if (owner is not null && owner != module && modules.Contains(owner)
                    && !exceptions.Any(e => Covers(e.User, user) && (e.Owner == "*" || e.Owner == owner)))
                {
                    found.Add($"{user} → {other}");
                }
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="prefix"/> names <paramref name="type"/> or a folder above it.</summary>
    private static bool Covers(string prefix, string type) =>
        type == prefix || type.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static string OwnerOf(string @namespace) => @namespace switch
    {
        "Microsoft.AspNetCore.Identity" => "Admin",
        "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore" => "Persistence",
        _ => ModuleOf(@namespace) ?? @namespace,
    };

    private static string TypeName(Type type)
    {
        var name = type.FullName ?? type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
