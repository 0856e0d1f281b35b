namespace PublicServices.Documents.Data;

/// <summary>
/// Orphans are handled with a row written before the bytes: an upload first inserts a Pending row (expiring after
/// Documents:PendingUploadTimeout), then streams the object, then marks the row Stored. A crash or a failed cleanup
/// therefore leaves a Pending row that the expiry sweep removes with its object. This keeps every object findable
/// from the database, so no sweep has to list the bucket, which is slow on large buckets.
/// </summary>
public enum DocumentStatus
{
    Pending = 0,
    Stored = 1,
    /// <summary>Claimed by the expiry sweep: no longer visible or attachable; its object and row are being deleted.</summary>
    Deleting = 2,
}
