using System.Reflection;
using Bunit;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages.Carts;
using Cart.Web.Admin.Staff;
using Microsoft.AspNetCore.Authorization;
using MudBlazor;

namespace Cart.Tests.Admin.Pages;

/// <summary>The cart look-up page on a real host's services.</summary>
public sealed class CartLookupPageTests : OwnHostsTest
{
    [Fact]
    public async Task Search_ByUserId_ListsTheShoppersCartLinkingToItsDetail()
    {
        var host = Own(new CartAppFactory(Database));
        var sku = await host.AddProductAsync(10m);
        var (shopper, userId) = host.NewShopper();
        var cart = await shopper.AddAsync(sku, 3);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);
        console.Render<MudPopoverProvider>();
        var page = console.Render<CartLookupPage>();

        page.Find("#lookup-value-input").Input(userId);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"a[href='/admin/carts/{cart.CartId()}']")));
        var row = page.Find("#lookup-results tbody tr");
        Assert.Contains("SGD 30.00", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("active", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithNoMatch_SaysSo_AndAnEmptyBoxAsksForAValue()
    {
        var host = Own(new CartAppFactory(Database));
        await using var console = new ConsolePageContext(host, StaffRoles.Support);
        console.Render<MudPopoverProvider>();
        var page = console.Render<CartLookupPage>();

        page.Find("form").Submit();
        Assert.Contains("Enter a user id", page.Markup, StringComparison.Ordinal);

        page.Find("#lookup-value-input").Input("nobody-has-this-id");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains("No carts for this user id", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Page_RequiresTheSupportPolicy() =>
        Assert.Equal(StaffRoles.SupportPolicy, typeof(CartLookupPage).GetCustomAttribute<AuthorizeAttribute>()?.Policy);
}
