using Bunit;
using Cart.Tests.Fixtures;
using Cart.Web.Admin;
using Cart.Web.Admin.Components.Pages;
using Cart.Web.Admin.Staff;

namespace Cart.Tests.Admin.Pages;

/// <summary>The console's home page, and the bUnit set-up every page test uses (<see cref="ConsolePageContext"/>).</summary>
public sealed class HomePageTests : OwnHostsTest
{
    [Fact]
    public async Task Render_ForAStaffMember_NamesThemAndTheirRoles()
    {
        await using var console = new ConsolePageContext(Own(new CartAppFactory(Database)),
            StaffRoles.Merchandiser, StaffRoles.Support);

        var page = console.Render<Home>();

        Assert.Contains(console.UserName, page.Markup, StringComparison.Ordinal);
        Assert.Contains("Merchandiser, Support", page.Markup, StringComparison.Ordinal);
    }
}
