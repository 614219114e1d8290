using System.Reflection;
using NetArchTest.Rules;

namespace Cart.Tests.Architecture;

/// <summary>
/// The module rules as functions of an assembly and a root namespace, so each can be run on the real code and on a
/// deliberately bad sample (<c>BadSamples</c>) that proves it catches what it forbids. A module is a namespace
/// directly under the root (<c>Cart.Web.Carts</c>); <c>Platform</c> (web) and <c>Common</c> (domain) are shared by all.
/// </summary>
internal static class ModuleRules
{
    public static readonly string[] SharedNamespaces = ["Platform", "Common"];

    /// <summary>The modules under <paramref name="root"/>: the first namespace segment below it, shared ones aside.</summary>
    public static IReadOnlyList<string> ModulesUnder(Assembly assembly, string root) =>
        assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith(root + ".", StringComparison.Ordinal))
            .Select(ns => ns![(root.Length + 1)..].Split('.')[0])
            .Where(module => !SharedNamespaces.Contains(module))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Types of <c>{root}.Platform</c> that use a module, here or in any of <paramref name="moduleRoots"/>.</summary>
    public static IReadOnlyList<string> PlatformTypesUsingAModule(Assembly assembly, string root,
        IReadOnlyList<string> modules, params string[] moduleRoots)
    {
        var forbidden = moduleRoots.Prepend(root)
            .SelectMany(r => modules.Select(m => $"{r}.{m}"))
            .ToArray();
        return Failing(Types.InAssembly(assembly).That().ResideInNamespace(root + ".Platform")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult());
    }

    /// <summary>
    /// Types of one module under <paramref name="root"/> that use another module's web side or implementation
    /// (<paramref name="implementationRoots"/>, e.g. Cart.Infrastructure). A module reaches another only through what
    /// that module exposes in the domain (its interfaces and the values they return).
    /// </summary>
    public static IReadOnlyList<string> TypesReachingIntoAnotherModule(Assembly assembly, string root,
        IReadOnlyList<string> modules, params string[] implementationRoots)
    {
        var failing = new List<string>();
        foreach (var module in modules)
        {
            var others = modules.Where(m => m != module)
                .SelectMany(m => implementationRoots.Prepend(root).Select(r => $"{r}.{m}"))
                .ToArray();
            if (others.Length == 0)
            {
                continue;
            }

            failing.AddRange(Failing(Types.InAssembly(assembly).That().ResideInNamespace($"{root}.{module}")
                .ShouldNot().HaveDependencyOnAny(others).GetResult()));
        }

        return failing;
    }

    /// <summary>Types under <paramref name="root"/> that use any of <paramref name="forbidden"/>.</summary>
    public static IReadOnlyList<string> TypesUsing(Assembly assembly, string root, params string[] forbidden) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(root)
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult());

    private static List<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : (result.FailingTypeNames ?? []).ToList();
}
