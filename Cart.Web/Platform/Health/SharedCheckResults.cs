using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cart.Web.Platform.Health;

/// <summary>
/// Each health check's latest run, shared by every probe for <see cref="HealthOptions.CacheDuration"/> after it ends:
/// probes that arrive while a check runs wait for that run instead of starting their own, so however many arrive, each
/// check runs at most once per interval.
/// </summary>
internal sealed class SharedCheckResults(TimeProvider clock, IOptions<HealthOptions> options)
{
    /// <summary>The key in a result's data of how long the run took (a probe answered from it took next to nothing).</summary>
    public const string RunDurationKey = "runDuration";

    private readonly Dictionary<string, Run> _latest = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<HealthCheckResult> GetAsync(HealthCheckContext context, IHealthCheck check,
        CancellationToken cancellationToken)
    {
        var name = context.Registration.Name;
        Run run;
        lock (_gate)
        {
            if (_latest.TryGetValue(name, out var latest) && IsFresh(latest))
            {
                return latest.Result.WaitAsync(cancellationToken);
            }

            run = new Run();
            _latest[name] = run;
        }

        _ = RunAsync(run, context, check);
        return run.Result.WaitAsync(cancellationToken);
    }

    private bool IsFresh(Run run) =>
        run.EndedAt is not { } ended || clock.GetUtcNow() < ended + options.Value.CacheDuration;

    /// <summary>
    /// Not cancelled with the probe that started it, since others wait for it too; the check's own timeout bounds it.
    /// </summary>
    private async Task RunAsync(Run run, HealthCheckContext context, IHealthCheck check)
    {
        var started = clock.GetTimestamp();
        try
        {
            var result = await check.CheckHealthAsync(context, CancellationToken.None);
            var data = new Dictionary<string, object>(result.Data) { [RunDurationKey] = clock.GetElapsedTime(started) };
            End(run, () => run.Completion.SetResult(
                new HealthCheckResult(result.Status, result.Description, result.Exception, data)));
        }
        catch (Exception ex)
        {
            // The health check service reports a check that throws as failed, with the exception: so it is here.
            End(run, () => run.Completion.SetException(ex));
        }
    }

    private void End(Run run, Action complete)
    {
        lock (_gate)
        {
            run.EndedAt = clock.GetUtcNow();
        }

        complete();
    }

    private sealed class Run
    {
        public TaskCompletionSource<HealthCheckResult> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<HealthCheckResult> Result => Completion.Task;

        public DateTimeOffset? EndedAt { get; set; }
    }
}

/// <summary>A check whose runs <see cref="SharedCheckResults"/> shares between probes.</summary>
internal sealed class SharedCheck(SharedCheckResults results, IHealthCheck check) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default) =>
        results.GetAsync(context, check, cancellationToken);
}
