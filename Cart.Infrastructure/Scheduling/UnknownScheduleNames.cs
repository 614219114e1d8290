using Microsoft.Extensions.Options;

namespace Cart.Infrastructure.Scheduling;

/// <summary>Refuses a <see cref="JobsOptions.Schedules"/> entry that names no recurring job (a typo would otherwise
/// leave the job on its default without a word).</summary>
internal sealed class UnknownScheduleNames(IEnumerable<RecurringJobDefinition> jobs) : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var known = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = options.Schedules.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Jobs:Schedules names no recurring job: {string.Join(", ", unknown)} (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
    }
}
