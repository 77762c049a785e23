using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;

namespace ScanShare.Tests.Core;

/// <summary>What the waiting hall reads and hears.</summary>
public sealed class PublicScreenTextTests
{
    [Theory]
    [InlineData("Sunita Devi", "Sunita D.")]
    [InlineData("Smt. Sunita Devi", "Sunita D.")]
    [InlineData("Mr Ramesh Kumar Yadav", "Ramesh Y.")]
    [InlineData("Dr. Anil sharma", "Anil S.")]
    [InlineData("Kamla", "Kamla")]
    [InlineData("श्रीमती कमला कुमारी", "कमला कु.")]
    [InlineData("श्री रामेश्वर देवी", "रामेश्वर दे.")]
    [InlineData("सुनीता ठाकुर", "सुनीता ठा.")]
    [InlineData("श्रीमती", "")]
    public void AMaskedNameIsTheGivenNameAndAWholeInitialWithoutTitles(string name, string masked) =>
        Assert.Equal(masked, PatientDisplay.MaskName(name));

    [Fact]
    public void CountersAreAnnouncedByTheirFullSpokenNameSoTwoCounterOnesSoundDifferent()
    {
        var lab = new DisplayCall(1, "L-004", "Lab Counter 1", null, DateTime.UtcNow, 1, new Dictionary<string, string> { ["hi"] = "लैब काउंटर 1" });
        var registration = new DisplayCall(2, "R-023", "Registration Counter 1", null, DateTime.UtcNow, 1);

        Assert.Equal("Token L 4, Lab Counter 1", CallAnnouncement.Text(lab.Label, lab.SpokenCounterName("en"), "en"));
        Assert.Equal("टोकन एल 4, लैब काउंटर 1", CallAnnouncement.Text(lab.Label, lab.SpokenCounterName("hi"), "hi"));
        Assert.Equal("Token R 23, Registration Counter 1", CallAnnouncement.Text(registration.Label, registration.SpokenCounterName("en"), "en"));
        Assert.Equal("टोकन आर 23, Registration Counter 1", CallAnnouncement.Text(registration.Label, registration.SpokenCounterName("hi"), "hi"));
    }

    [Theory]
    [InlineData(12, 1.25, "about 12 ahead, ~16 min")]
    [InlineData(0, 2.0, "next in line, ~2 min")]
    [InlineData(5, null, "about 5 ahead")]
    public void AWaitIsTheTokensAheadAndTheQueuesPace(int ahead, double? minutesPerCall, string text) =>
        Assert.Equal(text, WaitEstimates.Estimate(ahead, minutesPerCall).Text);
}
