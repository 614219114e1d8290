using Cart.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>A test database is dropped only once the job servers of its hosts have stopped.</summary>
public sealed class TestDatabaseTests
{
    [Fact]
    public async Task Dispose_WhileAHostsJobServerStillFinishesAJob_DropsTheDatabaseOnlyAfterItStopped()
    {
        var database = (PostgresTestDatabase)await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var host = new CartAppFactory(database);
        host.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => UnstoppableJob.Run());
        await UnstoppableJob.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The host's stop gives its job server two seconds (Jobs:StopTimeout), then leaves the job to finish.
        await host.DisposeAsync();
        Assert.Equal(1, await database.RunningJobServersAsync());

        var drop = database.DisposeAsync().AsTask();
        var droppedWhileTheJobRan = await Task.WhenAny(drop, Task.Delay(TimeSpan.FromSeconds(2))) == drop;
        UnstoppableJob.Finish.TrySetResult();
        await drop;

        Assert.False(droppedWhileTheJobRan, "the database was dropped while its job server still ran");
    }

    /// <summary>A job that does not listen for the server's stop, as a worker in a long call does not.</summary>
    public static class UnstoppableJob
    {
        public static readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public static readonly TaskCompletionSource Finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static void Run()
        {
            Started.TrySetResult();
            Finish.Task.Wait(TimeSpan.FromSeconds(60));
        }
    }
}
