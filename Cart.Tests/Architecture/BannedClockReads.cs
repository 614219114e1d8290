using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Cart.Tests.Architecture;

/// <summary>
/// Runs the banned-API analyzer, as the production build does, over a C# sample with the repository's
/// BannedSymbols.txt, so a test can show which lines the build would reject.
/// </summary>
internal static class BannedClockReads
{
    public const string DiagnosticId = "RS0030";

    public static string BannedSymbolsPath => SourceTree.PathOf("BannedSymbols.txt");

    /// <summary>The 1-based lines of <paramref name="source"/> the analyzer reports as using a banned symbol.</summary>
    public static async Task<IReadOnlyList<int>> FlaggedLinesAsync(string source)
    {
        var compilation = CSharpCompilation.Create("Sample",
            [CSharpSyntaxTree.ParseText(source)],
            PlatformReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
        {
            throw new InvalidOperationException("The sample does not compile: " + string.Join("; ", compileErrors));
        }

        var options = new AnalyzerOptions([new FileText(BannedSymbolsPath)]);
        var diagnostics = await compilation.WithAnalyzers(Analyzers(), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == DiagnosticId)
            .Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1)
            .Order()
            .ToList();
    }

    private static ImmutableArray<DiagnosticAnalyzer> Analyzers()
    {
        var package = typeof(BannedClockReads).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BannedApiAnalyzersPackage").Value!;
        var folder = Path.Combine(package, "analyzers", "dotnet", "cs");
        Assembly.LoadFrom(Path.Combine(folder, "Microsoft.CodeAnalysis.BannedApiAnalyzers.dll"));
        var analyzers = Assembly.LoadFrom(Path.Combine(folder, "Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll"))
            .GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                                      && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return analyzers.IsEmpty ? throw new InvalidOperationException($"No analyzer found in {folder}.") : analyzers;
    }

    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                       || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
        .Select(path => MetadataReference.CreateFromFile(path));

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) =>
            SourceText.From(File.ReadAllText(path));
    }
}
