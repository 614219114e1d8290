using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Architecture;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Api;

/// <summary>
/// The served document passes Redocly's recommended rules (redocly.yaml says why any rule is off), so third-party
/// tools and client generators take it as it is. Needs npx (scripts/test.sh installs npm); the CLI is pinned.
/// </summary>
public sealed class OpenApiLintTests
{
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    [Fact]
    public async Task Document_WhenLintedWithRedoclysRecommendedRules_HasNoErrorsOrWarnings()
    {
        // The committed development settings, so the demo token route is in the document too.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database, "Development", testAuth: false);
        var document = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        var folder = Directory.CreateTempSubdirectory("cart-openapi-");
        try
        {
            var path = Path.Combine(folder.FullName, "openapi.json");
            await File.WriteAllTextAsync(path, document);

            var (exitCode, output, errors) = await RunAsync("npx", "--prefer-offline", "--yes", RedoclyCli, "lint",
                "--config", SourceTree.PathOf("redocly.yaml"), "--format=json", path);

            var report = ParseReport(output, exitCode, errors);
            var totals = report.GetProperty("totals");
            Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0,
                $"Redocly lint found problems in the served document:{Environment.NewLine}" +
                string.Join(Environment.NewLine, report.GetProperty("problems").EnumerateArray().Select(p =>
                    $"  {p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()} at " +
                    $"{p.GetProperty("location")[0].GetProperty("pointer").GetString()}: {p.GetProperty("message").GetString()}")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonElement ParseReport(string output, int exitCode, string errors)
    {
        var start = output.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, $"{RedoclyCli} printed no report (exit code {exitCode}):{Environment.NewLine}{output}{errors}");
        return JsonSerializer.Deserialize<JsonElement>(output[start..]);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string command,
        params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SourceTree.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        using var process = Process.Start(start)
                            ?? throw new InvalidOperationException($"Could not start {command}; is npm installed?");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // A first run downloads the pinned CLI; later runs take it from npm's cache.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await errors);
    }
}
