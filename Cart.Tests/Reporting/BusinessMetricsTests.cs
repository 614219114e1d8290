using System.Collections.Concurrent;
using System.Data.Common;
using Cart.Domain.Carts;
using Cart.Domain.Reporting;
using Cart.Infrastructure.Persistence;
using Cart.Infrastructure.Reporting;
using Cart.Tests.Api;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Cart.Tests.Reporting.ReportingHost;

namespace Cart.Tests.Reporting;

/// <summary>
/// The business gauges at <c>/metrics</c>: the latest roll-ups, reread every <c>Reporting:MetricsRefreshInterval</c>
/// (30 s by default, on the host's fake clock), never on a scrape, and never from the carts.
/// </summary>
public sealed class BusinessMetricsTests : OwnHostsTest
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_WhenARollupHasRun_ShowTheBusinessGaugesOfTheDayAndHour()
    {
        var host = Own(Create(Database, Day.AddHours(10)));
        var sgd = await host.NewProductAsync("SGD", 5m);
        var (a, b) = (ApiFixture.NewUserId(), ApiFixture.NewUserId());
        await host.Shopper(a).AddAsync(sgd, 2);
        await host.Shopper(b).AddAsync(sgd, 1);
        await host.CheckOutAsync(a);
        var order = await host.CheckOutAsync(b);
        await host.AppendEventAsync(await host.CartIdOfAsync(b), CartActivityTypes.CartRecovered,
            Day.AddHours(10), quantity: 1, detail: order);
        host.At(Day.AddHours(10).AddMinutes(5));
        await host.RunRollupsAsync();
        var client = host.CreateClient();

        host.Clock.Advance(Refresh);
        var scrape = await PrometheusScrape.GetUntilAsync(client,
            s => s.Sum("cart_checkouts", ("period", "day")) > 0);

        Assert.Equal(2, scrape.Sum("cart_checkouts", ("period", "day")));
        Assert.Equal(2, scrape.Sum("cart_checkouts", ("period", "hour")));
        Assert.Equal(2, scrape.Sum("cart_active_carts", ("period", "day")));
        Assert.Equal(2, scrape.Sum("cart_carts_with_items", ("period", "day")));
        Assert.Equal(1, scrape.Sum("cart_average_lines_per_cart", ("period", "day")));
        Assert.Equal(0, scrape.Sum("cart_abandonment_ratio", ("period", "day")));
        Assert.Single(scrape.Series("cart_abandonment_ratio"), s => s.Labels["period"] == "day");
        Assert.Equal(1, scrape.Sum("cart_checkout_conversion_ratio", ("period", "day")));
        Assert.Equal(0, scrape.Sum("cart_reminders_sent", ("period", "day")));
        Assert.Equal(5, scrape.Sum("cart_recovered_revenue", ("period", "day"), ("currency", "SGD")));
        Assert.Empty(scrape.Series("cart_units_held")); // both carts' holds were sold at checkout
        Assert.Equal(Day.AddHours(10).AddMinutes(5).ToUnixTimeSeconds(),
            scrape.Sum("cart_rollup_timestamp_seconds", ("period", "day")));
    }

    [Fact]
    public async Task Metrics_WhenScraped_ReadTheRollupHeldInMemoryAndSendNoDatabaseCommand()
    {
        var commands = new CommandLog();
        var host = Own(Create(Database, Day.AddHours(10),
            services => services.ConfigureDbContext<SqliteCartDbContext>(o => o.AddInterceptors(commands))));
        var sgd = await host.NewProductAsync("SGD", 5m);
        await host.Shopper(ApiFixture.NewUserId()).AddAsync(sgd, 2);
        host.At(Day.AddHours(10).AddMinutes(5));
        await host.RunRollupsAsync();
        var client = host.CreateClient();
        host.Clock.Advance(Refresh);
        var first = await PrometheusScrape.GetUntilAsync(client, s => s.Series("cart_active_carts").Any());
        Assert.Equal(1, first.Sum("cart_active_carts", ("period", "day")));
        Assert.Equal(2, first.Sum("cart_units_held", ("period", "snapshot"), ("sku", sgd)));

        // The roll-up changes behind the instance's back: scrapes keep showing what it read, without asking.
        await host.WithDbAsync(db => db.MetricRollups()
            .Where(r => r.Kind == PeriodKind.Day && r.Metric == MetricNames.ActiveCarts)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, 4242m)));
        commands.Clear();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, (await PrometheusScrape.GetAsync(client)).Sum("cart_active_carts", ("period", "day")));
        }

        Assert.Empty(commands.Texts);

        // Once the interval has passed, the instance rereads the roll-ups (only them) and shows the change.
        host.Clock.Advance(Refresh);
        var scrape = await PrometheusScrape.GetUntilAsync(client,
            s => s.Sum("cart_active_carts", ("period", "day")) == 4242);
        Assert.Equal(4242, scrape.Sum("cart_active_carts", ("period", "day")));
        Assert.NotEmpty(commands.Texts);
        Assert.All(commands.Texts, text => Assert.Contains("metric_rollup", text, StringComparison.Ordinal));
        Assert.DoesNotContain(commands.Texts, text => text.Contains("\"carts\"", StringComparison.Ordinal)
                                                      || text.Contains("cart_events", StringComparison.Ordinal));
    }

    /// <summary>The text of every command the host's database contexts send.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IReadOnlyCollection<string> Texts => _texts.ToArray();

        public void Clear() => _texts.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
