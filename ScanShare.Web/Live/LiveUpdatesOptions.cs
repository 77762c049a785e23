using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace ScanShare.Web.Live;

/// <summary>
/// Live updates between app instances (section <c>LiveUpdates</c>), used when <c>ConnectionStrings:Redis</c> is set.
/// </summary>
public sealed class LiveUpdatesOptions
{
    public const string Section = "LiveUpdates";

    /// <summary>Prefix of the Redis channel; the instances of one deployment share it, other deployments on the same Redis do not.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._:-]+$", ErrorMessage = "LiveUpdates:Channel takes letters, digits and . _ : - only.")]
    public string Channel { get; set; } = "scanshare";

    public RedisChannel RedisChannel() => StackExchange.Redis.RedisChannel.Literal($"{Channel}:live-updates");
}
