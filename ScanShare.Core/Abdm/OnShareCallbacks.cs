using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScanShare.Core.Abdm;

/// <summary>The on-share callback bodies, in each protocol generation's shape.</summary>
public static class OnShareCallbacks
{
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
                        ["expiry"] = expirySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                },
                ["response"] = new JsonObject { ["requestId"] = share.RequestId.ToString() },
            }),
            _ => Legacy(share, callbackRequestId, now, new JsonObject
            {
                ["status"] = "SUCCESS",
                ["healthId"] = share.Patient.AbhaAddress,
                ["tokenNumber"] = share.Protocol == ShareProtocol.V1 ? tokenLabel : null,
            }, error: null),
        };

    public static string Failure(ProfileShare share, string code, string message, Guid callbackRequestId, DateTime now) =>
        share.Protocol switch
        {
            ShareProtocol.V3 => Serialize(new JsonObject
            {
                ["acknowledgement"] = new JsonObject
                {
                    ["status"] = "FAILED",
                    ["abhaAddress"] = share.Patient.AbhaAddress,
                    ["profile"] = new JsonObject { ["context"] = share.CounterCode },
                },
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
                ["response"] = new JsonObject { ["requestId"] = share.RequestId.ToString() },
            }),
            _ => Legacy(share, callbackRequestId, now, acknowledgement: null, new JsonObject { ["code"] = code, ["message"] = message }),
        };

    private static string Legacy(ProfileShare share, Guid callbackRequestId, DateTime now, JsonObject? acknowledgement, JsonObject? error)
    {
        if (acknowledgement?["tokenNumber"] is null)
        {
            acknowledgement?.Remove("tokenNumber");
        }

        return Serialize(new JsonObject
        {
            ["requestId"] = callbackRequestId.ToString(),
            ["timestamp"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["acknowledgement"] = acknowledgement,
            ["error"] = error,
            ["resp"] = new JsonObject { ["requestId"] = share.RequestId.ToString() },
        });
    }

    private static string Serialize(JsonObject body) => body.ToJsonString(JsonSerializerOptions.Web);
}
