using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ScanShare.Core.Data;

namespace ScanShare.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model from this project alone (no server is needed to add a migration):
/// <c>dotnet ef migrations add NameOfChange --project ScanShare.Data.Postgres --output-dir Migrations</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ScanShareDbContext>
{
    public ScanShareDbContext CreateDbContext(string[] args) =>
        DatabaseConnection.Postgres("Host=127.0.0.1;Database=scanshare_design_time;Username=postgres").CreateDbContext();
}
