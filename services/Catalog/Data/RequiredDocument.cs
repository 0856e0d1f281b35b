namespace PublicServices.Catalog.Data;

/// <summary>A document the applicant must (or may) attach; the documents service enforces types and size.</summary>
public sealed record RequiredDocument(string Code, string NameVi, string NameEn, bool Mandatory,
    IReadOnlyList<string> AcceptedTypes, long MaxSizeBytes)
{
    /// <summary>Records compare lists by reference; content equality needs the types compared item by item.</summary>
    public static readonly IEqualityComparer<RequiredDocument> ContentComparer = new Comparer();

    sealed class Comparer : IEqualityComparer<RequiredDocument>
    {
        public bool Equals(RequiredDocument? x, RequiredDocument? y) =>
            x is not null && y is not null && x.Code == y.Code && x.NameVi == y.NameVi && x.NameEn == y.NameEn
            && x.Mandatory == y.Mandatory && x.MaxSizeBytes == y.MaxSizeBytes && x.AcceptedTypes.SequenceEqual(y.AcceptedTypes);
        public int GetHashCode(RequiredDocument d) => HashCode.Combine(d.Code, d.MaxSizeBytes);
    }
}
