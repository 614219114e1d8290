using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>
/// Refuses at start a <see cref="JobsOptions.Schedules"/> entry that names no recurring job (a typo would otherwise
/// leave the job on its default without a word) or a cron Hangfire would refuse. The crons are tried on a scratch
/// in-memory storage, so Hangfire's own parser judges them, and the start does not wait on the real storage.
/// </summary>
internal sealed class SchedulesValidation(IEnumerable<RecurringJobDefinition> jobs) : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var known = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var failures = options.Schedules.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => $"Jobs:Schedules:{k} names no recurring job (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}).")
            .ToList();

        using var scratch = new InMemoryStorage();
        var manager = new RecurringJobManager(scratch);
        foreach (var job in jobs)
        {
            try
            {
                job.AddOrUpdate(manager, options);
            }
            catch (ArgumentException e)
            {
                failures.Add($"Jobs:Schedules:{job.Id} '{job.CronFrom(options)}' is not a cron expression: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
