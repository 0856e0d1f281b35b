using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using PublicServices.Contracts.Catalog;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>A procedure's form schema, built once: the evaluator plus the raw JSON for labels and limits.</summary>
public sealed class CompiledForm(JsonSchema schema, JsonElement raw)
{
    public JsonSchema Schema { get; } = schema;
    public JsonElement Raw { get; } = raw;

    /// <summary>
    /// Builds in a private registry (the global one would keep every schema ever built, and two versions of one
    /// procedure may share an $id) with a dialect that tolerates our annotations such as "x-label".
    /// </summary>
    public static CompiledForm Build(JsonElement schema, Uri baseUri)
    {
        var raw = schema.Clone();
        var options = new BuildOptions
        {
            SchemaRegistry = new SchemaRegistry(),
            Dialect = Dialect.Draft202012.With([], allowUnknownKeywords: true),
        };
        return new CompiledForm(JsonSchema.Build(raw, options, baseUri), raw);
    }
}

/// <summary>
/// Parsed schemas per procedure code and version. Building a schema costs far more than evaluating one, and a
/// version never changes content, so the cache is exact; it is derived data, safe to keep per process.
/// </summary>
public sealed class FormSchemaCache
{
    readonly ConcurrentDictionary<(string Code, int Version), Lazy<CompiledForm>> forms = new();

    public CompiledForm Get(CatalogProcedure procedure) => forms.GetOrAdd((procedure.Code, procedure.Version),
        key => new Lazy<CompiledForm>(() => CompiledForm.Build(procedure.FormSchema,
            new Uri($"https://dossiers.invalid/procedures/{Uri.EscapeDataString(key.Code)}/{key.Version}")),
            LazyThreadSafetyMode.PublicationOnly)).Value;
}
