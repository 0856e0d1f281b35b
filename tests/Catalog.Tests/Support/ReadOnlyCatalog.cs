namespace PublicServices.Catalog.Tests.Support;

/// <summary>Test classes that only read the seeded catalog share one running service and database.</summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyCatalog : ICollectionFixture<CatalogApp>
{
    public const string Name = "read-only catalog";
}
