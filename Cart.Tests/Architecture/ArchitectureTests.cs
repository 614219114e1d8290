using System.Reflection;
using System.Xml.Linq;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using NetArchTest.Rules;

namespace Cart.Tests.Architecture;

/// <summary>
/// The layering of CONVENTIONS.md: the domain knows no EF Core and no ASP.NET, Infrastructure knows nothing of the web
/// host, and the Carts module reads the catalog only through <see cref="IProductCatalog"/>. Each rule names what
/// would break it; <see cref="DependencyCheck_WhenTypeUsesNamespace_SeesIt"/> proves the checker sees real uses, so a
/// passing rule is not a rule that looked at nothing.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly DomainAssembly = typeof(ShoppingCart).Assembly;
    private static readonly Assembly InfrastructureAssembly = typeof(CartDbContext).Assembly;
    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    // Broken by, for example, an EF Core attribute ([Index], [Owned]) or a DbContext in Cart.Domain, an
    // IResult/HttpContext in an aggregate, or a domain type reaching into Cart.Infrastructure or Cart.Web.
    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Cart.Infrastructure")]
    [InlineData("Cart.Web")]
    public void Domain_WhenCompiled_DoesNotDependOn(string forbidden)
    {
        var result = Types.InAssembly(DomainAssembly).ShouldNot().HaveDependencyOn(forbidden).GetResult();

        AssertRuleHolds(result, $"Cart.Domain must not depend on {forbidden}");
    }

    // Broken by a package or project reference that Cart.Domain actually uses (the compiler keeps only used references).
    [Fact]
    public void Domain_WhenCompiled_ReferencesNoEfCoreAspNetOrOuterProjectAssemblies()
    {
        string[] forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Cart.Infrastructure", "Cart.Web"];

        var offending = DomainAssembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))
            .ToList();

        Assert.True(offending.Count == 0, $"Cart.Domain references {string.Join(", ", offending)}");
    }

    // Broken by Infrastructure using anything of the host (an endpoint type, a Cart.Web options class, a problem type):
    // that needs a project reference from Infrastructure to Web, which turns the layering upside down.
    [Fact]
    public void Infrastructure_WhenCompiled_DoesNotDependOnWeb()
    {
        var result = Types.InAssembly(InfrastructureAssembly).ShouldNot().HaveDependencyOn("Cart.Web").GetResult();

        AssertRuleHolds(result, "Cart.Infrastructure must not depend on Cart.Web");
        Assert.DoesNotContain(InfrastructureAssembly.GetReferencedAssemblies(),
            a => a.Name is "Cart.Web" || (a.Name?.StartsWith("Cart.Web.", StringComparison.Ordinal) ?? false));
    }

    // Broken by a Carts handler that takes EfProductCatalog or DemoCatalog (Cart.Infrastructure.Catalog) instead of
    // IProductCatalog, calls into the Catalog module's web handlers (Cart.Web.Catalog), or queries db.Products()
    // (the Catalog module's persisted Product entity) itself.
    [Theory]
    [InlineData("Cart.Infrastructure.Catalog")]
    [InlineData("Cart.Web.Catalog")]
    [InlineData("Cart.Domain.Catalog.Product")]
    public void CartsModule_WhenCompiled_DoesNotReachIntoCatalogImplementation(string forbidden)
    {
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace("Cart.Web.Carts")
            .ShouldNot().HaveDependencyOn(forbidden).GetResult();

        AssertRuleHolds(result, $"Cart.Web.Carts must use the catalog through IProductCatalog, not {forbidden}");
    }

    // Broken by a Catalog type that uses anything of the Carts module (its documents, writer or handlers): the
    // catalog knows nothing of carts.
    [Fact]
    public void CatalogModule_WhenCompiled_DoesNotDependOnTheCartsModule()
    {
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace("Cart.Web.Catalog")
            .ShouldNot().HaveDependencyOn("Cart.Web.Carts").GetResult();

        AssertRuleHolds(result, "Cart.Web.Catalog must not depend on Cart.Web.Carts");
    }

    // Broken by a Platform type (auth, problems, rate limits, telemetry, ...) that uses any module's type: a cart
    // exception, a cart limit, the catalog. Platform is what modules stand on; it names none of them.
    [Fact]
    public void Platform_WhenCompiled_UsesNoModule()
    {
        var modules = Modules();

        var failing = ModuleRules.PlatformTypesUsingAModule(WebAssembly, "Cart.Web", modules,
            "Cart.Domain", "Cart.Infrastructure");

        Assert.Contains("Carts", modules);
        Assert.Contains("Catalog", modules);
        Assert.True(failing.Count == 0, $"Cart.Web.Platform must not use a module; broken by: {string.Join(", ", failing)}");
    }

    // Broken by a module's web code using another module's web code (Cart.Web.Catalog calling a cart handler) or its
    // implementation (Cart.Web.Carts using Cart.Infrastructure.Catalog): modules meet only through the interfaces the
    // domain exposes (IProductCatalog and the values it returns).
    [Fact]
    public void Modules_WhenCompiled_ReachEachOtherOnlyThroughTheirInterfaces()
    {
        var failing = ModuleRules.TypesReachingIntoAnotherModule(WebAssembly, "Cart.Web", Modules(),
            "Cart.Infrastructure");

        Assert.True(failing.Count == 0, $"A module reaches into another; broken by: {string.Join(", ", failing)}");
    }

    // The rules can fail: run on deliberately bad samples in this test assembly (BadSamples), each finds its break.
    [Fact]
    public void ModuleRules_WhenRunOnBadSamples_FindEachBreak()
    {
        var tests = typeof(ArchitectureTests).Assembly;
        const string root = "Cart.Tests.Architecture.BadSamples.Web";
        var modules = ModuleRules.ModulesUnder(tests, root);

        Assert.Equal(["Carts", "Catalog"], modules);
        Assert.Contains(ModuleRules.PlatformTypesUsingAModule(tests, root, modules),
            t => t.EndsWith("SamplePlatformKnowingCarts", StringComparison.Ordinal));
        Assert.Contains(ModuleRules.TypesReachingIntoAnotherModule(tests, root, modules),
            t => t.EndsWith("SampleCatalogReadingCartLines", StringComparison.Ordinal));
        Assert.Contains(ModuleRules.TypesUsing(tests, "Cart.Tests.Architecture.BadSamples.Domain",
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"),
            t => t.EndsWith("SampleAggregateWithInfrastructure", StringComparison.Ordinal));
    }

    // Guards the rules above against passing vacuously: the same queries do find uses where there are some,
    // including the Carts module's use of the Catalog's seam (which it is allowed).
    [Fact]
    public void DependencyCheck_WhenTypeUsesNamespace_SeesIt()
    {
        var efUsers = Types.InAssembly(InfrastructureAssembly).That()
            .HaveDependencyOn("Microsoft.EntityFrameworkCore").GetTypes().ToList();
        var catalogSeamUsers = Types.InAssembly(WebAssembly).That().ResideInNamespace("Cart.Web.Carts")
            .And().HaveDependencyOn(typeof(IProductCatalog).FullName!).GetTypes().Select(t => t.Name).ToList();
        var productEntityUsers = Types.InAssembly(InfrastructureAssembly).That()
            .HaveDependencyOn(typeof(Product).FullName!).GetTypes().Select(t => t.Name).ToList();

        Assert.Contains(typeof(CartDbContext), efUsers);
        Assert.Contains("AddItemToCart", catalogSeamUsers);
        Assert.Contains("DemoCatalog", productEntityUsers);
        Assert.NotEmpty(Types.InAssembly(DomainAssembly).GetTypes());
    }

    // Broken by any DateTime.UtcNow / DateTimeOffset.UtcNow (or .Now, .Today, TimeProvider.System) in production
    // code: the domain takes `now`, everything else injects TimeProvider, so tests can fake time. The build enforces
    // it (BannedSymbols.txt, RS0030 as an error); these tests show that the analyzer rejects each form and that every
    // production project, and no other, runs it.
    [Fact]
    public async Task BannedSymbols_WhenSampleReadsTheClock_AnalyzerFlagsEveryRead()
    {
        const string sample = """
            using System;
            internal static class Sample
            {
                public static object[] Reads() =>
                [
                    DateTime.UtcNow,
                    DateTime.Now,
                    DateTime.Today,
                    DateTimeOffset.UtcNow.AddDays(1),
                    System.DateTimeOffset . Now,
                    TimeProvider.System.GetUtcNow(),
                ];

                // Not reads of the system clock: an injected clock, look-alike names, a comment (DateTime.UtcNow).
                public static object[] Fine(TimeProvider clock, DateTimeOffset updatedAt) =>
                    [clock.GetUtcNow(), updatedAt.Date, DateTime.MinValue, "DateTime.UtcNow"];

            #pragma warning disable RS0030 // the escape hatch the host uses for its one default registration
                public static TimeProvider Default() => TimeProvider.System;
            #pragma warning restore RS0030
            }
            """;

        var flagged = await BannedClockReads.FlaggedLinesAsync(sample);

        Assert.Equal([6, 7, 8, 9, 10, 11], flagged);
    }

    // The escape hatch above is for registering the system clock, in one place: the service's default clock and the
    // real-time one retries pause on, side by side, so no other file decides which clock something runs on.
    [Fact]
    public void ProductionSource_WhenSearchedForTheClockBanEscape_HasItInDependencyInjectionOnly()
    {
        var escapes = new[] { "Cart.Domain", "Cart.Infrastructure", "Cart.Web" }
            .SelectMany(project => Directory.EnumerateFiles(SourceTree.PathOf(project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file)
                .Where(line => line.TrimStart().StartsWith("#pragma warning disable RS0030", StringComparison.Ordinal))
                .Select(_ => Path.GetRelativePath(SourceTree.Root, file).Replace(Path.DirectorySeparatorChar, '/')))
            .ToList();

        Assert.Equal(["Cart.Infrastructure/DependencyInjection.cs"], escapes);
    }

    [Fact]
    public void BuildProps_WhenRead_RunTheBannedApiAnalyzerOnEveryProductionProjectOnly()
    {
        var props = XDocument.Load(SourceTree.PathOf("Directory.Build.props"));
        var group = Assert.Single(props.Descendants("ItemGroup"), g => g.Elements("PackageReference")
            .Any(p => (string?)p.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers"));
        var condition = (string?)group.Attribute("Condition") ?? "";
        var projects = File.ReadAllLines(SourceTree.PathOf("Cart.sln"))
            .Where(line => line.StartsWith("Project(", StringComparison.Ordinal))
            .Select(line => line.Split('"')[3])
            .ToList();

        Assert.Equal(["Cart.Domain", "Cart.Infrastructure", "Cart.Tests", "Cart.Web"], projects.Order());
        foreach (var project in projects)
        {
            Assert.Equal(project != "Cart.Tests",
                condition.Contains($"'$(MSBuildProjectName)' == '{project}'", StringComparison.Ordinal));
        }

        Assert.Contains(group.Elements("AdditionalFiles"),
            f => ((string?)f.Attribute("Include") ?? "").EndsWith("BannedSymbols.txt", StringComparison.Ordinal));
        Assert.Equal("true", props.Descendants("TreatWarningsAsErrors").Single().Value);
        Assert.True(File.Exists(BannedClockReads.BannedSymbolsPath));
    }

    private static List<string> Modules() =>
        ModuleRules.ModulesUnder(WebAssembly, "Cart.Web").Union(ModuleRules.ModulesUnder(DomainAssembly, "Cart.Domain"))
            .ToList();

    private static void AssertRuleHolds(TestResult result, string rule)
    {
        var failing = result.FailingTypeNames ?? [];
        Assert.True(result.IsSuccessful, $"{rule}; broken by: {string.Join(", ", failing)}");
    }
}
