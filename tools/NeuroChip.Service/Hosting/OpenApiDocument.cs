using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using NeuroChip.Service.Api;

namespace NeuroChip.Service.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: the job API with its API-key scheme, required on every <c>/v1</c> operation.</summary>
internal static class OpenApiDocument
{
    public const string SchemeName = "ApiKey";

    public static IServiceCollection AddServiceOpenApi(this IServiceCollection services) => services.AddOpenApi("v1", options =>
    {
        options.AddDocumentTransformer((document, context, cancellationToken) =>
        {
            document.Info.Title = "NeuroChip service";
            document.Info.Description = "Simulation, compilation and conversion jobs on a neuromorphic chip model. Every /v1 request carries an API key.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyMiddleware.HeaderName,
                Description = "An API key made with 'neurochip serve keys create'; 'Authorization: Bearer <key>' is accepted too.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, cancellationToken) =>
        {
            if (context.Description.RelativePath?.StartsWith("v1/", StringComparison.Ordinal) == true)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    });
}
