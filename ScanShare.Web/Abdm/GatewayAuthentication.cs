using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ScanShare.Web.Abdm;

/// <summary>
/// Accepts only calls carrying an RS256 token signed with one of the gateway's published keys, unexpired and for our
/// audience. The keys are fetched from the gateway's JWKS, cached, and fetched again when a token names an unknown key.
/// </summary>
public static class GatewayAuthentication
{
    public const string Scheme = "AbdmGateway";
    public const string Policy = "AbdmGateway";
    public const string HttpClientName = "abdm-gateway";

    public static WebApplicationBuilder AddGatewayAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddJwtBearer(Scheme, options =>
        {
            options.MapInboundClaims = false;
            options.Events = new JwtBearerEvents { OnChallenge = WriteProblemAsync };
        });
        builder.Services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<IOptions<AbdmGatewayOptions>, GatewayAddress, IHttpClientFactory, GatewayKeys>((options, gateway, address, clients, keys) =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = gateway.Value.Audience,
                    ValidateAudience = true,
                    // The gateway's issuer differs between sandbox and production; its keys and our audience are the contract.
                    ValidateIssuer = false,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    address.JwksUri.ToString(),
                    new JwksRetriever(keys),
                    new HttpDocumentRetriever(clients.CreateClient(HttpClientName)) { RequireHttps = !address.SimulatorEnabled })
                {
                    AutomaticRefreshInterval = TimeSpan.FromHours(1),
                    RefreshInterval = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>A 401 that says why, as problem details, instead of an empty body.</summary>
    private static async Task WriteProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var keysMissing = context.HttpContext.RequestServices.GetRequiredService<GatewayKeys>().FetchFailure;
        var detail = context.AuthenticateFailure switch
        {
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException when keysMissing is not null => keysMissing,
            SecurityTokenExpiredException => "The gateway token has expired.",
            SecurityTokenInvalidAudienceException => "The gateway token is not meant for this facility's audience.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The gateway token's signature does not match the gateway's published keys.",
            SecurityTokenMalformedException or ArgumentException => "The gateway token is malformed.",
            not null => "The gateway token is not valid.",
            null => "A gateway bearer token is required.",
        };
        GatewayInbound.Explain(context.HttpContext, detail);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context.HttpContext);
    }

    /// <summary>Reads a bare JWKS (the gateway publishes no OpenID discovery document) and reports each fetch.</summary>
    private sealed class JwksRetriever(GatewayKeys status) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            try
            {
                var keys = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
                var configuration = new OpenIdConnectConfiguration();
                foreach (var key in keys.GetSigningKeys())
                {
                    configuration.SigningKeys.Add(key);
                }

                status.Fetched();
                return configuration;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                status.FetchFailed(ex);
                throw;
            }
        }
    }
}
