namespace PublicServices.Dossiers.Domain;

/// <summary>A document the applicant uploaded, meant for one of the procedure's requirements.</summary>
public sealed record DocumentRef(string? RequirementCode, Guid DocumentId)
{
    /// <summary>True when a reference names a requirement (within the code length) and an upload.</summary>
    public static bool IsComplete(DocumentRef? reference, int maxCodeLength) =>
        reference is { RequirementCode.Length: > 0 } d && d.RequirementCode.Length <= maxCodeLength && d.DocumentId != Guid.Empty;
}
