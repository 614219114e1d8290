using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Cart.Tests.Fixtures;

/// <summary>Clients of a test host whose every response is checked against the host's own OpenAPI document.</summary>
public static class CheckedClients
{
    private static readonly ConditionalWeakTable<WebApplicationFactory<Program>, Lazy<Task<ResponseContract>>>
        Contracts = new();

    /// <summary>What <see cref="WebApplicationFactory{TEntryPoint}.CreateClient(WebApplicationFactoryClientOptions)"/>
    /// builds, with the contract check outermost so it sees the response the test sees.</summary>
    public static HttpClient CreateCheckedClient(this WebApplicationFactory<Program> host,
        WebApplicationFactoryClientOptions options)
    {
        var handlers = new List<DelegatingHandler> { new ResponseContractHandler(_ => ContractOf(host)) };
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }

        return host.CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>The host's document, read and compiled once per host.</summary>
    public static Task<ResponseContract> ContractOf(WebApplicationFactory<Program> host) =>
        Contracts.GetValue(host, h => new Lazy<Task<ResponseContract>>(() => LoadAsync(h))).Value;

    private static async Task<ResponseContract> LoadAsync(WebApplicationFactory<Program> host)
    {
        using var client = host.CreateDefaultClient(host.ClientOptions.BaseAddress);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return ResponseContract.From(document.RootElement);
    }
}
