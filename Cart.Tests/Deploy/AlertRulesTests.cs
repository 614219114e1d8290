using System.Diagnostics;
using Cart.Tests.Architecture;

namespace Cart.Tests.Deploy;

/// <summary>
/// deploy/prometheus is checked by Prometheus's own tool: the rules parse, the configuration loads them, and every
/// alert fires (and stays quiet) as alerts.test.yml and checkouts.test.yml say. promtool comes from Debian's
/// <c>prometheus</c> package, which scripts/test.sh installs.
/// </summary>
public sealed class AlertRulesTests
{
    private static readonly string Folder = SourceTree.PathOf("deploy/prometheus");

    [Fact]
    public async Task CheckRules_WhenRunOnAlerts_FindsFourValidRules()
    {
        var (exitCode, output) = await PromtoolAsync("check", "rules", "alerts.yml");

        Assert.True(exitCode == 0, $"promtool check rules failed ({exitCode}):\n{output}");
        Assert.Contains("4 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_WhenRunOnPrometheusConfig_LoadsTheAlerts()
    {
        var (exitCode, output) = await PromtoolAsync("check", "config", "prometheus.yml");

        Assert.True(exitCode == 0, $"promtool check config failed ({exitCode}):\n{output}");
        Assert.Contains("1 rule files found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_WhenRunOnAlertTests_PassesEveryCase()
    {
        var (exitCode, output) = await PromtoolAsync("test", "rules", "alerts.test.yml");

        Assert.True(exitCode == 0, $"promtool test rules failed ({exitCode}):\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    // Eight days of series evaluated every 5 minutes: the slowest promtool run here, so it gets more time.
    [Fact]
    public async Task TestRules_WhenRunOnCheckoutAlertTests_PassesEveryCase()
    {
        var (exitCode, output) = await PromtoolAsync(TimeSpan.FromMinutes(5), "test", "rules", "checkouts.test.yml");

        Assert.True(exitCode == 0, $"promtool test rules failed ({exitCode}):\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AlertTests_WhenRead_CoverEachAlertFiringAndQuiet()
    {
        var alerts = File.ReadAllLines(Path.Combine(Folder, "alerts.yml"))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("- alert: ", StringComparison.Ordinal))
            .Select(l => l["- alert: ".Length..])
            .ToList();
        var tests = string.Concat(Directory.GetFiles(Folder, "*.test.yml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText));

        Assert.Equal(["CartCacheHitRateLow", "CartCheckoutsDropped", "CartErrorRateHigh", "CartOperationSlow"],
            alerts.Order());
        foreach (var alert in alerts)
        {
            var cases = tests.Split($"alertname: {alert}").Skip(1).Select(c => c.TrimStart()).ToList();
            Assert.Contains(cases, c => c.StartsWith("exp_alerts:", StringComparison.Ordinal) && !IsQuiet(c));
            Assert.Contains(cases, IsQuiet);
        }
    }

    private static bool IsQuiet(string testCase) => testCase.StartsWith("exp_alerts: []", StringComparison.Ordinal);

    private static Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments) =>
        PromtoolAsync(TimeSpan.FromMinutes(1), arguments);

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(TimeSpan timeLimit, params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "promtool is not installed: run the tests with scripts/test.sh, or `apt-get install prometheus`.", ex);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(timeLimit);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, $"{await stdout}{await stderr}");
        }
    }
}
