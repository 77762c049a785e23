using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using ScanShare.Core.Facilities;

namespace ScanShare.Web.Hosting;

public static class FacilityConfiguration
{
    /// <summary>The setting (or environment variable) that points to the facility's own appsettings file.</summary>
    public const string FileSetting = "FacilityConfigFile";

    /// <summary>The repository's root appsettings.json, copied next to the app by the build.</summary>
    public const string DefaultFileName = "facility.appsettings.json";

    /// <summary>
    /// Layers the facility's appsettings file over the app's own defaults (but under environment variables and the
    /// command line, so an operator can still override one value) and validates it before anything starts.
    /// </summary>
    public static WebApplicationBuilder AddFacilityConfiguration(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration[FileSetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        var sources = builder.Configuration.Sources;
        var appSettingsIndex = sources.ToList().FindLastIndex(s => s is JsonConfigurationSource);
        sources.Insert(appSettingsIndex + 1, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(path)!),
            Path = Path.GetFileName(path),
            Optional = true,
            ReloadOnChange = false,
        });

        builder.Services.AddOptions<FacilityCatalogSettings>()
            .Bind(builder.Configuration)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FacilityCatalogSettings>, FacilityCatalogValidation>();
        return builder;
    }

    private sealed class FacilityCatalogValidation : IValidateOptions<FacilityCatalogSettings>
    {
        public ValidateOptionsResult Validate(string? name, FacilityCatalogSettings options)
        {
            var errors = FacilitySettingsValidator.Validate(options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
