using System.Text.Json;
using PublicServices.Dossiers.Domain.Submission;
using PublicServices.Dossiers.Resources;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Unit;

public sealed class FormValidatorTests
{
    static readonly CompiledForm form = CompiledForm.Build(JsonDocument.Parse("""
        {
          "type": "object", "additionalProperties": false, "required": ["fullName", "address"],
          "properties": {
            "fullName": { "type": "string", "minLength": 2, "x-label": { "vi": "Họ và tên", "en": "Full name" } },
            "age": { "type": "integer", "minimum": 18, "maximum": 120, "x-label": { "vi": "Tuổi", "en": "Age" } },
            "address": { "$ref": "#/$defs/address" },
            "children": { "type": "array", "maxItems": 2, "x-label": { "vi": "Con", "en": "Children" },
              "items": { "type": "object", "required": ["name"],
                "properties": { "name": { "type": "string", "x-label": { "vi": "Tên con", "en": "Child's name" } } } } }
          },
          "$defs": { "address": { "type": "object", "required": ["ward"], "x-label": { "vi": "Địa chỉ", "en": "Address" },
            "properties": { "ward": { "type": "string", "x-label": { "vi": "Phường/xã", "en": "Ward or commune" } } } } }
        }
        """).RootElement, new Uri("https://dossiers.invalid/procedures/test/1"));

    static Dictionary<string, List<string>> Validate(string json, string culture)
    {
        using var _ = Localizers.Culture(culture);
        return FormValidator.Validate(form, JsonDocument.Parse(json).RootElement, Localizers.For<Messages>());
    }

    [Fact]
    public void A_valid_form_has_no_errors() =>
        Assert.Empty(Validate("""{"fullName":"Lê Thị Hoa","age":30,"address":{"ward":"Phố Hiến"},"children":[{"name":"An"}]}""", "vi"));

    [Fact]
    public void Each_missing_required_field_is_named_with_its_label()
    {
        var errors = Validate("{}", "vi");
        Assert.Equal(["Họ và tên là thông tin bắt buộc."], errors["formData.fullName"]);
        Assert.Equal(["Địa chỉ là thông tin bắt buộc."], errors["formData.address"]);
    }

    [Fact]
    public void Nested_and_referenced_fields_are_keyed_by_their_path()
    {
        var errors = Validate("""{"fullName":"Lê Thị Hoa","address":{},"children":[{"name":"An"},{}]}""", "en");
        Assert.Equal(["Ward or commune is required."], errors["formData.address.ward"]);
        Assert.Equal(["Child's name is required."], errors["formData.children[1].name"]);
    }

    [Fact]
    public void Limits_from_the_schema_appear_in_the_message_in_both_languages()
    {
        const string json = """{"fullName":"A","age":12,"address":{"ward":"X"},"children":[{"name":"a"},{"name":"b"},{"name":"c"}]}""";
        var vi = Validate(json, "vi");
        Assert.Equal(["Họ và tên phải có ít nhất 2 ký tự."], vi["formData.fullName"]);
        Assert.Equal(["Tuổi phải lớn hơn hoặc bằng 18."], vi["formData.age"]);
        Assert.Equal(["Con không được có quá 2 mục."], vi["formData.children"]);
        var en = Validate(json, "en");
        Assert.Equal(["Full name must be at least 2 characters long."], en["formData.fullName"]);
        Assert.Equal(["Age must be at least 18."], en["formData.age"]);
    }

    [Fact]
    public void A_wrong_type_and_an_unknown_field_are_reported()
    {
        var errors = Validate("""{"fullName":"Lê Thị Hoa","age":"ba mươi","address":{"ward":"X"},"nickname":"Hoa"}""", "vi");
        Assert.Equal(["Tuổi phải là số nguyên."], errors["formData.age"]);
        Assert.Equal(["nickname không thuộc biểu mẫu này."], errors["formData.nickname"]);
    }

    [Fact]
    public void The_parsed_schema_is_reused_for_the_same_procedure_version()
    {
        var cache = new FormSchemaCache();
        var procedure = new Contracts.Catalog.CatalogProcedure("1.001193", "Đăng ký khai sinh", "Birth registration", "000.20.01.H10",
            JsonDocument.Parse("""{"type":"object"}""").RootElement, [], 3, true, 2);
        Assert.Same(cache.Get(procedure), cache.Get(procedure));
        Assert.NotSame(cache.Get(procedure), cache.Get(procedure with { Version = 3 }));
    }
}
