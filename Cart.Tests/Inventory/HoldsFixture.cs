using Cart.Infrastructure.Inventory;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Scheduling;
using Cart.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Inventory;

/// <summary>
/// Hosts for the hold tests: small caps, so a test reaches them with a few units, and no hold-expiry job, so a hold is
/// released only when a test sweeps (the job would sweep every minute, by the host's clock, whatever a test had
/// moved it to).
/// </summary>
public static class HoldHosts
{
    public const int UserUnitsPerLine = 8;
    public const int UserUnitsPerCart = 12;
    public const int GuestUnitsPerLine = 4;
    public const int GuestUnitsPerCart = 6;

    public static readonly TimeSpan HoldDuration = TimeSpan.FromMinutes(15);

    /// <summary>The <c>expiresAt</c> a document shows for a hold renewed at <paramref name="now"/>: the API writes
    /// times to the second.</summary>
    public static DateTimeOffset ExpiryShownFor(DateTimeOffset now)
    {
        var expiry = now + HoldDuration;
        return expiry.AddTicks(-(expiry.Ticks % TimeSpan.TicksPerSecond));
    }

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Inventory:UserUnitsPerLine"] = $"{UserUnitsPerLine}",
        ["Inventory:UserUnitsPerCart"] = $"{UserUnitsPerCart}",
        ["Inventory:GuestUnitsPerLine"] = $"{GuestUnitsPerLine}",
        ["Inventory:GuestUnitsPerCart"] = $"{GuestUnitsPerCart}",
    };

    public static void WithoutHoldExpiryJob(IServiceCollection services)
    {
        var job = services.Single(d => d.ImplementationInstance is RecurringJobDefinition { Id: HoldExpiryJob.Id });
        services.Remove(job);
    }
}

public sealed class SqliteHoldsFixture()
    : ApiFixture(DatabaseProvider.Sqlite, useRedis: false, settings: HoldHosts.Settings,
        services: HoldHosts.WithoutHoldExpiryJob);

public sealed class PostgresHoldsFixture()
    : ApiFixture(DatabaseProvider.PostgreSql, useRedis: true, settings: HoldHosts.Settings,
        services: HoldHosts.WithoutHoldExpiryJob);

[CollectionDefinition(nameof(SqliteHoldsCollection))]
public sealed class SqliteHoldsCollection : ICollectionFixture<SqliteHoldsFixture>;

[CollectionDefinition(nameof(PostgresHoldsCollection))]
public sealed class PostgresHoldsCollection : ICollectionFixture<PostgresHoldsFixture>;
