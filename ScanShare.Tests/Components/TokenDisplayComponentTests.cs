using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScanShare.Core.Facilities;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Tests.Support;
using ScanShare.Web.Components.Pages.Display;
using ScanShare.Web.Display;

namespace ScanShare.Tests.Components;

/// <summary>The TV board rendered by bunit over the real engine and a real SQLite file.</summary>
public sealed class TokenDisplayComponentTests : EngineComponentTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Options.Create(new FacilityCatalogSettings { Facilities = [DemoFacility.Create()] }));
        Services.AddSingleton<DisplayDirectory>();
        Services.AddSingleton<DisplayBoardSnapshots>();
    }

    private IRenderedComponent<TokenDisplay> RenderTv(string key = DemoFacility.DisplayKey)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("key", key));
        return Render<TokenDisplay>(p => p.Add(d => d.HipId, DemoFacility.HipId).Add(d => d.DisplayCode, "opd-hall"));
    }

    [Fact]
    public async Task ACallAppearsWithTheMaskedNameAndIsAnnouncedInBothLanguages()
    {
        var announce = JSInterop.SetupModule("./js/token-display.js").SetupVoid("announce", _ => true);
        announce.SetVoidResult();
        var tv = RenderTv();
        tv.WaitForAssertion(() => Assert.Equal("true", tv.Find(".tv").GetAttribute("data-live")));
        Assert.Contains("Please wait for your token number", tv.Markup);
        var counter = await Db.CounterIdAsync("OPD-REG-2");
        await using (var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WalkInRegistration>()
                .RegisterAsync(counter, new WalkIn("Sunita Devi", Gender.F, 1979, null, PriorityLane.None));
        }

        tv.WaitForAssertion(() => Assert.Contains("R-001", tv.Find("[data-next-queue]").TextContent));
        await WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter));

        tv.WaitForAssertion(() =>
        {
            var call = tv.Find("#now-calling .tv-call");
            Assert.Contains("R-001", call.TextContent);
            Assert.Contains("Registration Counter 2", call.TextContent);
            Assert.Contains("Sunita D.", call.TextContent);
            Assert.DoesNotContain("Devi", call.TextContent);
            Assert.Contains("flash", call.ClassName);
        });
        tv.WaitForAssertion(() => Assert.Single(announce.Invocations));
        var spoken = System.Text.Json.JsonSerializer.Serialize(announce.Invocations.Single().Arguments,
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("\"text\":\"Token R 1, Registration Counter 2\",\"lang\":\"en-IN\"", spoken);
        Assert.Contains("\"text\":\"टोकन आर 1, पंजीकरण काउंटर 2\",\"lang\":\"hi-IN\"", spoken);
    }

    [Fact]
    public async Task ACallMadeWhileTheTvConnectsShowsThoughItsEventCameBeforeTheSubscription()
    {
        var counter = await Db.CounterIdAsync("OPD-REG-2");
        var queue = await Db.QueueIdAsync("registration");
        await Db.RunAsync(e => e.IssueAsync(new IssueTokenRequest(queue, TokenSource.WalkIn)));
        Services.AddSingleton<IQueueEventSource>(sp => new SubscriptionAfter(
            sp.GetRequiredService<QueueEventHub>(),
            () => Task.Run(() => WithServiceAsync<QueueEngine, Token?>(e => e.CallNextAsync(counter))).Wait()));

        // The app's shared boards listen from the start; only the connecting screen comes late.
        Services.AddSingleton(sp => new DisplayBoardSnapshots(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<QueueEventHub>()));

        var tv = RenderTv();

        tv.WaitForAssertion(() => Assert.Contains("R-001", tv.Find("#now-calling .tv-call").TextContent));
    }

    [Fact]
    public void AWrongKeyShowsNoBoard()
    {
        var tv = RenderTv("not-the-key-at-all");

        Assert.NotNull(tv.Find("#display-refused"));
        Assert.Empty(tv.FindAll("#now-calling"));
    }
}
