using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cart.Tests.Api;

/// <summary>
/// Ten thousand hostile requests per database, over real Kestrel, spread over every route the host maps (read from its
/// endpoint data source, so a new route is covered the day it is added): the storefront API, the console's pages and
/// its form posts, health and metrics. Each request is built from a fixed seed out of hostile pieces (control
/// characters, overlong and odd Unicode text, huge and non-numbers, wrong methods and content types, malformed and deep
/// JSON, forged and broken tokens, bad conditional and idempotency headers). None may be answered with a 5xx or a
/// broken connection: bad input is the client's fault, and says so with a 4xx.
/// </summary>
public abstract class HostileRequestTests(DatabaseProvider database, ITestOutputHelper output) : OwnHostsTest(database)
{
    private const int Requests = 10_000;
    private const int Seed = 20_261_208;
    private const int Parallelism = 4;

    private readonly DatabaseProvider _database = database;

    [Fact]
    public async Task EveryRoute_WhenSentHostileRequests_NeverAnswers5xx()
    {
        var host = Own(new CartAppFactory(Database, redis: _database == DatabaseProvider.PostgreSql
            ? ApiFixture.RedisAddress
            : null));
        host.UseKestrel(0);
        host.StartServer();
        await host.StaffAccountsReadyAsync();
        await host.WithDbAsync(async db =>
        {
            db.Products().AddRange(TestCatalog.Products(host.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        var routes = Routes(host);
        var baseAddress = host.ClientOptions.BaseAddress;
        using var anonymous = Client(baseAddress, new CookieContainer());
        var staffCookies = new CookieContainer();
        using var staff = Client(baseAddress, staffCookies);
        var staffEmail = await host.NewStaffAsync(StaffRoles.Admin);
        await staff.SignInAsync(staffEmail, TestStaff.Password);
        var antiforgery = await staff.AntiforgeryTokenAsync("/admin");
        var pieces = new HostilePieces(host, antiforgery);

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (i, cancellationToken) =>
            {
                var random = new Random(Seed + i);
                var route = routes[random.Next(routes.Count)];
                var (request, description) = pieces.Build(random, route);
                var client = random.Next(3) == 0 ? staff : anonymous;
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status >= 500)
                    {
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        failures.Enqueue($"#{i} {description} → {status} {Cut(body, 300)}");
                    }
                    else
                    {
                        // Read it all: a response that breaks off midway is a failure too.
                        await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"#{i} {description} → {e.GetType().Name}: {e.Message} {e.InnerException?.Message}");
                }
                finally
                {
                    request.Dispose();
                }
            });

        output.WriteLine($"seed {Seed}, {Requests} requests over {routes.Count} routes, {_database}: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {Requests} hostile requests (seed {Seed}) got a 5xx or a broken connection; the first:\n" +
            string.Join("\n", failures.OrderBy(f => int.Parse(f[1..f.IndexOf(' ', StringComparison.Ordinal)],
                System.Globalization.CultureInfo.InvariantCulture)).Take(15)));
    }

    /// <summary>Every route the host maps, with the methods it takes; static files and the framework's own paths
    /// (Blazor's circuit hub, its scripts) left out.</summary>
    private static List<HostileRoute> Routes(CartAppFactory host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && Covered(raw))
            .Select(e => new HostileRoute(
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"]))
            .GroupBy(r => r.Pattern + string.Join(',', r.Methods))
            .Select(g => g.First())
            .ToList();

    /// <summary>Not Blazor's own paths (<c>/_blazor</c>, <c>/_framework/...</c>) nor static files; the exports
    /// (<c>.csv</c>) and the OpenAPI document are routes like any other.</summary>
    private static bool Covered(string pattern)
    {
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.LastOrDefault() ?? string.Empty;
        return !segments.Any(s => s.StartsWith('_'))
               && (!last.Contains('.', StringComparison.Ordinal) || last.EndsWith(".csv", StringComparison.Ordinal)
                   || last.EndsWith(".json", StringComparison.Ordinal));
    }

    private static HttpClient Client(Uri? baseAddress, CookieContainer cookies) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static string Cut(string text, int length) =>
        text.Length <= length ? text : text[..length] + "…";
}

public sealed class SqliteHostileRequestTests(ITestOutputHelper output)
    : HostileRequestTests(DatabaseProvider.Sqlite, output);

public sealed class PostgresHostileRequestTests(ITestOutputHelper output)
    : HostileRequestTests(DatabaseProvider.PostgreSql, output);

/// <summary>A route pattern (<c>/api/v1/cart/items/{sku}</c>) and the methods it takes.</summary>
public sealed record HostileRoute(string Pattern, string[] Methods);

/// <summary>The pieces hostile requests are made of, and a request made of them for a route.</summary>
internal sealed class HostilePieces(CartAppFactory host, string antiforgeryToken)
{
    private static readonly string[] Texts =
    [
        "", " ", "\0", "a\0b", "\u0001", "\t", "\r\n", "x\ny", "\u001b[31m", "\u007f", "\u0085", "\u2028",
        "\u202Eevil\u202C", "\u200B", "\uFEFF", "\uFFFF", "\uFFFD", "😀", "e\u0301", "İ", "ß", "商品",
        new string('A', 65), new string('x', 257), new string('y', 5000), new string('\u00e9', 3000),
        "../../etc/passwd", "..\\..\\win.ini", "%00", "%2e%2e%2f", "<script>alert(1)</script>", "' OR 1=1 --",
        "\"", "\\", "{", "}", "[]", "null", "undefined", "true", "NaN", "Infinity", "-Infinity", "0", "-0", "-1",
        "1e3", "1e309", "0x10", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1.5", "１２",
        "SG-SHIRT", "SG-MUG", "sg-shirt", "VN-PHO", "SG-RETIRED", "NOPE-404", "g_", "g_0", "o_1", "c_1",
        "user_1", "/admin", "//evil.example", "https://evil.example", "/admin\t/x", "javascript:alert(1)",
        "=HYPERLINK(\"x\")", "@SUM(1)", "*", "W/\"1\"", "\"1\"", "\"-1\"",
    ];

    /// <summary>Raw query or path text that is not what <see cref="Uri.EscapeDataString(string)"/> makes: lone
    /// surrogates and broken UTF-8, stray percent signs.</summary>
    private static readonly string[] RawEscapes =
        ["%ED%A0%80", "%ED%B0%80", "%C0%AF", "%FF%FE", "%", "%G0", "%0", "%E2%80%AE", "%00", "%0D%0A", "+", "%2F", "%5C"];

    private static readonly string[] QueryNames =
    [
        "search", "page", "pageSize", "sort", "descending", "period", "from", "to", "token", "userId", "user_id",
        "returnUrl", "ReturnUrl", "error", "retryAfter", "signedOut", "invited", "q", "sku", "id", "cartId", "email",
        "status", "kind", "filter", "tab", "take", "skip", "days", "at", "version",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "text/plain",
        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
        "application/problem+json", "application/octet-stream", "text/json", "application/*", "garbage",
    ];

    private static readonly string[] BodyFields =
    [
        "sku", "quantity", "variant", "guestToken", "skus", "userId", "email", "price", "unitPrice", "Email",
        "Password", "ReturnUrl", "role", "roles", "name", "reason", "", "__proto__", "constructor",
    ];

    public (HttpRequestMessage Request, string Description) Build(Random random, HostileRoute route)
    {
        var method = random.Next(6) == 0 ? Pick(random, Methods) : Pick(random, route.Methods);
        var url = Path(random, route.Pattern) + Query(random);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        var description = new StringBuilder($"{method} {Shown(url, 200)}");
        AddToken(random, request, description);
        AddHeaders(random, request, description);
        if (method is "POST" or "PUT" or "PATCH" or "DELETE" && random.Next(4) != 0)
        {
            var (body, contentType) = Body(random, route.Pattern.StartsWith("/admin", StringComparison.Ordinal));
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
            description.Append($" [{contentType}] {Shown(Encoding.UTF8.GetString(body), 120)}");
        }

        return (request, description.ToString());
    }

    private static string Path(Random random, string pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append('/');
            path.Append(segment.StartsWith('{') ? Value(random, segment) : segment);
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private static string Value(Random random, string parameter) => random.Next(10) switch
    {
        < 3 => parameter.Contains("sku", StringComparison.OrdinalIgnoreCase)
            ? Pick(random, ["SG-SHIRT", "SG-MUG", "VN-PHO", "SG-BULK-001"])
            : Pick(random, ["o_01J0000000000000000000000", "c_01J0000000000000000000000", "1", "abc", "g_1"]),
        < 5 => Pick(random, RawEscapes) + Escaped(Pick(random, Texts)),
        _ => Escaped(Pick(random, Texts)) is { Length: > 0 } text ? text : "x",
    };

    private static string Query(Random random)
    {
        var count = random.Next(4);
        if (count == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(8) == 0 ? Escaped(Pick(random, Texts)) : Pick(random, QueryNames);
            var value = random.Next(4) == 0 ? Pick(random, RawEscapes) : Escaped(Pick(random, Texts));
            parts.Add(random.Next(10) == 0 ? name : $"{name}={value}");
        }

        return "?" + string.Join('&', parts);
    }

    private void AddToken(Random random, HttpRequestMessage request, StringBuilder description)
    {
        var now = host.Clock.GetUtcNow();
        string? token = random.Next(12) switch
        {
            0 or 1 or 2 => null,
            3 or 4 => TestAuth.Shopper($"user_{random.Next(50)}", now: now),
            5 => TestAuth.Guest($"g_{random.Next(50)}"),
            6 => TestAuth.Shopper(Pick(random, Texts) is { Length: > 0 } sub ? sub : "x", Pick(random, Texts), now),
            7 => TestAuth.Guest("g_" + Pick(random, Texts)),
            8 => TestAuth.AlgNone("user_1"),
            9 => TestAuth.Sign(TestAuth.Issuer, TestAuth.Audience, TestAuth.SigningKey, "user_2", now.AddHours(-3)),
            10 => Pick(random, ["x", "....", "a.b.c", "Bearer", new string('e', 20_000), "eyJhbGciOiJub25lIn0.e30."]),
            _ => TestAuth.Shopper($"user_{random.Next(50)}", email: Pick(random, Texts), now: now),
        };
        if (token is null)
        {
            return;
        }

        var scheme = random.Next(10) == 0 ? Pick(random, ["Basic", "bearer", "Bearer  ", "Token"]) : "Bearer";
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        description.Append($" [auth {Shown(token, 40)}]");
    }

    private void AddHeaders(Random random, HttpRequestMessage request, StringBuilder description)
    {
        foreach (var name in new[] { "If-Match", "If-None-Match", "Idempotency-Key", "X-Forwarded-For", "Accept",
                     "X-Forwarded-Proto", "RequestVerificationToken" })
        {
            if (random.Next(6) != 0)
            {
                continue;
            }

            var value = HeaderSafe(name switch
            {
                "Idempotency-Key" when random.Next(3) == 0 => Guid.NewGuid().ToString(),
                "If-Match" or "If-None-Match" when random.Next(3) == 0 =>
                    Pick(random, ["*", "\"0\"", "\"1\"", "W/\"1\"", "\"99999999999999999999\"", "\"1\", \"2\"", "\"\""]),
                "RequestVerificationToken" => antiforgeryToken,
                _ => Pick(random, Texts),
            });
            request.Headers.TryAddWithoutValidation(name, value);
            description.Append($" [{name}: {Shown(value, 40)}]");
        }
    }

    private (byte[] Body, string ContentType) Body(Random random, bool console)
    {
        if (console && random.Next(2) == 0)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", random.Next(4) == 0 ? Pick(random, Texts) : antiforgeryToken),
            };
            for (var i = random.Next(5); i > 0; i--)
            {
                fields.Add(new(Pick(random, BodyFields), Pick(random, Texts)));
            }

            var form = string.Join('&', fields.Select(f => $"{Escaped(f.Key)}={Escaped(f.Value)}"));
            return (Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded");
        }

        var contentType = random.Next(4) == 0 ? Pick(random, ContentTypes) : "application/json";
        var json = random.Next(8) switch
        {
            0 => new string('[', random.Next(60, 2000)) + new string(']', random.Next(0, 70)),
            1 => "{\"a\":" + new string('{', 100) + "}",
            2 => Pick(random, ["", "{", "{\"sku\":", "nul", "{}", "[]", "null", "\"x\"", "1e999", "{\"sku\":\"a\"}}",
                "{\"quantity\":1,\"quantity\":2}", "\uFEFF{}", "{\"sku\":\"\\ud800\",\"quantity\":1}",
                "{\"sku\":\"SG-MUG\",\"quantity\":1,\"variant\":{\"\\udc00\":\"x\"}}"]),
            3 => "{\"sku\":\"SG-MUG\",\"quantity\":1,\"variant\":{\"note\":\"" + new string('z', 20_000) + "\"}}",
            _ => Object(random),
        };
        return (Encoding.UTF8.GetBytes(json), contentType);
    }

    private static string Object(Random random)
    {
        var members = new List<string>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var value = random.Next(6) switch
            {
                0 => Pick(random, ["1", "0", "-1", "999", "1000", "2147483648", "1e308", "-1e308", "1.5", "true", "null",
                    "99999999999999999999999999999999", "-0", "0.0000001"]),
                1 => "[" + string.Join(',', Enumerable.Range(0, random.Next(0, 120))
                    .Select(_ => Json(Pick(random, Texts)))) + "]",
                2 => "{" + string.Join(',', Enumerable.Range(0, random.Next(0, 12))
                    .Select(_ => $"{Json(Pick(random, Texts))}:{Json(Pick(random, Texts))}")) + "}",
                _ => Json(Pick(random, Texts)),
            };
            members.Add($"{Json(Pick(random, BodyFields))}:{value}");
        }

        return "{" + string.Join(',', members) + "}";
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Escaped(string text) => Uri.EscapeDataString(text);

    /// <summary>What the client sends in a header: ASCII without line breaks or NUL (it refuses anything else).</summary>
    private static string HeaderSafe(string text) =>
        new(text.Where(c => c is not ('\r' or '\n' or '\0') && c <= '\u007f').ToArray());

    private static string Shown(string text, int length)
    {
        var shown = string.Concat(text.Take(length).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return text.Length > length ? shown + "…" : shown;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
