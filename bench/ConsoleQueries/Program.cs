using System.Diagnostics;
using System.Globalization;
using Cart.Domain.Carts.Support;
using Cart.Infrastructure.Demo;
using Cart.Web.Admin.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

// Times the admin console's data on the database bench/console.sh seeded (1,000,000 carts, bench/console-seed.sql),
// through the service's own code (the host is the real one, configured from the environment as in production):
//   rollup     the real roll-up of every hour and day of the 30 seeded days (once; the dashboard reads its output)
//   dashboard  the dashboard's report for each preset period (24 h hourly, 7 and 30 days daily) and its CSV figures
//   look-up    a cart look-up by each key (user id, email, guest session, cart id, order id), then the first cart's
//              detail and its timeline, each key a different shopper of the middle of the range every time
// Each operation runs Warm-up times unmeasured, then Runs times; prints the median, 95th and 99th percentile and max.
internal static class ConsoleQueriesBench
{
    private const int Warmup = 20;

    private static int Runs { get; set; } = 200;

    public static async Task Main()
    {
        Runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_RUNS") ?? "200", CultureInfo.InvariantCulture);

        await using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Production"));
        _ = host.Server;

        using (var scope = host.Services.CreateScope())
        {
            var rollups = ActivatorUtilities.CreateInstance<DemoRollups>(scope.ServiceProvider);
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            var clock = Stopwatch.StartNew();
            var written = await rollups.RollUpAsync(now.AddDays(-30), now, CancellationToken.None);
            Console.WriteLine($"rollup: {written} periods of 30 days rolled up in {clock.Elapsed.TotalSeconds:F1} s " +
                              $"({clock.Elapsed.TotalMilliseconds / Math.Max(written, 1):F0} ms a period)");
        }

        Console.WriteLine($"{"operation",-28} {"runs",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var preset in DashboardPeriod.Presets)
        {
            await TimeAsync(host, $"dashboard {preset}", async (services, _) =>
            {
                var dashboard = services.GetRequiredService<DashboardService>();
                var report = await dashboard.ReportAsync(dashboard.Preset(preset), CancellationToken.None);
                Check(report.HasData, "the dashboard has no figures: did the roll-up run?");
            });
        }

        await TimeAsync(host, "dashboard csv 30d", async (services, _) =>
        {
            var dashboard = services.GetRequiredService<DashboardService>();
            var figures = await dashboard.FiguresAsync(dashboard.Preset(DashboardPeriod.Last30Days), CancellationToken.None);
            Check(figures.Count > 0, "no figures for the CSV");
        });

        (CartLookupKey Key, Func<int, string> Value)[] keys =
        [
            (CartLookupKey.UserId, i => "u_con_" + Shopper(i, n => n % 10 >= 4)),
            (CartLookupKey.Email, i => $"shopper{Shopper(i, n => n % 10 >= 4)}@bench.cart"),
            (CartLookupKey.GuestSessionId, i => "g_con_" + Shopper(i, n => n % 10 < 4)),
            (CartLookupKey.CartId, i => "c_con_" + Shopper(i, _ => true).ToString("D7", CultureInfo.InvariantCulture)),
            (CartLookupKey.OrderId, i => "o_con_" + Shopper(i, n => n % 8 == 0).ToString("D7", CultureInfo.InvariantCulture)),
        ];
        foreach (var (key, value) in keys)
        {
            await TimeAsync(host, $"look-up by {key}", async (services, i) =>
            {
                var page = await services.GetRequiredService<ICartLookup>().FindAsync(key, value(i), 0, 25, CancellationToken.None);
                Check(page.TotalCount > 0, $"no cart found by {key} {value(i)}");
            });
        }

        await TimeAsync(host, "cart detail + timeline", async (services, i) =>
        {
            var lookup = services.GetRequiredService<ICartLookup>();
            var cartId = "c_con_" + Shopper(i, _ => true).ToString("D7", CultureInfo.InvariantCulture);
            var cart = await lookup.GetAsync(cartId, CancellationToken.None);
            var timeline = await lookup.TimelineAsync(cartId, 0, 25, CancellationToken.None);
            Check(cart is not null && timeline.TotalCount > 0, $"cart {cartId} or its timeline is missing");
        });

        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"memory: peak working set {self.PeakWorkingSet64 / 1048576} MB (the host and the bench, one process)");
    }

    // A shopper of the middle of the range for run i: the seed's user numbers are n % 10 >= 4, guests n % 10 < 4,
    // orders n % 8 == 0.
    private static int Shopper(int i, Func<int, bool> fits)
    {
        var n = 400_000 + (i * 3_571 % 400_000);
        while (!fits(n))
        {
            n++;
        }

        return n;
    }

    private static async Task TimeAsync(WebApplicationFactory<Program> host, string name,
        Func<IServiceProvider, int, Task> operation)
    {
        var timings = new List<double>(Runs);
        for (var i = 0; i < Warmup + Runs; i++)
        {
            // A scope per call, as the console has one per circuit: nothing is served from a previous call's context.
            using var scope = host.Services.CreateScope();
            var watch = Stopwatch.StartNew();
            await operation(scope.ServiceProvider, i);
            if (i >= Warmup)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        Console.WriteLine($"{name,-28} {Runs,5} {At(0.50),8:F1} {At(0.95),8:F1} {At(0.99),8:F1} {timings[^1],8:F1}");
        double At(double q) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(q * timings.Count) - 1)];
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
