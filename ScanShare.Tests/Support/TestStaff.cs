using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Abha;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Staff;

namespace ScanShare.Tests.Support;

/// <summary>Staff accounts in a test database, and counter work done as them, as the desk does it.</summary>
public static class TestStaff
{
    public static async Task<string> AddAsync(TestDatabase database, string userName, string role, string[] hipIds)
    {
        await using var db = database.CreateDbContext();
        if (!await db.Roles.AnyAsync())
        {
            db.Roles.AddRange(StaffRoles.All.Select(r => new IdentityRole(r) { Id = r, NormalizedName = r.ToUpperInvariant() }));
        }

        var user = new StaffUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = $"{userName} (name)" };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        foreach (var facilityId in await db.Facilities.Where(f => hipIds.Contains(f.HipId)).Select(f => f.Id).ToListAsync())
        {
            db.StaffFacilities.Add(new StaffFacility { UserId = user.Id, FacilityId = facilityId });
        }

        await db.SaveChangesAsync();
        return user.Id;
    }

    public static async Task<T> WorkAsync<T>(TestDatabase database, Func<CounterWork, Task<T>> action)
    {
        await using var db = database.CreateDbContext();
        var acting = new ActingStaff();
        var engine = new QueueEngine(db, database.Clock, database.Events, acting: acting);
        var work = new CounterWork(db, engine, new StaffScopes(db, database.Clock), acting, new WalkInRegistration(db, engine, database.Clock),
            new PatientRegistration(db, engine, database.Clock), new AbhaDeskPatients(db, engine, database.Clock));
        return await action(work);
    }
}
