using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;

namespace Cart.Tests.Carts;

public sealed class CartsOptionsTests
{
    [Theory]
    [InlineData("Carts:InactiveAfter", "1.23:59:59")] // under two days: reads are recorded once a day
    [InlineData("Carts:InactiveAfter", "3650.00:00:01")]
    [InlineData("Carts:CleanupBatchSize", "0")]
    [InlineData("Carts:CleanupBatchSize", "10001")]
    public async Task Start_WhenACleanupSettingIsOutOfRange_FailsNamingIt(string setting, string value)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CartAppFactory(database,
            settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(setting.Split(':')[1], error.ToString(), StringComparison.Ordinal);
    }
}
