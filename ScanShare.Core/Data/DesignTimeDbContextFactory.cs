using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ScanShare.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build the model from this project alone.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ScanShareDbContext>
{
    public ScanShareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ScanShareDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
