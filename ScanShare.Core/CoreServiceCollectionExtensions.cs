using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScanShare.Core.Abdm;
using ScanShare.Core.Abha;
using ScanShare.Core.Data;
using ScanShare.Core.Facilities;
using ScanShare.Core.Linking;
using ScanShare.Core.Patients;
using ScanShare.Core.Queueing;
using ScanShare.Core.Reporting;
using ScanShare.Core.Staff;

namespace ScanShare.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The queue engine and its database.</summary>
    public static IServiceCollection AddScanShareCore(this IServiceCollection services, DatabaseConnection database)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddDbContext<ScanShareDbContext>(database.Configure);
        services.AddSingleton(new SqliteWriteGate(database.Provider));
        services.AddSingleton<QueueEventHub>();
        services.AddSingleton<IQueueEventPublisher>(sp => sp.GetRequiredService<QueueEventHub>());
        services.AddSingleton<IQueueEventSource>(sp => sp.GetRequiredService<QueueEventHub>());
        services.AddScoped<ActingStaff>();
        services.AddScoped<QueueEngine>();
        services.AddScoped<StaffScopes>();
        services.AddScoped<CounterWork>();
        services.AddScoped<QueueBoard>();
        services.AddScoped<CounterBoard>();
        services.AddScoped<DisplayBoard>();
        services.AddScoped<WalkInRegistration>();
        services.AddScoped<PatientRegistration>();
        services.AddScoped<AbhaDeskPatients>();
        services.AddScoped<TokenSlips>();
        services.AddScoped<WaitEstimates>();
        services.AddScoped<FacilityCatalogSync>();
        services.AddScoped<CatalogEditor>();
        services.AddScoped<ShareIntake>();
        services.AddSingleton<ShareIntakeQueue>();
        services.AddScoped<GatewayProblemLog>();
        services.AddScoped<DailyReports>();
        services.AddSingleton<OutboxSignal>();
        services.AddOptions<LinkingOptions>();
        services.AddScoped<AbhaLinkTokens>();
        services.AddScoped<AbhaSmsLinks>();
        services.AddScoped<VisitLinking>();
        services.AddScoped<LinkingCallbacks>();
        services.AddSingleton<LinkingAnswerQueue>();
        services.AddSingleton<VisitLinkChanges>();
        services.AddScoped<LinkingSweep>();
        return services;
    }
}
