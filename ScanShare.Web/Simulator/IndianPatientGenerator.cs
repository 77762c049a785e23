namespace ScanShare.Web.Simulator;

/// <summary>A patient profile as the ABHA app shares it. Entirely made up.</summary>
public sealed record SimulatedPatient(
    string Name,
    string Gender,
    int YearOfBirth,
    int DayOfBirth,
    int MonthOfBirth,
    string AbhaNumber,
    string AbhaAddress,
    string Mobile,
    string AddressLine,
    string District,
    string State,
    string Pincode);

/// <summary>Realistic, fictional Indian patient profiles: regional names, ABHA numbers and addresses, districts with their PIN codes.</summary>
public sealed class IndianPatientGenerator(Random random)
{
    private sealed record Region(string[] Male, string[] Female, string[] Surnames, (string District, string State, string PinPrefix)[] Places);

    private static readonly Region[] Regions =
    [
        new(["Ramesh", "Suresh", "Amit", "Rajesh", "Vikram", "Manoj", "Arjun", "Rohit"],
            ["Sunita", "Pooja", "Neha", "Kavita", "Anita", "Priya", "Rekha", "Savita"],
            ["Yadav", "Sharma", "Verma", "Singh", "Gupta", "Mishra", "Chauhan", "Devi"],
            [("Lucknow", "Uttar Pradesh", "226"), ("Varanasi", "Uttar Pradesh", "221"), ("South Delhi", "Delhi", "110"),
             ("Jaipur", "Rajasthan", "302"), ("Patna", "Bihar", "800"), ("Bhopal", "Madhya Pradesh", "462"), ("Ludhiana", "Punjab", "141")]),
        new(["Ravi", "Karthik", "Srinivas", "Venkatesh", "Arun", "Suresh", "Mohan", "Prakash"],
            ["Lakshmi", "Asha", "Divya", "Meena", "Revathi", "Kavya", "Anjali", "Shobha"],
            ["Reddy", "Iyer", "Nair", "Rao", "Pillai", "Naidu", "Gowda", "Krishnan"],
            [("Bengaluru Urban", "Karnataka", "560"), ("Chennai", "Tamil Nadu", "600"), ("Madurai", "Tamil Nadu", "625"),
             ("Hyderabad", "Telangana", "500"), ("Ernakulam", "Kerala", "682"), ("Guntur", "Andhra Pradesh", "522")]),
        new(["Subhash", "Arnab", "Sourav", "Bikash", "Debashis", "Pradeep"],
            ["Mousumi", "Rina", "Sarmistha", "Puja", "Sujata", "Ananya"],
            ["Das", "Banerjee", "Mukherjee", "Ghosh", "Mohanty", "Sahu"],
            [("Kolkata", "West Bengal", "700"), ("Howrah", "West Bengal", "711"), ("Khordha", "Odisha", "751"), ("Ranchi", "Jharkhand", "834")]),
        new(["Rahul", "Sachin", "Nilesh", "Hitesh", "Ketan", "Sandeep"],
            ["Snehal", "Rupal", "Swati", "Komal", "Bhavna", "Manisha"],
            ["Patil", "Deshmukh", "Shah", "Patel", "Joshi", "Kulkarni"],
            [("Pune", "Maharashtra", "411"), ("Mumbai Suburban", "Maharashtra", "400"), ("Ahmedabad", "Gujarat", "380"), ("North Goa", "Goa", "403")]),
        new(["Bhaskar", "Dipankar", "Lalthansanga", "Tenzing", "Manash"],
            ["Lalremruati", "Bijoya", "Pema", "Nilima", "Chitra"],
            ["Bora", "Gogoi", "Sangma", "Lyngdoh", "Kalita"],
            [("Kamrup Metropolitan", "Assam", "781"), ("East Khasi Hills", "Meghalaya", "793"), ("Aizawl", "Mizoram", "796"), ("Imphal West", "Manipur", "795")]),
    ];

    private static readonly string[] Streets = ["Gali", "Nagar", "Colony", "Road", "Mohalla", "Layout", "Ward"];

    public IndianPatientGenerator() : this(Random.Shared)
    {
    }

    public SimulatedPatient Next()
    {
        var region = Pick(Regions);
        var female = random.Next(2) == 0;
        var first = Pick(female ? region.Female : region.Male);
        var surname = Pick(region.Surnames);
        var (district, state, pinPrefix) = Pick(region.Places);
        var year = random.Next(1940, 2024);
        var knowsFullDate = random.Next(5) > 0;
        var month = knowsFullDate ? random.Next(1, 13) : 0;
        var day = knowsFullDate ? random.Next(1, DateTime.DaysInMonth(year, month) + 1) : 0;
        var digits = string.Concat(Enumerable.Range(0, 12).Select(_ => random.Next(10)));
        return new SimulatedPatient(
            Name: $"{first} {surname}",
            Gender: random.Next(50) == 0 ? "O" : female ? "F" : "M",
            YearOfBirth: year,
            DayOfBirth: day,
            MonthOfBirth: month,
            AbhaNumber: $"91-{digits[..4]}-{digits[4..8]}-{digits[8..]}",
            AbhaAddress: $"{first.ToLowerInvariant()}.{surname.ToLowerInvariant()}{random.Next(10, 9999)}@sbx",
            Mobile: $"{random.Next(6, 10)}{random.Next(0, 1_000_000_000):D9}",
            AddressLine: $"H.No. {random.Next(1, 400)}, {Pick(Streets)} {random.Next(1, 30)}",
            District: district,
            State: state,
            Pincode: $"{pinPrefix}{random.Next(0, 1000):D3}");
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
