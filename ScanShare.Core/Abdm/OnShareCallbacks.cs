using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScanShare.Core.Abdm;

/// <summary>The on-share callback bodies, in each protocol generation's shape.</summary>
/// <remarks>
/// v1.0 and v0.5 follow NHA's published gateway description: <c>error</c> is a non-nullable object whose <c>code</c> is an
/// integer, so it is left out on success and sent with no acknowledgement on failure. That description predates v3, so
/// the v3 bodies (the nested <c>acknowledgement.profile</c>, <c>response.requestId</c>, a string error code) follow NHA's
/// ABDM wrapper, which speaks v3 to the live gateway.
/// </remarks>
public static class OnShareCallbacks
{
    /// <summary>The one failure code the published description defines for a HIP's answer.</summary>
    public const int FailureCode = 1000;

    public static string PathFor(ShareProtocol protocol) => protocol switch
    {
        ShareProtocol.V3 => "patient-share/v3/on-share",
        ShareProtocol.V1 => "v1.0/patients/profile/on-share",
        _ => "v0.5/patients/profile/on-share",
    };

    public static string Success(ProfileShare share, string tokenLabel, int expirySeconds, Guid callbackRequestId, DateTime now) =>
        share.Protocol switch
        {
            ShareProtocol.V3 => Serialize(new JsonObject
            {
                ["acknowledgement"] = new JsonObject
                {
                    ["status"] = "SUCCESS",
                    ["abhaAddress"] = share.Patient.AbhaAddress,
                    ["profile"] = new JsonObject
                    {
                        ["context"] = share.CounterCode,
                        ["tokenNumber"] = tokenLabel,
                        ["expiry"] = expirySeconds.ToString(CultureInfo.InvariantCulture),
                    },
                },
                ["response"] = new JsonObject { ["requestId"] = share.RequestId.ToString() },
            }),
            _ => Legacy(share, callbackRequestId, now, "acknowledgement", share.Protocol == ShareProtocol.V1
                ? new JsonObject { ["status"] = "SUCCESS", ["healthId"] = share.Patient.AbhaAddress, ["tokenNumber"] = tokenLabel }
                : new JsonObject { ["status"] = "SUCCESS", ["healthId"] = share.Patient.AbhaAddress }),
        };

    public static string Failure(ProfileShare share, string message, Guid callbackRequestId, DateTime now) =>
        share.Protocol switch
        {
            ShareProtocol.V3 => Serialize(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = FailureCode.ToString(CultureInfo.InvariantCulture), ["message"] = message },
                ["response"] = new JsonObject { ["requestId"] = share.RequestId.ToString() },
            }),
            _ => Legacy(share, callbackRequestId, now, "error", new JsonObject { ["code"] = FailureCode, ["message"] = message }),
        };

    private static string Legacy(ProfileShare share, Guid callbackRequestId, DateTime now, string outcomeName, JsonObject outcome) =>
        Serialize(new JsonObject
        {
            ["requestId"] = callbackRequestId.ToString(),
            ["timestamp"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            [outcomeName] = outcome,
            ["resp"] = new JsonObject { ["requestId"] = share.RequestId.ToString() },
        });

    private static string Serialize(JsonObject body) => body.ToJsonString(JsonSerializerOptions.Web);
}
