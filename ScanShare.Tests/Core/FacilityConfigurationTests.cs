using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Facilities;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Core;

public sealed class FacilityConfigurationTests
{
    [Fact]
    public void TheDemoFacilityIsValid()
    {
        Assert.Empty(FacilitySettingsValidator.Validate(new FacilityCatalogSettings { Facilities = [DemoFacility.Create()] }));
    }

    [Fact]
    public void ACounterPointingToAnUnknownQueueIsNamed()
    {
        var facility = DemoFacility.Create();
        facility.Counters[1].Queue = "radiology";

        var error = Assert.Single(FacilitySettingsValidator.Validate(new FacilityCatalogSettings { Facilities = [facility] }));

        Assert.Equal(
            "Facilities[0].Counters[1].Queue: counter 'OPD-REG-2' points to queue 'radiology', which District Hospital Demo does not have (known: registration, pharmacy, lab).",
            error);
    }

    [Fact]
    public void EveryBrokenSettingIsReportedAtOnce()
    {
        var facility = DemoFacility.Create();
        facility.HipId = "";
        facility.TimeZone = "Mars/Olympus";
        facility.Queues[1].Prefix = "R";
        facility.Queues[2].ValidityMinutes = 0;
        facility.Counters.Add(new CounterSettings { Code = "LAB-1", Name = "Lab again", Queue = "lab" });
        facility.Counters.Add(new CounterSettings { Code = "bad code!", Name = "x", Queue = "lab" });

        var errors = FacilitySettingsValidator.Validate(new FacilityCatalogSettings { Facilities = [facility] });

        Assert.Contains("Facilities[0].HipId is required.", errors);
        Assert.Contains(errors, e => e.StartsWith("Facilities[0].TimeZone: 'Mars/Olympus'"));
        Assert.Contains("Facilities[0].Queues: the prefix 'R' appears more than once.", errors);
        Assert.Contains("Facilities[0].Queues[2].ValidityMinutes: 0 must be between 1 and 1440.", errors);
        Assert.Contains("Facilities[0].Counters: the code 'LAB-1' appears more than once.", errors);
        Assert.Contains(errors, e => e.StartsWith("Facilities[0].Counters[5].Code: 'bad code!'"));
    }

    [Fact]
    public async Task ReapplyingChangedSettingsUpdatesByCodeAndClosesWhatWasRemoved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var changed = DemoFacility.Create();
        changed.Name = "District Hospital, Sitapur";
        changed.Counters.RemoveAll(c => c.Code == "LAB-1");
        changed.Counters.Add(new CounterSettings { Code = "OPD-REG-3", Name = "Registration Counter 3", Queue = "registration" });

        await using (var db = database.CreateDbContext())
        {
            await new FacilityCatalogSync(db, database.Clock).ApplyAsync([changed]);
            await new FacilityCatalogSync(db, database.Clock).ApplyAsync([changed]);
        }

        await using var check = database.CreateDbContext();
        var facility = await check.Facilities.SingleAsync();
        var counters = await check.Counters.OrderBy(c => c.Code).ToDictionaryAsync(c => c.Code, c => c.IsActive);
        Assert.Equal("District Hospital, Sitapur", facility.Name);
        Assert.Equal(new Dictionary<string, bool>
        {
            ["LAB-1"] = false,
            ["OPD-REG-1"] = true,
            ["OPD-REG-2"] = true,
            ["OPD-REG-3"] = true,
            ["PHARMACY-2"] = true,
        }, counters);
        Assert.Equal(3, await check.Queues.CountAsync());
    }
}
