using MudBlazor;

namespace ScanShare.Web.Components.Layout;

public static class ScanShareTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5394",
            Secondary = "#e67e22",
            AppbarBackground = "#0b5394",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
