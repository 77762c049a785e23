using ScanShare.Core.Patients;

namespace ScanShare.Core.Queueing;

public sealed class Token
{
    public long Id { get; set; }
    public int FacilityId { get; set; }
    public int QueueId { get; set; }
    public ServiceQueue? Queue { get; set; }

    /// <summary>The facility's local date the number belongs to; numbers restart at 1 every local day.</summary>
    public DateOnly ServiceDate { get; set; }
    public int Number { get; set; }

    /// <summary>What the patient sees in the ABHA app, on the TV and on the slip, e.g. <c>R-017</c>.</summary>
    public required string Label { get; set; }

    public TokenSource Source { get; set; }
    public PriorityLane Priority { get; set; }
    public TokenState State { get; set; }

    public long? PatientId { get; set; }
    public Patient? Patient { get; set; }

    /// <summary>The counter whose QR was scanned or where the walk-in was registered.</summary>
    public int? IssuedAtCounterId { get; set; }

    /// <summary>The counter that called the token and is serving it.</summary>
    public int? CounterId { get; set; }

    public DateTime IssuedAt { get; set; }

    /// <summary>When the token (re)entered the waiting line; the FIFO order key.</summary>
    public DateTime QueuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? FirstCalledAt { get; set; }
    public DateTime? CalledAt { get; set; }
    public DateTime? ServingAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>Where registration sent the patient; set when a clerk registers the token.</summary>
    public string? Department { get; set; }
    public DateTime? RegisteredAt { get; set; }
    public string? RegisteredBy { get; set; }

    public int CallCount { get; set; }
    public int RequeueCount { get; set; }
    public bool CalledOutOfOrder { get; set; }
    public long? TransferredFromTokenId { get; set; }
    public long? TransferredToTokenId { get; set; }

    public bool IsActive => State is TokenState.Waiting or TokenState.Called or TokenState.Serving;
}

public enum TokenState
{
    Waiting,
    Called,
    Serving,
    Completed,
    NoShow,
    Cancelled,
    Transferred,
}

/// <summary>How a token came to be; stored as its number, so values are only ever added.</summary>
public enum TokenSource
{
    /// <summary>The patient scanned the counter's QR with the ABHA app and the gateway shared their profile (Scan and Share).</summary>
    Scan = 0,

    /// <summary>A patient without ABHA, entered by the clerk.</summary>
    WalkIn = 1,

    Transfer = 2,

    /// <summary>The clerk scanned the patient's ABHA card or app QR at the desk and confirmed the details (unverified).</summary>
    AbhaQr = 3,

    /// <summary>The patient's ABHA was verified at the desk with an OTP from the ABHA service.</summary>
    OtpVerified = 4,
}

/// <summary>Priority lanes served before the general line when a queue enables them.</summary>
public enum PriorityLane
{
    None = 0,
    SeniorCitizen = 1,
    Disabled = 2,
    Pregnant = 3,
}
