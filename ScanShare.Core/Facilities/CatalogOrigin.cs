namespace ScanShare.Core.Facilities;

/// <summary>Where a queue or counter is defined, and so who may change it.</summary>
public enum CatalogOrigin
{
    /// <summary>The facility's appsettings.json; applied at every start and read-only on the admin pages.</summary>
    Configuration,

    /// <summary>Added on the admin pages; the start-up sync leaves it alone.</summary>
    Admin,
}
