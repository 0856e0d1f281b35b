using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PublicServices.Catalog.Domain.Procedures;
using PublicServices.Catalog.Resources;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

/// <summary>Every shipped form is a working JSON Schema: real answers pass, realistic mistakes are caught.</summary>
public sealed class FormSchemaTests
{
    public static TheoryData<string> Codes => [.. SeedProcedures.All().Select(s => s.Definition.Code)];

    static ProcedureDefinition Definition(string code) => SeedProcedures.All().Single(s => s.Definition.Code == code).Definition;

    static EvaluationResults Evaluate(string code, JsonObject form)
    {
        var schema = JsonSchema.FromText(Definition(code).FormSchema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return schema.Evaluate(JsonSerializer.SerializeToElement(form),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    static string[] FailedLocations(EvaluationResults results) =>
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => d.InstanceLocation.ToString()).Distinct().ToArray();

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_realistic_filled_in_form_passes_its_schema(string code)
    {
        var results = Evaluate(code, SampleForms.Valid(code));
        Assert.True(results.IsValid, $"{code}: {string.Join("; ", FailedLocations(results))}");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_form_with_realistic_mistakes_fails_at_each_mistake(string code)
    {
        var (form, blamed) = SampleForms.Broken(code);
        var results = Evaluate(code, form);
        Assert.False(results.IsValid);
        var failed = FailedLocations(results);
        Assert.All(blamed, location => Assert.Contains(location, failed));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_shipped_form_is_2020_12_labels_every_field_in_both_languages_and_uses_real_constraints(string code)
    {
        var schema = JsonSerializer.Deserialize<JsonElement>(Definition(code).FormSchema);
        Assert.Empty(FormSchemaRules.Check(schema, Localizers.For<Messages>()));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.NotEmpty(schema.GetProperty("required").EnumerateArray());
        var fields = schema.GetProperty("properties").EnumerateObject().Select(p => p.Value).ToList();
        string[] constraints = ["pattern", "format", "enum", "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength"];
        var used = fields.SelectMany(f => f.EnumerateObject().Select(k => k.Name)).Intersect(constraints).ToList();
        Assert.True(used.Count >= 4, $"{code} uses only {string.Join(", ", used)}");
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean(), "a form accepts only its own fields");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_shipped_procedure_meets_the_rules_an_administrator_must_meet(string code)
    {
        var d = Definition(code);
        var input = new ProcedureInput(d.NameVi, d.NameEn, d.AgencyCode, d.Level, JsonSerializer.Deserialize<JsonElement>(d.FormSchema),
            d.RequiredDocuments.Select(r => (RequiredDocumentInput?)new RequiredDocumentInput(r.Code, r.NameVi, r.NameEn, r.Mandatory, r.AcceptedTypes.ToList()!, r.MaxSizeBytes)).ToList(),
            d.Fees.Select(f => (FeeInput?)new FeeInput(f.Code, f.NameVi, f.NameEn, f.Amount)).ToList(),
            d.StatutoryWorkingDays, d.LegalBasis, d.WorkflowDefinitionId, null);
        var errors = ProcedureValidator.Validate(code, input, agencyExists: SeedAgencies.All().Any(a => a.Code == d.AgencyCode),
            Localizers.For<Messages>(), out var validated);
        Assert.Empty(errors);
        Assert.Equal(d.FormSchema, validated!.FormSchema);
    }
}
