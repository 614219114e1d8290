using MudBlazor;

namespace Cart.Web.Admin.Components.Layout;

/// <summary>The console's look: MudBlazor's defaults on the system's own fonts (the console loads nothing from
/// other sites, as its Content-Security-Policy requires).</summary>
internal static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
            },
        },
    };
}
