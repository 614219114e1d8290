namespace Cart.Infrastructure.Caching;

/// <summary>Where Redis is. Without a configuration the service runs with its in-process cache only.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>localhost:6379</c>); empty for no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key this service writes, so several services can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "cart:v1:";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
