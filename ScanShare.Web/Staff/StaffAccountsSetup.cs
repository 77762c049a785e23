using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

/// <summary>
/// Runs after the database is migrated: makes sure the roles exist, creates the bootstrap administrator when there is
/// none yet, and in Development seeds the demo accounts.
/// </summary>
internal sealed class StaffAccountsSetup(
    IServiceScopeFactory scopes,
    IOptions<StaffOptions> options,
    IHostEnvironment environment,
    ILogger<StaffAccountsSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var setup = await SetupLock.TakeAsync(scope.ServiceProvider.GetRequiredService<ScanShareDbContext>(), cancellationToken);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        if (options.Value.DemoAccounts)
        {
            await SeedDemoAccountsAsync(users, scope.ServiceProvider.GetRequiredService<ScanShareDbContext>(), cancellationToken);
        }

        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        if (admins.Count > 0)
        {
            return;
        }

        if (options.Value.BootstrapAdmin is { UserName: { Length: > 0 } userName, Password: { Length: > 0 } password })
        {
            await CreateAsync(users, db: null, new DemoAccount(userName, password, "Administrator", StaffRoles.Admin), counterId: null, facilityId: null);
            logger.LogWarning("Created the bootstrap administrator {UserName}; sign in and change its password", userName);
        }
        else
        {
            logger.LogWarning("There is no administrator yet. Set Staff:BootstrapAdmin:UserName and Staff:BootstrapAdmin:Password " +
                "(e.g. as environment variables Staff__BootstrapAdmin__UserName and Staff__BootstrapAdmin__Password) and restart");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedDemoAccountsAsync(UserManager<StaffUser> users, ScanShareDbContext db, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Staff:DemoAccounts seeds accounts with published passwords and is only allowed in Development. Remove it and set Staff:BootstrapAdmin instead.");
        }

        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }

            var facilityId = await db.Facilities.Where(f => f.HipId == DemoFacility.HipId).Select(f => (int?)f.Id).SingleOrDefaultAsync(ct);
            var counterId = account.AssignedCounterCode is null
                ? null
                : await db.Counters
                    .Where(c => c.Code == account.AssignedCounterCode && c.FacilityId == facilityId)
                    .Select(c => (int?)c.Id)
                    .SingleOrDefaultAsync(ct);

            // The demo administrator looks after every facility; the others work for the demo facility.
            await CreateAsync(users, db, account, counterId, account.Role == StaffRoles.Admin ? null : facilityId);
        }
    }

    private static async Task CreateAsync(UserManager<StaffUser> users, ScanShareDbContext? db, DemoAccount account, int? counterId, int? facilityId)
    {
        var user = new StaffUser { UserName = account.UserName, DisplayName = account.DisplayName, AssignedCounterId = counterId };
        Check(await users.CreateAsync(user, account.Password), $"account {account.UserName}");
        Check(await users.AddToRoleAsync(user, account.Role), $"role {account.Role} for {account.UserName}");
        if (db is not null && facilityId is { } id)
        {
            db.StaffFacilities.Add(new StaffFacility { UserId = user.Id, FacilityId = id });
            await db.SaveChangesAsync();
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
