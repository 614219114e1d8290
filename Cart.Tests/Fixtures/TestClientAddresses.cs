using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Fixtures;

/// <summary>
/// Client addresses for the test server, which has no network peer of its own: each request comes from the address
/// its <see cref="Header"/> names, as if the connection came from there.
/// </summary>
public static class TestClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>A host derived from <paramref name="factory"/> (disposed with it) that honours <see cref="Header"/>.</summary>
    public static WebApplicationFactory<Program> WithClientAddresses(this CartAppFactory factory)
    {
        var host = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            // First of all startup filters, so that every middleware, the framework's own included, sees the address
            // as a server would give it.
            s.Insert(0, ServiceDescriptor.Singleton<IStartupFilter, AddressFromHeader>())));
        _ = host.Server;
        return host;
    }

    /// <summary>A client without a token whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient ClientFrom(this WebApplicationFactory<Program> host, string address)
    {
        var client = host.CreateCheckedClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(Header);
                }

                return following(context);
            });
            next(app);
        };
    }
}
