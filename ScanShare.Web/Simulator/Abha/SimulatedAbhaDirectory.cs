using ScanShare.Core.Abha;

namespace ScanShare.Web.Simulator.Abha;

/// <summary>
/// The accounts of the simulated ABHA service: a fixed demo family whose one mobile holds three ABHAs, and a
/// dozen other made-up patients; each ABHA number is found by its number, address, mobile or Aadhaar.
/// </summary>
public sealed class SimulatedAbhaDirectory
{
    /// <summary>The family's shared phone: three ABHA accounts are registered with it.</summary>
    public const string FamilyMobile = "9450012345";

    private readonly List<SimulatedAbhaAccount> _accounts = [];
    private readonly Lock _lock = new();

    public SimulatedAbhaDirectory()
    {
        _accounts.Add(new("91-5417-6573-4186", "sunita.devi@sbx", "Sunita Devi", "F", 1979, 8, 14, FamilyMobile, "482913057761",
            "H.No. 12, Gali 4, Aliganj", "Lucknow", "Uttar Pradesh", "226024", "9", "162"));
        _accounts.Add(new("91-5417-6573-4194", "ramesh.yadav1976@sbx", "Ramesh Yadav", "M", 1976, 3, 2, FamilyMobile, "482913057779",
            "H.No. 12, Gali 4, Aliganj", "Lucknow", "Uttar Pradesh", "226024", "9", "162"));
        _accounts.Add(new("91-5417-6573-4208", "pooja.yadav2009@sbx", "Pooja Yadav", "F", 2009, 0, 0, FamilyMobile, "482913057787",
            "H.No. 12, Gali 4, Aliganj", "Lucknow", "Uttar Pradesh", "226024", "9", "162"));
        _accounts.Add(new("91-2210-4433-8765", "irfan.khan@sbx", "Mohammad Irfan Khan", "M", 1985, 9, 0, "9839012345", "537206418893",
            "23 Nakhas Chowk", "Lucknow", "Uttar Pradesh", "226003", "9", "162"));
        var generator = new IndianPatientGenerator(new Random(2026));
        for (var i = 0; i < 12; i++)
        {
            var p = generator.Next();
            _accounts.Add(new(p.AbhaNumber, p.AbhaAddress, p.Name, p.Gender, p.YearOfBirth, p.MonthOfBirth, p.DayOfBirth, p.Mobile,
                $"{5 + (i % 4)}{p.AbhaNumber.Replace("-", "", StringComparison.Ordinal)[3..]}", $"{p.AddressLine}", p.District, p.State, p.Pincode, "", ""));
        }
    }

    public IReadOnlyList<SimulatedAbhaAccount> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _accounts];
            }
        }
    }

    /// <summary>Adds an account (the simulator page's "new card", or a test's own patient).</summary>
    public void Add(SimulatedAbhaAccount account)
    {
        lock (_lock)
        {
            _accounts.RemoveAll(a => a.AbhaNumber == account.AbhaNumber);
            _accounts.Add(account);
        }
    }

    /// <summary>The accounts a login id names: one for an ABHA number, address or Aadhaar, all of a mobile's.</summary>
    public IReadOnlyList<SimulatedAbhaAccount> Find(string loginHint, string loginId) => All.Where(a => loginHint switch
    {
        "abha-number" => a.AbhaNumber == AbhaIds.Number(loginId),
        "abha-address" => a.AbhaAddress == AbhaIds.Address(loginId),
        "mobile" => a.Mobile == loginId,
        "aadhaar" => a.Aadhaar == loginId,
        _ => false,
    }).ToList();

    public SimulatedAbhaAccount? ByNumber(string? abhaNumber) => All.FirstOrDefault(a => a.AbhaNumber == AbhaIds.Number(abhaNumber));
}
