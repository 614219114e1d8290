using System.Net;
using System.Reflection;
using Bunit;
using Cart.Tests.Admin.Support;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages.Carts;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Authorization;
using MudBlazor;

namespace Cart.Tests.Admin.Pages;

/// <summary>The cart detail page on a real host's services: what it shows, who may fix, and how a fix goes wrong.</summary>
public sealed class CartDetailPageTests : OwnHostsTest
{
    [Fact]
    public async Task Render_ForSupport_ShowsLinesPricesTimelineAndFixes()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (shopper, userId) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 3);
        await host.SetPriceAsync(sku, 11m);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);

        var page = console.Render<CartDetailPage>(p => p.Add(x => x.CartId, cart.CartId()));

        page.WaitForAssertion(() => Assert.Contains("item added", page.Markup, StringComparison.Ordinal));
        Assert.Contains(userId, page.Markup, StringComparison.Ordinal);
        var line = page.Find($"#line-{sku}");
        Assert.Contains("SGD 10.00", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("SGD 11.00", line.TextContent, StringComparison.Ordinal);
        Assert.NotNull(line.QuerySelector(".price-changed"));
        Assert.Equal("SGD 30.00 · 3 units", page.Find("#cart-total").TextContent);
        Assert.NotNull(page.Find($"#fix-quantity-{sku}"));
    }

    [Fact]
    public async Task Render_ForAMerchandiser_ShowsNoCartAndNoFixAndThePageRequiresSupport()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 1);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);

        var page = console.Render<CartDetailPage>(p => p.Add(x => x.CartId, cart.CartId()));

        // The route's one guard keeps merchandisers out; rendered all the same, the cart's read is refused.
        page.WaitForAssertion(() => Assert.Contains("Only support staff and admins", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll($"#line-{sku}"));
        Assert.Empty(page.FindAll("[id^=fix-]"));
        var required = typeof(CartDetailPage).GetCustomAttribute<AuthorizeAttribute>();
        Assert.Equal(StaffRoles.SupportPolicy, required?.Policy);
    }

    [Theory]
    [InlineData("", "Give a reason")]
    [InlineData(" abc ", "at least 5")]
    public async Task Apply_WithoutAGoodReason_ShowsTheRuleAndChangesNothing(string reason, string message)
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);
        var page = console.Render<CartDetailPage>(p => p.Add(x => x.CartId, cart.CartId()));
        page.WaitForAssertion(() => page.Find($"#fix-quantity-{sku}"));

        page.Find($"#fix-quantity-{sku}").Click();
        page.Find("#fix-quantity-value").Input("5");
        page.Find("#fix-reason").Input(reason);
        page.Find("#fix-apply").Click();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("#fix-reason-error").TextContent,
            StringComparison.Ordinal));
        Assert.Equal(cart.Version(), (await shopper.GetCartAsync()).Version());
    }

    [Fact]
    public async Task Apply_WhenTheShopperChangedTheCartMeanwhile_ShowsTheConflictAndTheFreshCart()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);
        var page = console.Render<CartDetailPage>(p => p.Add(x => x.CartId, cart.CartId()));
        page.WaitForAssertion(() => page.Find($"#fix-quantity-{sku}"));
        await (await shopper.PutJsonAsync(CartApi.Item(sku), new { quantity = 7 })).ExpectAsync(HttpStatusCode.OK);

        page.Find($"#fix-quantity-{sku}").Click();
        page.Find("#fix-quantity-value").Input("1");
        page.Find("#fix-reason").Input(SupportStaff.Reason);
        page.Find("#fix-apply").Click();

        page.WaitForAssertion(() => Assert.Contains("changed since you opened it", page.Find("#fix-conflict").TextContent,
            StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal("7", page.Find($"#line-{sku} .line-quantity").TextContent));
        Assert.Equal(7, (await shopper.GetCartAsync()).Line(sku)!.Value.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Apply_WithAReason_ChangesTheQuantityAndTheTimelineShowsWhoAndWhy()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (shopper, _) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 2);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);
        var page = console.Render<CartDetailPage>(p => p.Add(x => x.CartId, cart.CartId()));
        page.WaitForAssertion(() => page.Find($"#fix-quantity-{sku}"));

        page.Find($"#fix-quantity-{sku}").Click();
        page.Find("#fix-quantity-value").Input("4");
        page.Find("#fix-reason").Input(SupportStaff.Reason);
        page.Find("#fix-apply").Click();

        page.WaitForAssertion(() => Assert.Contains(SupportStaff.Reason, page.Find("#cart-timeline").TextContent,
            StringComparison.Ordinal));
        Assert.Contains($"support: {console.UserName}", page.Find("#cart-timeline").TextContent, StringComparison.Ordinal);
        Assert.Equal(4, (await shopper.GetCartAsync()).Line(sku)!.Value.GetProperty("quantity").GetInt32());
    }
}
