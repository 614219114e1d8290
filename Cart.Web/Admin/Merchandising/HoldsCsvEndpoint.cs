using System.Globalization;
using System.Text;
using Cart.Domain.Inventory;
using Cart.Web.Admin.Actions;
using Cart.Web.Admin.Formats;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cart.Web.Admin.Merchandising;

/// <summary>
/// <c>GET /admin/holds.csv</c>: the Holds page's list with the same filters (<c>search</c>, <c>sort</c> = sku, held or
/// available, <c>descending</c>), every row, streamed as it is read, for merchandisers and admins (others are sent to
/// sign in, or told they may not).
/// </summary>
internal static class HoldsCsvEndpoint
{
    public const string Path = "/admin/holds.csv";

    /// <summary>Rows written between flushes: the download starts at once and memory stays flat.</summary>
    private const int FlushEvery = 500;

    public static IEndpointRouteBuilder MapHoldsCsv(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, Export)
            .RequireAuthorization(StaffRoles.MerchandisingPolicy)
            // A link a person follows in the browser, not an API: a signed-out click lands on the sign-in page.
            .AllowCookieRedirect()
            .DisableRateLimiting()
            .WithName("ExportHoldsCsv")
            .ExcludeFromDescription();
        return routes;
    }

    /// <summary>The export's link for the page's current filter.</summary>
    public static string Link(StockFilter filter) =>
        $"{Path}?search={Uri.EscapeDataString(filter.Search ?? string.Empty)}" +
        $"&sort={filter.Sort.ToString().ToLowerInvariant()}&descending={(filter.Descending ? "true" : "false")}";

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(ConsoleRunner runner,
        TimeProvider clock, HttpContext context, string? search = null, string? sort = null,
        bool descending = false)
    {
        // By name only, in any case: "held", as the page's links write it (a number is no sort).
        var order = Enum.GetNames<StockSort>().FirstOrDefault(n => string.Equals(n, sort ?? "sku", StringComparison.OrdinalIgnoreCase));
        if (order is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["sort"] = ["'sort' is one of sku, held, available."],
            });
        }

        var filter = new StockFilter(search, Enum.Parse<StockSort>(order), descending);
        // Checked before the first row is read; a refusal throws UnauthorizedAccessException: 403.
        var rows = (await runner.RunInRequestAsync(new StreamHolds(filter), context)).ValueOrThrow();
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return TypedResults.Stream(body => WriteAsync(body, rows, context.RequestAborted), "text/csv; charset=utf-8",
            $"holds-{stamp}Z.csv");
    }

    private static async Task WriteAsync(Stream body, IAsyncEnumerable<SkuStockFigures> rows,
        CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 16 * 1024);
        var csv = new CsvWriter(text);
        csv.Text("sku").Text("product").Text("on_hand").Text("held").Text("available").Text("expiring_15_min")
            .Text("carts");
        await csv.EndRowAsync();
        var written = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.Text(row.Sku).Text(row.Name).Number(row.OnHand).Number(row.Held).Number(row.Available)
                .Number(row.ExpiringSoon).Number(row.Carts);
            await csv.EndRowAsync();
            if (++written % FlushEvery == 0)
            {
                await text.FlushAsync(cancellationToken);
            }
        }
    }
}
