namespace ScanShare.Core.Queueing;

/// <summary>A change to a token made by a member of staff: who did what, when, and at which counter.</summary>
public sealed class TokenAction
{
    public long Id { get; set; }
    public long TokenId { get; set; }
    public int FacilityId { get; set; }
    public QueueEventKind Kind { get; set; }
    public DateTime At { get; set; }
    public required string StaffUserId { get; set; }

    /// <summary>The name as it was at the time, so the record reads the same after the account is renamed or removed.</summary>
    public required string StaffName { get; set; }
    public int? CounterId { get; set; }
}

/// <summary>The member of staff on whose behalf the engine acts in this scope; none for the gateway and the system.</summary>
public sealed class ActingStaff
{
    public (string UserId, string Name, int? CounterId)? Current { get; set; }
}
