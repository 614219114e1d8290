using System.Linq.Expressions;
using Hangfire;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// A recurring job a module contributes (<see cref="SchedulingServices.AddRecurringJob{TJob}"/>): its id, its default
/// cron, and the call Hangfire stores. The call names a type and a method only, never a value: job arguments stay
/// ids at most, so a stored job never carries stale data.
/// </summary>
public sealed class RecurringJobDefinition
{
    private readonly Action<IRecurringJobManager, string> _addOrUpdate;

    private RecurringJobDefinition(string id, string defaultCron, Action<IRecurringJobManager, string> addOrUpdate)
    {
        Id = id;
        DefaultCron = defaultCron;
        _addOrUpdate = addOrUpdate;
    }

    public string Id { get; }

    public string DefaultCron { get; }

    public static RecurringJobDefinition For<TJob>(string id, string defaultCron, Expression<Func<TJob, Task>> call) =>
        new(id, defaultCron, (manager, cron) =>
            manager.AddOrUpdate(id, call, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc }));

    /// <summary>The cron this job runs on: the configured one, or its default.</summary>
    public string CronFrom(JobsOptions options) =>
        options.Schedules.TryGetValue(Id, out var cron) && !string.IsNullOrWhiteSpace(cron) ? cron : DefaultCron;

    /// <summary>Creates or updates the stored job; Hangfire refuses a cron it cannot parse (ArgumentException).</summary>
    public void AddOrUpdate(IRecurringJobManager manager, JobsOptions options) => _addOrUpdate(manager, CronFrom(options));
}
