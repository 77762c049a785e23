namespace ScanShare.Web.Display;

public static class DisplayHosting
{
    public static WebApplicationBuilder AddTokenDisplays(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DisplayDirectory>();
        builder.Services.AddSingleton<DisplayBoardSnapshots>();
        return builder;
    }
}
