using ScanShare.Web.Abdm;
using ScanShare.Web.Abha;
using ScanShare.Web.Components;
using ScanShare.Web.Counters;
using ScanShare.Web.Display;
using ScanShare.Web.Health;
using ScanShare.Web.Hosting;
using ScanShare.Web.Live;
using ScanShare.Web.Reports;
using ScanShare.Web.Simulator;
using ScanShare.Web.Staff;

var builder = WebApplication.CreateBuilder(args);
if (DatabaseCommands.IsCommand(args))
{
    return await DatabaseCommands.RunAsync(builder, args);
}

builder.AddFacilityConfiguration();
builder.AddTransportSecurity();
builder.AddScanShareDatabase();
builder.AddStaffSignIn();
builder.AddScanShareErrorHandling();
builder.AddScanShareHealthChecks();
builder.AddAbdmGateway();
builder.AddAbhaService();
builder.AddCounterQr();
builder.AddTokenDisplays();
builder.AddLiveUpdates();
builder.AddGatewaySimulator();
builder.AddScanShareUi();

var app = builder.Build();
app.CheckSettings();

app.UseTransportSecurity();
app.UseInstanceAffinity();
app.UseSecurityHeaders();
app.UseScanShareErrorHandling();
app.UseHeadAsGet();
app.UseRouting();
app.UseRateLimiter();
app.UseGatewayRefusalLog();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapScanShareHealth();
app.MapStaffAccount();
app.MapAbdmGateway();
app.MapCounterQr();
app.MapReports();
app.MapLiveUpdates();
app.MapGatewaySimulator();
app.MapScanShareUi();
app.LogReadyUrls();

app.Run();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
