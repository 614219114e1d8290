using Cart.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Cart.Tests.Fixtures;

/// <summary>A test host logs to a file of its own, and a failing test shows the logs of its own hosts.</summary>
public sealed class HostLogsTests() : OwnHostsTest(DatabaseProvider.Sqlite)
{
    [Fact]
    public void Host_WhenStarted_LogsToItsFileAndNotToTheConsole()
    {
        using var host = new CartAppFactory(Database);

        var providers = host.Services.GetServices<ILoggerProvider>().ToList();

        Assert.DoesNotContain(providers, p => p is ConsoleLoggerProvider);
        Assert.Contains(host.Log, providers);
        Assert.StartsWith(HostLogs.Folder, host.Log.Path, StringComparison.Ordinal);
        Assert.StartsWith($"{nameof(HostLogsTests)}-sqlite-", Path.GetFileName(host.Log.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForFailure_WhenTheTestMadeAHost_ShowsItsPathAndItsLastLines()
    {
        var started = DateTimeOffset.UtcNow;
        var marker = $"marker-{Guid.NewGuid():N}";
        await using (var host = new CartAppFactory(Database))
        {
            host.Services.GetRequiredService<ILogger<HostLogsTests>>().LogWarning("{Marker}", marker);
            Assert.Contains(host.Log.Tail(HostLogs.TailLines), line => line.Contains(marker, StringComparison.Ordinal));

            var shown = HostLogs.ForFailure(GetType(), started);

            Assert.Contains(host.Log.Path, shown, StringComparison.Ordinal);
            Assert.Contains(marker, shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ForFailure_WhenAnEarlierTestOfTheClassMadeAHost_LeavesItOut()
    {
        await using var earlier = new CartAppFactory(Database);
        _ = earlier.Services;
        var started = DateTimeOffset.UtcNow.AddTicks(1);

        var shown = HostLogs.ForFailure(GetType(), started);

        Assert.DoesNotContain(earlier.Log.Path, shown, StringComparison.Ordinal);
    }
}
