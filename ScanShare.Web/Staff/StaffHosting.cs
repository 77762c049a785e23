using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using ScanShare.Core.Data;
using ScanShare.Core.Staff;
using ScanShare.Web.Hosting;

namespace ScanShare.Web.Staff;

public static class StaffHosting
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>Staff sign in with ASP.NET Core Identity; accounts and roles live in the app's own database.</summary>
    public static WebApplicationBuilder AddStaffSignIn(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<StaffOptions>()
            .BindConfiguration(StaffOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.DemoAccounts || development,
                "Staff:DemoAccounts seeds accounts with published passwords and is only allowed in Development. Remove it and set Staff:BootstrapAdmin instead.")
            .ValidateOnStart();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, StaffRevalidatingStateProvider>();

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<StaffUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ScanShareDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.Cookie.Name = "ScanShare.Staff";
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;

            // Machine paths (the live hub) get a status code, not a redirect to a page they cannot show.
            options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });

        // The counter chosen at sign-in survives the periodic security-stamp refresh of the cookie.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            var kept = context.CurrentPrincipal?.Claims.Where(c => c.Type is StaffClaims.Counter or StaffClaims.CounterAssigned) ?? [];
            context.NewPrincipal?.Identities.First().AddClaims(kept.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)));

            return Task.CompletedTask;
        });

        builder.Services.AddAuthorizationBuilder().AddStaffPolicies();
        builder.Services.AddHostedService<StaffAccountsSetup>();
        builder.Services.AddScoped<StaffDirectory>();
        builder.Services.AddScoped<StaffPasswordCheck>();
        builder.AddSignInThrottle();
        return builder;
    }

    public static WebApplication MapStaffAccount(this WebApplication app)
    {
        app.MapPost(LogoutPath, async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LoginPath);
        });
        return app;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (ErrorHandling.IsMachineRequest(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
