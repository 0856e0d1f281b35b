using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.Workflow.Data;
using PublicServices.Workflow.Domain;
using PublicServices.Workflow.Resources;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Validation;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace PublicServices.Workflow.Apis;

/// <summary>
/// Workflow definitions, the way Elsa's API manages them: drafts, validation, publish/retract, versions, export and
/// import of Elsa 3 JSON. Admins only. A definition that does not validate is refused with its problems keyed by
/// activity id, and nothing of it is stored.
/// </summary>
public static class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflow/definitions").WithTags("Definitions").RequireAuthorization(Callers.AdminPolicy);
        api.MapGet("/", List);
        api.MapPost("/", Create).Accepts<JsonObject>("application/json").Audited<WorkflowDb>("definition.created");
        api.MapPost("/import", Import).Accepts<JsonObject>("application/json").Audited<WorkflowDb>("definition.imported");
        api.MapGet("/{definitionId}", Get);
        api.MapPut("/{definitionId}", Update).Accepts<JsonObject>("application/json").Audited<WorkflowDb>("definition.changed");
        api.MapPost("/{definitionId}/validate", Validate).Accepts<JsonObject>("application/json");
        api.MapPost("/{definitionId}/publish", Publish).Audited<WorkflowDb>("definition.published");
        api.MapPost("/{definitionId}/retract", Retract).Audited<WorkflowDb>("definition.retracted");
        api.MapGet("/{definitionId}/versions", Versions);
        api.MapGet("/{definitionId}/versions/{version:int}", Version);
        api.MapGet("/{definitionId}/export", Export);
        return app;
    }

    /// <summary>The result of a validation: problems keyed by activity id ("definition" for the whole).</summary>
    public sealed record ValidationReport(bool Valid, IReadOnlyDictionary<string, string[]> Errors);

    static async Task<Ok<IReadOnlyList<DefinitionSummary>>> List(WorkflowDefinitionStore store, CancellationToken cancel) =>
        TypedResults.Ok(await store.ListAsync(cancel));

    /// <summary>Creates a definition as a draft (version 1). An existing definition id is a conflict: PUT updates it.</summary>
    static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> Create(HttpRequest request,
        WorkflowDefinitionStore store, WorkflowValidator validator, IOptions<WorkflowOptions> options, IStringLocalizer<Messages> text,
        IStringLocalizerFactory localizers, CancellationToken cancel)
    {
        var (definition, refusal) = await ReadNewAsync(request, validator, options.Value, text, localizers, cancel);
        if (definition is null)
            return refusal!;
        if (await store.GetAsync(definition.DefinitionId, ct: cancel) is not null)
            return Problems.Problem(StatusCodes.Status409Conflict, text["Definition.IdTaken"], detail: definition.DefinitionId);
        var saved = await store.SaveDraftAsync(definition, cancel);
        return TypedResults.Created($"/api/workflow/definitions/{Uri.EscapeDataString(saved.DefinitionId)}", saved.Json);
    }

    static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(string definitionId, WorkflowDefinitionStore store, IStringLocalizer<Messages> text,
        CancellationToken cancel) =>
        await store.GetAsync(definitionId, ct: cancel) is { } definition ? TypedResults.Ok(definition.Json) : NotFound(definitionId, text);

    /// <summary>Saves a draft: replaces the latest version while unpublished, else adds a new version.</summary>
    static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Update(string definitionId, HttpRequest request,
        WorkflowDefinitionStore store, WorkflowValidator validator, IOptions<WorkflowOptions> options, IStringLocalizer<Messages> text,
        IStringLocalizerFactory localizers, CancellationToken cancel)
    {
        var (definition, errors) = await DefinitionBody.ReadAsync(request, options.Value.MaxDefinitionBytes, text, cancel);
        if (definition is null)
            return Problems.Validation(errors ?? DefinitionBody.Error("body", text["Definition.Missing"]));
        if (!string.IsNullOrEmpty(definition.DefinitionId) && definition.DefinitionId != definitionId)
            return Problems.Validation("definitionId", text["Definition.IdMismatch"]);
        definition.DefinitionId = definitionId;
        if (await store.GetAsync(definitionId, ct: cancel) is null)
            return NotFound(definitionId, text);
        if (Check(definition, validator, text, localizers) is { } invalid)
            return invalid;
        return TypedResults.Ok((await store.SaveDraftAsync(definition, cancel)).Json);
    }

    /// <summary>Validates the definition in the body, or the latest stored version when the body is empty. Never saves.</summary>
    static async Task<Results<Ok<ValidationReport>, ValidationProblem, ProblemHttpResult>> Validate(string definitionId, HttpRequest request,
        WorkflowDefinitionStore store, WorkflowValidator validator, IOptions<WorkflowOptions> options, IStringLocalizer<Messages> text,
        IStringLocalizerFactory localizers, CancellationToken cancel)
    {
        var (definition, errors) = await DefinitionBody.ReadAsync(request, options.Value.MaxDefinitionBytes, text, cancel);
        if (errors is not null)
            return Problems.Validation(errors);
        if (definition is not null)
            definition.DefinitionId = definitionId;
        else if ((definition = await store.GetAsync(definitionId, ct: cancel)) is null)
            return NotFound(definitionId, text);
        var problems = validator.Validate(definition);
        return TypedResults.Ok(new ValidationReport(problems.Count == 0, problems.AsErrors(localizers)));
    }

    static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Publish(string definitionId, WorkflowDefinitionStore store,
        IStringLocalizer<Messages> text, IStringLocalizerFactory localizers, CancellationToken cancel)
    {
        var result = await store.PublishAsync(definitionId, cancel);
        return result.Status switch
        {
            PublishStatus.Published => TypedResults.Ok(result.Definition!.Json),
            PublishStatus.Invalid => Problems.Validation((result.Problems ?? []).AsErrors(localizers)),
            _ => NotFound(definitionId, text),
        };
    }

    /// <summary>No new instance starts on the definition any more; running instances go on with their version.</summary>
    static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Retract(string definitionId, WorkflowDefinitionStore store, IStringLocalizer<Messages> text,
        CancellationToken cancel)
    {
        if (await store.RetractAsync(definitionId, cancel))
            return TypedResults.Ok((await store.GetAsync(definitionId, ct: cancel))!.Json);
        return await store.GetAsync(definitionId, ct: cancel) is null
            ? NotFound(definitionId, text)
            : Problems.Problem(StatusCodes.Status409Conflict, text["Definition.NotPublished"], detail: definitionId);
    }

    static async Task<Results<Ok<IReadOnlyList<DefinitionSummary>>, ProblemHttpResult>> Versions(string definitionId, WorkflowDefinitionStore store,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var versions = await store.VersionsAsync(definitionId, cancel);
        return versions.Count == 0 ? NotFound(definitionId, text) : TypedResults.Ok(versions);
    }

    static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Version(string definitionId, int version, WorkflowDefinitionStore store,
        IStringLocalizer<Messages> text, CancellationToken cancel) =>
        await store.GetAsync(definitionId, version, cancel) is { } definition ? TypedResults.Ok(definition.Json) : VersionNotFound(definitionId, version, text);

    /// <summary>The latest (or the given) version as an Elsa 3 JSON file, with every property it was imported with.</summary>
    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string definitionId, int? version, WorkflowDefinitionStore store,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var definition = await store.GetAsync(definitionId, version, cancel);
        if (definition is null)
            return version is { } v ? VersionNotFound(definitionId, v, text) : NotFound(definitionId, text);
        var bytes = System.Text.Encoding.UTF8.GetBytes(definition.ToJson(indented: true));
        return TypedResults.File(bytes, "application/json", $"{definition.DefinitionId}-v{definition.Version}.json");
    }

    /// <summary>
    /// Imports an Elsa 3 definition: saved as a draft of its definition id (a new version when the latest is
    /// published), and published at once when the document says <c>isPublished: true</c>, as Elsa's import does.
    /// </summary>
    static async Task<Results<Created<JsonObject>, Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request,
        WorkflowDefinitionStore store, WorkflowValidator validator, IOptions<WorkflowOptions> options, IStringLocalizer<Messages> text,
        IStringLocalizerFactory localizers, CancellationToken cancel)
    {
        var (definition, refusal) = await ReadNewAsync(request, validator, options.Value, text, localizers, cancel);
        if (definition is null)
            return refusal!;
        var existed = await store.GetAsync(definition.DefinitionId, ct: cancel) is not null;
        var publish = definition.IsPublished;
        var saved = await store.SaveDraftAsync(definition, cancel);
        if (publish)
        {
            var published = await store.PublishAsync(saved.DefinitionId, cancel);
            if (published.Status == PublishStatus.Invalid)
                return Problems.Validation((published.Problems ?? []).AsErrors(localizers));
            saved = published.Definition!;
        }
        return existed ? TypedResults.Ok(saved.Json)
            : TypedResults.Created($"/api/workflow/definitions/{Uri.EscapeDataString(saved.DefinitionId)}", saved.Json);
    }

    /// <summary>
    /// A definition from the body for a create or an import: one without an id gets a new one; null with the refusal
    /// when the body is missing, unreadable or the definition is not valid.
    /// </summary>
    static async Task<(WorkflowDefinition? Definition, ValidationProblem? Refusal)> ReadNewAsync(HttpRequest request, WorkflowValidator validator,
        WorkflowOptions options, IStringLocalizer<Messages> text, IStringLocalizerFactory localizers, CancellationToken cancel)
    {
        var (definition, errors) = await DefinitionBody.ReadAsync(request, options.MaxDefinitionBytes, text, cancel);
        if (definition is null)
            return (null, Problems.Validation(errors ?? DefinitionBody.Error("body", text["Definition.Missing"])));
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
            definition.DefinitionId = Guid.NewGuid().ToString("N");
        return Check(definition, validator, text, localizers) is { } invalid ? (null, invalid) : (definition, null);
    }

    /// <summary>The refusal of an unusable definition (id format or validation problems); null when it may be saved.</summary>
    static ValidationProblem? Check(WorkflowDefinition definition, WorkflowValidator validator, IStringLocalizer<Messages> text,
        IStringLocalizerFactory localizers)
    {
        if (!DefinitionBody.IsValidId(definition.DefinitionId))
            return Problems.Validation("definitionId", text["Definition.BadId"]);
        var problems = validator.Validate(definition);
        return problems.Count > 0 ? Problems.Validation(problems.AsErrors(localizers)) : null;
    }

    static ProblemHttpResult NotFound(string definitionId, IStringLocalizer<Messages> text) =>
        Problems.NotFound(text["Definition.NotFound"], detail: definitionId);

    static ProblemHttpResult VersionNotFound(string definitionId, int version, IStringLocalizer<Messages> text) =>
        Problems.NotFound(text["Definition.VersionNotFound"], detail: $"{definitionId} v{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
