using PublicServices.Documents.Data;

namespace PublicServices.Documents.Domain.Attachments;

/// <summary>Whether a document may be attached to a dossier, and if not, why (in order of precedence).</summary>
public static class AttachmentRules
{
    public static AttachRefusal Check(Document? document, string ownerId, Guid dossierId, DateTime now)
    {
        if (document is null || document.Status != DocumentStatus.Stored)
            return AttachRefusal.Missing;
        if (document.OwnerId != ownerId)
            return AttachRefusal.NotOwner;
        if (document.DossierId is { } attachedTo)
            return attachedTo == dossierId ? AttachRefusal.None : AttachRefusal.OtherDossier;
        return document.ExpiresAt is { } expires && expires <= now ? AttachRefusal.Expired : AttachRefusal.None;
    }
}
