namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>One page of results.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
