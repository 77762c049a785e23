namespace ScanShare.Core.Linking;

public enum LinkMarkKind
{
    Pending,
    Linked,
    Failed,
    SmsSent,
    SmsFailed,
}

/// <summary>The small mark a desk shows beside a visit: its ABHA link (or SMS) and, in words, where it stands.</summary>
public sealed record VisitLinkMark(LinkMarkKind Kind, string Text)
{
    public static VisitLinkMark? Of(VisitLinkState? visit, string? problem, SmsLinkState? sms, string? smsProblem) => (visit, sms) switch
    {
        (VisitLinkState.Linked, _) => new(LinkMarkKind.Linked, "Linked to the patient's ABHA"),
        (VisitLinkState.Failed, _) => new(LinkMarkKind.Failed, problem ?? "Not linked to the patient's ABHA"),
        (VisitLinkState.Linking, _) => new(LinkMarkKind.Pending, "Linking to the patient's ABHA…"),
        (VisitLinkState.AwaitingToken, _) => new(LinkMarkKind.Pending, problem ?? "Waiting for the gateway's link token."),
        (null, SmsLinkState.Errored) => new(LinkMarkKind.SmsFailed, smsProblem ?? "The ABHA SMS could not be sent."),
        (null, SmsLinkState.Acknowledged) => new(LinkMarkKind.SmsSent, "ABHA SMS sent"),
        (null, SmsLinkState.Sent) => new(LinkMarkKind.SmsSent, "ABHA SMS sending…"),
        _ => null,
    };
}
