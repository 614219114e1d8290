using System.Globalization;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Persistence;
using Cart.Web.Platform.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Cart.Web.Platform.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: the database, Redis and the background
/// jobs, each reported as it is; the service is <c>unhealthy</c> (503) only when an essential dependency (the
/// database) is, and <c>degraded</c> (200) when anything else is down, since it still serves from the database.
/// Both routes are anonymous, not rate-limited, kept out of the request metrics, and every check gives up after
/// <see cref="HealthOptions.CheckTimeout"/>, so a probe is answered within about two seconds whatever hangs. A check's
/// result answers every probe for <see cref="HealthOptions.CacheDuration"/> (<see cref="SharedCheckResults"/>), so a
/// flood of probes does not become a flood of database connections.
/// </summary>
internal static class HealthSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";
    public const string EssentialTag = "essential";
    public const string Database = "database";
    public const string Redis = "redis";
    public const string Jobs = "jobs";

    public static IServiceCollection AddCartHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>()
            .BindConfiguration(HealthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SharedCheckResults>();
        var checks = services.AddHealthChecks();

        // CanConnect: a fresh connection to the system of record (Npgsql's check bypasses the pool).
        checks.AddDbContextCheck<CartDbContext>(Database, HealthStatus.Unhealthy, [ReadyTag, EssentialTag]);

        if (services.HasRedis())
        {
            // A PING over the cache's own connection.
            checks.AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), Redis, HealthStatus.Unhealthy,
                [ReadyTag]);
        }
        else
        {
            checks.AddCheck(Redis, () => HealthCheckResult.Healthy("not configured: the in-process cache is used"),
                [ReadyTag]);
        }

        // This instance's job server: degraded when it is not running, unhealthy when its storage cannot be read.
        checks.AddCheck<JobServerHealthCheck>(Jobs, HealthStatus.Unhealthy, [ReadyTag]);

        // Every check, these and any added later, is bounded by the check timeout (see GivesUpAfterTimeout) and its
        // runs are shared between probes (see SharedCheckResults).
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var create = registration.Factory;
                registration.Factory = sp => new SharedCheck(sp.GetRequiredService<SharedCheckResults>(),
                    new GivesUpAfterTimeout(sp.GetRequiredService<IServiceScopeFactory>(), create,
                        sp.GetRequiredService<IOptions<HealthOptions>>().Value.CheckTimeout));
                registration.Timeout = Timeout.InfiniteTimeSpan;
            }
        });
        return services;
    }

    public static WebApplication MapCartHealth(this WebApplication app)
    {
        var health = app.MapGroup("/health")
            .AllowAnonymous()
            .DisableHttpMetrics()
            .DisableRateLimiting()
            .ExcludeFromDescription();
        health.MapGet("/live", Live).WithName("HealthLive");
        health.MapGet("/ready", ReadyAsync).WithName("HealthReady");
        return app;
    }

    /// <summary>
    /// Every check gets <paramref name="checkTimeout"/>, then counts as failed. The health check service's own timeout
    /// only cancels the token and still waits for the check, and not every client gives up when asked: Npgsql waits
    /// out its connect timeout on a server that accepts and never answers. So the check runs in a scope of its own,
    /// and on timeout it is left to finish in the background, where its scope (its DbContext, its connection) is
    /// disposed once it has.
    /// </summary>
    private sealed class GivesUpAfterTimeout(IServiceScopeFactory scopes, Func<IServiceProvider, IHealthCheck> create,
        TimeSpan checkTimeout) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
            CancellationToken cancellationToken = default)
        {
            var scope = scopes.CreateAsyncScope();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(checkTimeout);
            var check = RunAsync(create, scope.ServiceProvider, context, timeout.Token);
            try
            {
                return await check.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    string.Create(CultureInfo.InvariantCulture, $"no answer within {checkTimeout.TotalSeconds:0.#} s"));
            }
            finally
            {
                _ = DisposeWhenDoneAsync(check, scope);
            }
        }

        private static async Task<HealthCheckResult> RunAsync(Func<IServiceProvider, IHealthCheck> create,
            IServiceProvider services, HealthCheckContext context, CancellationToken cancellationToken) =>
            await create(services).CheckHealthAsync(context, cancellationToken);

        private static async Task DisposeWhenDoneAsync(Task check, AsyncServiceScope scope)
        {
            // The outcome was reported (or the failure rethrown) already; this only releases what the check held.
            await check.ContinueWith(static _ => { }, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                await scope.DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // A connection still half-open refuses to close; it is dropped with the scope all the same.
            }
        }
    }

    private static Ok<HealthDocument> Live(HttpContext http, TimeProvider clock)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(HealthDocument.Live(clock.GetUtcNow()));
    }

    private static async Task<JsonHttpResult<HealthDocument>> ReadyAsync(HttpContext http, HealthCheckService checks,
        TimeProvider clock)
    {
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), http.RequestAborted);
        var document = HealthDocument.Ready(report, clock.GetUtcNow());
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(document, statusCode: document.Status == HealthDocument.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK);
    }
}
