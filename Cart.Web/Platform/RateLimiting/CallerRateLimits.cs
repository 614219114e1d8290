using System.Globalization;
using System.Threading.RateLimiting;
using Cart.Domain.Common;
using Cart.Infrastructure.Caching;
using Cart.Infrastructure.Resilience;
using Cart.Web.Platform.Auth;
using Cart.Web.Platform.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Cart.Web.Platform.RateLimiting;

/// <summary>
/// The global limiter: one fixed window per caller on <c>/api</c> routes, and one per client address for starting guest
/// sessions; nothing else is limited here (failed sign-ins are counted by <see cref="SignInFailures"/>). Shared through
/// Redis when it is configured, in process otherwise; and the answer a caller over its limit gets.
/// </summary>
internal sealed class CallerRateLimits : IDisposable, IAsyncDisposable
{
    private readonly Budget _users;
    private readonly Budget _guests;
    private readonly Budget _anonymous;
    private readonly Budget _guestSessions;
    private readonly (IConnectionMultiplexer Connection, RedisCircuitBreaker Breaker)? _redis;
    private readonly string _redisKeyPrefix;
    private readonly TimeProvider _clock;

    public CallerRateLimits(IOptions<RateLimitOptions> options, IOptions<RedisOptions> redis, TimeProvider clock,
        IServiceProvider services)
    {
        var o = options.Value;
        _users = new Budget(o.UserPermitLimit, o.UserWindow);
        _guests = new Budget(o.GuestPermitLimit, o.GuestWindow);
        _anonymous = new Budget(o.AnonymousPermitLimit, o.AnonymousWindow);
        _guestSessions = new Budget(o.GuestSessionPermitLimit, o.GuestSessionWindow);
        _clock = clock;
        // Registered only when Redis:Configuration is set, and then it exists even while Redis is down.
        var multiplexer = services.GetService<IConnectionMultiplexer>();
        _redis = multiplexer is null ? null : (multiplexer, services.GetRequiredService<RedisCircuitBreaker>());
        _redisKeyPrefix = redis.Value.KeyPrefix;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionOf);
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var seconds = RetryAfterSeconds(rejected.Lease, CallerOf(http)!.Value.Budget.Window);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        await Problem.WriteAsync(http, Problem.For(ProblemCodes.RateLimited,
            $"Too many requests from this caller; retry in {seconds} seconds."));
    }

    public void Dispose() => Limiter.Dispose();

    public ValueTask DisposeAsync() => Limiter.DisposeAsync();

    /// <summary>Whole seconds, at least 1: the lease's own wait when it has one, else a whole window.</summary>
    private static int RetryAfterSeconds(RateLimitLease lease, TimeSpan window)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var local) ? local
            : lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var shared) ? TimeSpan.FromSeconds(shared)
            : window;
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }

    private RateLimitPartition<string> PartitionOf(HttpContext context)
    {
        // Health, metrics, the OpenAPI document and the reference page are for operators and tools, not callers.
        if (CallerOf(context) is not { } caller)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var (key, budget) = caller;
        if (_redis is not { } redis)
        {
            return RateLimitPartition.GetFixedWindowLimiter(key,
                _ => RedisOrLocalRateLimiter.LocalOptions(budget.PermitLimit, budget.Window));
        }

        // RedisRateLimiting names its keys itself (rl:fw:{key}); the prefix inside keeps services and tests apart.
        return RateLimitPartition.Get(key, k => new RedisOrLocalRateLimiter(_redisKeyPrefix + k, budget.PermitLimit,
            budget.Window, redis.Connection, redis.Breaker, _clock));
    }

    /// <summary>
    /// The caller: the client's address for starting guest sessions (a token buys nothing
    /// there: each new session would bring a fresh budget), else, on <c>/api</c> routes, the token's subject wherever
    /// there is a valid token, else the address. Null: not limited.
    /// </summary>
    private (string Key, Budget Budget)? CallerOf(HttpContext context)
    {
        // Routing has matched the endpoint by now, so its metadata, not the path as spelled, says what the call is.
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<GuestSessionStartBudget>() is not null)
        {
            return ("guest-sessions:" + AddressOf(context), _guestSessions);
        }

        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return null;
        }

        if (context.User.Identities.Any(i => i.IsAuthenticated))
        {
            var owner = context.User.GetCartOwner();
            return (owner.Key, owner.Kind == OwnerKind.User ? _users : _guests);
        }

        return ("ip:" + AddressOf(context), _anonymous);
    }

    private static string AddressOf(HttpContext context) => ClientAddress.KeyOf(context.Connection.RemoteIpAddress);

    private readonly record struct Budget(int PermitLimit, TimeSpan Window);
}
