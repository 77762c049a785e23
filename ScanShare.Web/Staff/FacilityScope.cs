using Microsoft.EntityFrameworkCore;
using ScanShare.Core.Data;
using ScanShare.Core.Staff;

namespace ScanShare.Web.Staff;

/// <summary>
/// Endpoints addressed by a facility's HIP id (<c>{hipId}</c> in the route) answer only staff of that facility: an
/// unknown HIP id is 404, a facility outside the caller's is 403, each as problem details.
/// </summary>
public static class FacilityScope
{
    public static TBuilder RequireFacility<TBuilder>(this TBuilder builder, Func<StaffScope, int, bool> may) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var hipId = http.GetRouteValue("hipId") as string;
            var services = http.RequestServices;
            var facilityId = await services.GetRequiredService<ScanShareDbContext>().Facilities.AsNoTracking()
                .Where(f => f.HipId == hipId)
                .Select(f => (int?)f.Id)
                .SingleOrDefaultAsync(http.RequestAborted);
            if (facilityId is null)
            {
                return TypedResults.Problem($"There is no facility with HIP id {hipId}.", statusCode: StatusCodes.Status404NotFound, title: "Unknown facility");
            }

            var staff = await services.GetRequiredService<StaffScopes>().ForUserAsync(http.User.UserId(), http.RequestAborted);
            return may(staff, facilityId.Value)
                ? await next(context)
                : TypedResults.Problem($"{hipId} is not one of your facilities.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        });
}
