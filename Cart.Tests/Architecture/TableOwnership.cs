using Cart.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cart.Tests.Architecture;

/// <summary>
/// Which module owns each table, and who uses a module's tables. A module is the namespace directly under a project's
/// root (<c>Cart.Infrastructure.Inventory</c>, <c>Cart.Domain.Inventory</c> and <c>Cart.Web.Inventory</c> are the one
/// Inventory module); a table belongs to the module its entity type lives in. ASP.NET Core Identity's tables belong to
/// the staff accounts (<c>Admin</c>); the Data Protection key ring is the platform's.
/// </summary>
internal static class TableOwnership
{
    public static readonly string[] Roots = ["Cart.Domain", "Cart.Infrastructure", "Cart.Web"];

    /// <summary>
    /// Folders allowed to use every module's tables, each for a reason the architecture document gives: the demo
    /// seeder writes a month of shopping across all modules, in Development only.
    /// </summary>
    public static readonly string[] NamedExceptions = ["Cart.Infrastructure.Demo"];

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
    /// Each use of a table's entity type by a type of another module, as "user → entity (owner)". Types in
    /// <paramref name="exceptions"/> are left out.
    /// </summary>
    public static IReadOnlyList<string> CrossModuleTableUses(IReadOnlyDictionary<string, IReadOnlySet<string>> uses,
        IReadOnlyDictionary<string, string> owners, string[] roots, string[] exceptions)
    {
        var found = new List<string>();
        foreach (var (user, used) in uses.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            var @namespace = TypeDependencies.NamespaceOf(user);
            if (exceptions.Any(e => @namespace == e || @namespace.StartsWith(e + ".", StringComparison.Ordinal)))
            {
                continue;
            }

            var module = ModuleOf(@namespace, roots);
            foreach (var entity in used.Order(StringComparer.Ordinal))
            {
                if (owners.TryGetValue(entity, out var owner) && owner != module)
                {
                    found.Add($"{user} → {entity} ({owner})");
                }
            }
        }

        return found;
    }

    private static string OwnerOf(string @namespace) => @namespace switch
    {
        "Microsoft.AspNetCore.Identity" => "Admin",
        "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore" => "Platform",
        _ => ModuleOf(@namespace) ?? @namespace,
    };

    private static string TypeName(Type type)
    {
        var name = type.FullName ?? type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
