using System.Text.Json;

namespace PublicServices.EndToEnd.Tests;

public static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}

/// <summary>The end-to-end tests share one running system (the collection's fixture).</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
