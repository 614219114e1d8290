using System.Reflection;
using System.Text.RegularExpressions;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Security;

/// <summary>
/// Every route of the console, found rather than listed: the routable components of the console's namespace and every
/// endpoint the host maps under <c>/admin</c> (CSV exports, the jobs dashboard, form posts). A page or endpoint another
/// engineer adds is covered by the security tests without anyone remembering to add it.
/// </summary>
internal static partial class ConsoleRoutes
{
    /// <summary>The routes a signed-out visitor may reach: signing in, and accepting an invitation.</summary>
    public static readonly IReadOnlySet<string> Anonymous = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/admin/sign-in", "/admin/account/sign-in", "/admin/invitation",
    };

    /// <summary>One console route: its template, a path that matches it, the HTTP methods it takes, and the
    /// authorization policies it declares (none for a component or endpoint that forgot them).</summary>
    public sealed record Route(string Template, string Path, IReadOnlyList<string> Methods, IReadOnlyList<string?> Policies)
    {
        public override string ToString() => $"{string.Join(",", Methods)} {Template}";
    }

    /// <summary>The <c>@page</c> templates of the console's components, from the Cart.Web assembly.</summary>
    public static IReadOnlyList<(Type Component, string Template)> Components() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Cart.Web.Admin.Components", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (t, r.Template)))
            .ToList();

    /// <summary>Every endpoint the host maps under <c>/admin</c>, the components' pages among them.</summary>
    public static IReadOnlyList<Route> Endpoints(CartAppFactory host)
    {
        _ = host.Server;
        return host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && ("/" + raw.TrimStart('/')).StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .Select(e =>
            {
                var template = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET", "POST"];
                var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
                return new Route(template, PathOf(template), methods, policies);
            })
            .ToList();
    }

    public static bool IsAnonymous(string template) => Anonymous.Contains(template);

    /// <summary>A path that matches <paramref name="template"/>: each parameter filled with a plausible value.</summary>
    public static string PathOf(string template) =>
        Parameter().Replace(template, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
