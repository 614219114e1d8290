using System.Net;
using Cart.Domain.Carts;
using Cart.Domain.Catalog;
using Cart.Domain.Reminders;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Persistence;
using Cart.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Reminders;

/// <summary>Turns the catalog's reads into failures while <see cref="Failing"/> is on.</summary>
public sealed class FailingCatalogSwitch
{
    public volatile bool Failing;
}

internal sealed class SwitchableCatalog(IProductCatalog inner, FailingCatalogSwitch fault) : IProductCatalog
{
    public Task<IReadOnlyDictionary<string, ProductInfo>> FindAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken) =>
        fault.Failing ? throw new InvalidOperationException("the catalog is away") : inner.FindAsync(skus, cancellationToken);

    public Task<IReadOnlyDictionary<string, ProductInfo>> FindOnPrimaryAsync(IReadOnlyCollection<string> skus,
        CancellationToken cancellationToken) =>
        fault.Failing ? throw new InvalidOperationException("the catalog is away") : inner.FindOnPrimaryAsync(skus, cancellationToken);
}
