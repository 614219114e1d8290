using System.Security.Claims;
using System.Text.Json;
using Cart.Domain.Carts;
using Cart.Domain.Carts.Support;
using Cart.Infrastructure.Carts;
using Cart.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cart.Tests.Admin.Support;

/// <summary>Staff members as the console's services see them, and the reads the support tests check with.</summary>
internal static class SupportStaff
{
    public const string Reason = "Customer called: wrong size ordered";

    /// <summary>The Carts module's support reads themselves (the console's actions run on them).</summary>
    public static ICartLookup Reader(this CartAppFactory host) =>
        host.Services.CreateScope().ServiceProvider.GetRequiredService<ICartLookup>();

    public static JsonElement? Line(this JsonElement cart, string sku) =>
        cart.GetProperty("items").EnumerateArray()
            .Select(i => (JsonElement?)i)
            .FirstOrDefault(i => i!.Value.GetProperty("sku").GetString() == sku);

    /// <summary>The cart's timeline entries made by support, oldest first.</summary>
    public static Task<List<CartEvent>> SupportEventsAsync(this CartAppFactory host, string cartId) =>
        host.WithDbAsync(db => db.CartEvents().AsNoTracking()
            .Where(e => e.CartId == cartId && e.ActorKind == ActorKind.Support)
            .OrderBy(e => e.Id).ToListAsync());
}
