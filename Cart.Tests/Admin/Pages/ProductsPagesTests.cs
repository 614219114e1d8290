using System.Reflection;
using AngleSharp.Dom;
using Bunit;
using Cart.Infrastructure.Catalog;
using Cart.Infrastructure.Inventory;
using Cart.Tests.Admin.Merchandising;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages.Products;
using Cart.Web.Admin.Merchandising;
using Cart.Web.Admin.Staff;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Cart.Tests.Admin.Pages;

/// <summary>The Products page and its edit dialog, rendered on a real host's services.</summary>
public sealed class ProductsPagesTests : OwnHostsTest
{
    [Fact]
    public async Task Products_ForAMerchandiser_ShowsPricesStockAndEditing()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("PPG-1", "Kopi Mug", 12.5m, onHand: 20);
        await host.AddStockedAsync("PPG-2", "Pho Bowl Set", 250000m, onHand: 3, currency: "VND");
        await host.ShopperHoldingAsync("PPG-1", 4);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        console.Render<MudPopoverProvider>();

        var page = console.Render<Products>();

        page.WaitForAssertion(() => Assert.Contains("Kopi Mug", page.Markup, StringComparison.Ordinal));
        var first = page.FindAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["PPG-1", "Kopi Mug", "SGD 12.50", "20", "4", "16", "Edit"], first);
        Assert.Contains("VND 250,000", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Products_ForSupportOnly_IsGuardedByItsPolicyAndShowsNoProductsAndNoEditing()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("PPG-3", "Kopi Mug", 12.5m, onHand: 20);
        await using var console = new ConsolePageContext(host, StaffRoles.Support);

        // The route's one guard keeps support out; rendered all the same, its reads are refused.
        var page = console.Render<Products>();

        Assert.Equal(StaffRoles.MerchandisingPolicy,
            typeof(Products).GetCustomAttribute<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>()?.Policy);
        page.WaitForAssertion(() => Assert.Contains("Only merchandisers and admins", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("PPG-3", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Edit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("price", "12.345", "SGD prices have at most 2 decimals.")]
    [InlineData("price", "0", "The price must be more than zero.")]
    [InlineData("stock", "3", "Carts hold 4 units right now, so on hand cannot go below 4.")]
    public async Task EditDialog_WhenAFigureIsNotValid_SaysWhyAndSavesNothing(string field, string value, string message)
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("PPG-4", "Kopi Mug", 12.5m, onHand: 20);
        await host.ShopperHoldingAsync("PPG-4", 4);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        var (dialogs, _) = await OpenEditorAsync(console, "PPG-4");

        Field(dialogs, field).Change(value);
        SaveButton(dialogs).Click();

        dialogs.WaitForAssertion(() => Assert.Contains(message, dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal((12.5m, 20), await FiguresAsync(host, "PPG-4"));
    }

    [Fact]
    public async Task EditDialog_WhenAnotherMerchandiserChangedThePriceMeanwhile_ShowsTheConflictAndKeepsTheirs()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("PPG-5", "Kopi Mug", 12.5m, onHand: 20);
        await using var console = new ConsolePageContext(host, StaffRoles.Merchandiser);
        var (dialogs, _) = await OpenEditorAsync(console, "PPG-5");
        var other = await host.StaffSessionAsync(StaffRoles.Merchandiser);
        var (rows, _) = await host.ValueOfAsync(other, new ReadProducts("PPG-5", 1, 1));
        Assert.True((await host.RunAsync(other, new ChangePrice(rows[0], 14.00m))).Succeeded);

        Field(dialogs, "price").Change("13.00");
        SaveButton(dialogs).Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Someone changed the price of PPG-5 meanwhile: it is now SGD 14.00",
            dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal((14.00m, 20), await FiguresAsync(host, "PPG-5"));
    }

    [Fact]
    public async Task EditDialog_WhenSaved_ChangesThePriceAndStock()
    {
        var host = Own(new CartAppFactory(Database));
        await host.AddStockedAsync("PPG-6", "Kopi Mug", 12.5m, onHand: 20);
        await using var console = new ConsolePageContext(host, StaffRoles.Admin);
        var (dialogs, page) = await OpenEditorAsync(console, "PPG-6");

        Field(dialogs, "price").Change("11.90");
        Field(dialogs, "stock").Change("35");
        SaveButton(dialogs).Click();

        page.WaitForAssertion(() => Assert.Contains("SGD 11.90", page.Markup, StringComparison.Ordinal));
        Assert.Equal((11.90m, 35), await FiguresAsync(host, "PPG-6"));
    }

    private static async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<Products> Page)>
        OpenEditorAsync(ConsolePageContext console, string sku)
    {
        console.Render<MudPopoverProvider>();
        var dialogs = console.Render<MudDialogProvider>();
        var page = console.Render<Products>();
        page.WaitForAssertion(() => Assert.Contains(sku, page.Markup, StringComparison.Ordinal));
        // Not awaited: the click waits for the dialog to close, which is what the test does next.
        _ = page.Find($"button[aria-label='Edit {sku}']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Stock on hand", dialogs.Markup, StringComparison.Ordinal));
        return (dialogs, page);
    }

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string which) =>
        dialogs.FindAll("input")[which == "price" ? 0 : 1];

    private static IElement SaveButton(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save");

    private static Task<(decimal Price, int OnHand)> FiguresAsync(CartAppFactory host, string sku) =>
        host.WithDbAsync(async db => (
            await db.Products().Where(p => p.Sku == sku).Select(p => p.Price).SingleAsync(),
            await db.Stock().Where(s => s.Sku == sku).Select(s => s.OnHand).SingleAsync()));
}
