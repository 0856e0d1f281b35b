namespace PublicServices.Documents.Domain.Attachments;

/// <summary>Why a document may not be attached; the order is the precedence when several apply.</summary>
public enum AttachRefusal
{
    None, Missing, NotOwner, OtherDossier, Expired,
    /// <summary>Uploaded for another procedure or required document than the dossier claims it for.</summary>
    OtherPurpose,
}
