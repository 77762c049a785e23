using Microsoft.Extensions.Options;

namespace ScanShare.Web.Hosting;

public static class SettingsCheck
{
    /// <summary>
    /// Checks every setting registered with <c>ValidateOnStart</c> now, before the pipeline is built and the server
    /// starts, so a mistake stops the app with its message before anything else runs.
    /// </summary>
    public static WebApplication CheckSettings(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }
}
