using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Tests.Support;

namespace ScanShare.Tests.Linking;

/// <summary>When a link token is used, waited for or asked for, and how long a refusal is waited out.</summary>
public sealed class LinkTokenRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 5, 0, 0, DateTimeKind.Utc);
    private static readonly Patient Sunita = new() { Name = "Sunita Devi", AbhaAddress = "sunita.devi@abdm", YearOfBirth = 1987 };
    private readonly AbhaLinkTokens _tokens = new(null!, Options.Create(new LinkingOptions()), TimeProvider.System);

    public static TheoryData<string, LinkToken?, LinkTokenNext> Cases => new()
    {
        { "none yet", null, LinkTokenNext.Request },
        { "asked a minute ago", Row(LinkTokenState.Requested, requestedAt: Now.AddMinutes(-1)), LinkTokenNext.Wait },
        { "asked and never answered", Row(LinkTokenState.Requested, requestedAt: Now.AddMinutes(-11)), LinkTokenNext.Request },
        { "valid for months", Row(LinkTokenState.Issued, expiresAt: Now.AddDays(150)), LinkTokenNext.Use },
        { "expiring within the hour", Row(LinkTokenState.Issued, expiresAt: Now.AddMinutes(30)), LinkTokenNext.Request },
        { "expired", Row(LinkTokenState.Issued, expiresAt: Now.AddDays(-1)), LinkTokenNext.Request },
        { "blocked until tomorrow", Row(LinkTokenState.Refused, retryAfter: Now.AddHours(20)), LinkTokenNext.Wait },
        { "block over", Row(LinkTokenState.Refused, retryAfter: Now.AddMinutes(-1)), LinkTokenNext.Request },
        { "invalid ABHA", Row(LinkTokenState.Refused, retryAfter: null), LinkTokenNext.Never },
        { "invalid ABHA, since changed", Row(LinkTokenState.Refused, retryAfter: null, address: "old.address@abdm"), LinkTokenNext.Request },
        { "unanswered, wait not over", Row(LinkTokenState.Unanswered, retryAfter: Now.AddMinutes(1)), LinkTokenNext.Wait },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLatestRequestDecidesWhatHappensNext(string situation, LinkToken? latest, LinkTokenNext next) =>
        Assert.True(_tokens.Decide(latest, Sunita, Now).Next == next, situation);

    [Fact]
    public void APatientWithoutAYearOfBirthIsNotAskedFor() =>
        Assert.Equal(LinkTokenNext.Never, _tokens.Decide(null, new Patient { Name = "X", AbhaAddress = "x.y@sbx" }, Now).Next);

    [Theory]
    [InlineData("ABDM-1027", 24 * 60.0)]
    [InlineData("ABDM-1024", 2.0)]
    [InlineData("ABDM-1092", 10.0)]
    [InlineData("ABDM-9999", 24 * 60.0)]
    public void ARefusalIsWaitedOutAsItsCodeSays(string code, double minutes)
    {
        var request = Row(LinkTokenState.Requested);

        _tokens.Refuse(request, code, "refused", Now);

        Assert.Equal(Now.AddMinutes(minutes), request.RetryAfter);
    }

    [Fact]
    public void AnInvalidAbhaIsNeverAskedAgain()
    {
        var request = Row(LinkTokenState.Requested);

        _tokens.Refuse(request, "ABDM-1051", "Invalid ABHA", Now);

        Assert.Equal((LinkTokenState.Refused, (DateTime?)null), (request.State, request.RetryAfter));
    }

    [Fact]
    public void TheServiceDownWaitDoublesUpToItsMaximum() =>
        Assert.Equal([2, 4, 8, 16, 32, 64, 120, 120], Enumerable.Range(1, 8).Select(n => _tokens.Backoff(n).TotalMinutes));

    [Theory]
    [InlineData("1027", "ABDM-1027")]
    [InlineData(" abdm-1051 ", "ABDM-1051")]
    [InlineData(null, "ABDM-0000")]
    public void ErrorCodesAreReadInEitherForm(string? code, string normalized) => Assert.Equal(normalized, LinkingErrorCodes.Normalize(code));

    [Fact]
    public void TheExpiryIsReadFromTheTokenItself()
    {
        var exp = new DateTimeOffset(2027, 5, 25, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var jwt = $"{Encode("{\"alg\":\"RS256\"}")}.{Encode($"{{\"sub\":\"sunita.devi@abdm\",\"exp\":{exp}}}")}.c2ln";

        Assert.Equal(new DateTime(2027, 5, 25, 10, 0, 0, DateTimeKind.Utc), LinkTokenExpiry.Read(jwt));
        Assert.Null(LinkTokenExpiry.Read("opaque-token"));
        Assert.Null(LinkTokenExpiry.Read($"{Encode("{}")}.{Encode("{\"sub\":\"x\"}")}.c2ln"));
        Assert.Null(LinkTokenExpiry.Read("a.%%%.c"));
    }

    [Fact]
    public async Task TheDatabaseHoldsAtMostOneOpenRequestPerPatientAndFacility()
    {
        await using var database = await TestDatabase.CreateAsync();
        var patientId = await database.AddPatientAsync("Sunita Devi");
        await using var db = database.CreateDbContext();
        var facilityId = await db.Facilities.Select(f => f.Id).SingleAsync();
        db.LinkTokens.Add(Row(LinkTokenState.Requested, facilityId: facilityId, patientId: patientId));
        db.LinkTokens.Add(Row(LinkTokenState.Issued, facilityId: facilityId, patientId: patientId, expiresAt: Now.AddDays(100)));
        await db.SaveChangesAsync();

        db.LinkTokens.Add(Row(LinkTokenState.Requested, facilityId: facilityId, patientId: patientId));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    private static LinkToken Row(
        LinkTokenState state, DateTime? requestedAt = null, DateTime? expiresAt = null, DateTime? retryAfter = null, string address = "sunita.devi@abdm",
        int facilityId = 1, long patientId = 1) => new()
        {
            FacilityId = facilityId,
            PatientId = patientId,
            AbhaAddress = address,
            RequestId = Guid.NewGuid(),
            State = state,
            RequestedAt = requestedAt ?? Now.AddDays(-1),
            ExpiresAt = expiresAt,
            Token = state == LinkTokenState.Issued ? "token" : null,
            RetryAfter = retryAfter,
        };

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
