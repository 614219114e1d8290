using System.Net;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Cart.Tests.Api;

/// <summary>Auth:GuestTokenLifetime: what POST /guest-sessions promises in <c>expiresAt</c>, and what it accepts.</summary>
public sealed class GuestSessionTests
{
    [Fact]
    public async Task StartGuestSession_WhenLifetimeIsConfigured_ExpiresWhenItSays()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database,
            settings: new Dictionary<string, string?> { ["Auth:GuestTokenLifetime"] = "02:30:00" });
        var expected = factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(150);

        var session = await (await factory.CreateClient().PostAsync(CartApi.GuestSessions, null))
            .ExpectAsync(HttpStatusCode.Created);

        // Timestamps are written in whole seconds, as the token's exp is.
        var token = session.GetProperty("token").GetString()!;
        var expiresAt = session.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(expected.ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds());
        Assert.Equal(expiresAt, new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero));
        var guest = factory.ClientWithToken(token);
        await guest.GetCartAsync();

        // Past expiry and the 30 s of tolerated clock difference.
        factory.Clock.Advance(TimeSpan.FromMinutes(150) + TimeSpan.FromSeconds(31));
        await (await guest.GetAsync(CartApi.Cart)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("00:04:59")]
    [InlineData("90.00:00:01")]
    [InlineData("-01:00:00")]
    public async Task Start_WhenGuestTokenLifetimeIsOutOfRange_FailsNamingTheSetting(string lifetime)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database,
            settings: new Dictionary<string, string?> { ["Auth:GuestTokenLifetime"] = lifetime });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("GuestTokenLifetime", error.ToString(), StringComparison.Ordinal);
    }
}
