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

builder.AddFacilityConfiguration();
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

app.UseScanShareErrorHandling();
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

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
