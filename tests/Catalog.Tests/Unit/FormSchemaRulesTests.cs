using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.Catalog.Domain.Procedures;
using PublicServices.Catalog.Resources;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests.Unit;

public sealed class FormSchemaRulesTests
{
    static readonly IStringLocalizer<Messages> Text = Localizers.For<Messages>();

    static List<FormSchemaRules.Issue> Check(string json) => FormSchemaRules.Check(JsonSerializer.Deserialize<JsonElement>(json), Text);

    const string Label = "\"x-label\":{\"vi\":\"Tên\",\"en\":\"Name\"}";

    [Fact]
    public void A_labelled_object_schema_passes() =>
        Assert.Empty(Check($$$"""{"type":"object","properties":{"name":{"type":"string",{{{Label}}}}},"required":["name"]}"""));

    [Theory]
    [InlineData("""{"type":"object","properties":{"n":{"type":"strin"}}}""")]
    [InlineData("""{"type":"object","properties":{"n":{"minLength":-1}}}""")]
    [InlineData("""{"type":"object","properties":{"n":{"pattern":"[a-"}}}""")]
    [InlineData("""{"type":"object","required":"n","properties":{"n":{}}}""")]
    [InlineData("""{"type":"object","$ref":"#/$defs/missing","properties":{"n":{}}}""")]
    [InlineData("\"just a string\"")]
    [InlineData("[]")]
    public void Something_that_is_not_a_json_schema_object_is_one_issue_at_the_root(string json) =>
        Assert.Equal("", Assert.Single(Check(json)).Path);

    [Fact]
    public void A_schema_without_a_dialect_is_read_and_stored_as_2020_12()
    {
        var schema = JsonSerializer.Deserialize<JsonElement>("""{"type":"object","properties":{"n":{"type":"string",""" + Label + "}}}");
        Assert.Empty(FormSchemaRules.Check(schema, Text));
        var stored = JsonSerializer.Deserialize<JsonElement>(FormSchemaRules.ToText(schema));
        Assert.Equal(FormSchemaRules.Dialect2020, stored.GetProperty("$schema").GetString());
        Assert.Contains("Tên", FormSchemaRules.ToText(schema), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_dialect_is_refused() =>
        Assert.Equal("$schema", Assert.Single(Check("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"n":{}}}""")).Path);

    [Fact]
    public void A_form_must_be_an_object_with_fields()
    {
        Assert.Contains(Check("""{"type":"array"}"""), i => i.Path == "type");
        Assert.Contains(Check("""{"type":"object"}"""), i => i.Path == "properties");
    }

    [Fact]
    public void Every_field_needs_both_labels_and_every_enum_value_a_label()
    {
        using var english = Localizers.Culture("en");
        var issues = Check("""
            {"type":"object","properties":{
              "a":{"type":"string","x-label":{"vi":"A"}},
              "b":{"enum":["x","y"],"x-label":{"vi":"B","en":"B"},"x-enumLabels":{"x":{"vi":"X","en":"X"}}}}}
            """);
        Assert.Equal(["properties.a.x-label", "properties.b.x-enumLabels"], issues.Select(i => i.Path));
        Assert.Contains("\"y\"", issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_enum_values_are_labelled_by_their_text() =>
        Assert.Empty(Check("""{"type":"object","properties":{"t":{"enum":[1,2],""" + Label + ""","x-enumLabels":{"1":{"vi":"Số 1","en":"No. 1"},"2":{"vi":"Số 2","en":"No. 2"}}}}}"""));

    [Fact]
    public void Required_may_name_only_existing_fields() =>
        Assert.Equal("required", Assert.Single(Check($$$"""{"type":"object","properties":{"name":{{{{Label}}}}},"required":["name","age"]}""")).Path);
}
