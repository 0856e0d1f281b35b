using System.Text.Json;

namespace PublicServices.Web.Clients;

// What the pages read from the services' APIs (docs/contracts.md); only the fields the pages use.

public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record ProcedureSummary(string Code, string NameVi, string NameEn, string AgencyCode, int Level, int StatutoryWorkingDays, long TotalFee);

public sealed record Procedure(string Code, string NameVi, string NameEn, string AgencyCode, int Level, JsonElement FormSchema,
    IReadOnlyList<Requirement> RequiredDocuments, IReadOnlyList<Fee> Fees, long TotalFee, int StatutoryWorkingDays, string? LegalBasis);

public sealed record Requirement(string Code, string NameVi, string NameEn, bool Mandatory, IReadOnlyList<string> AcceptedTypes, long MaxSizeBytes);

public sealed record Fee(string Code, string NameVi, string NameEn, long Amount);

public sealed record Agency(string Code, string NameVi, string NameEn, string? ParentCode, IReadOnlyList<Agency> Children);

public sealed record DocumentRef(string? RequirementCode, Guid DocumentId);

public sealed record DraftRequest(string? ProcedureCode, JsonElement? FormData, IReadOnlyList<DocumentRef>? Documents, int? Version);

public sealed record Draft(Guid Id, string ProcedureCode, JsonElement FormData, IReadOnlyList<DocumentRef> Documents, int Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record DraftSummary(Guid Id, string ProcedureCode, int Version, DateTimeOffset UpdatedAt);

public sealed record DraftList(IReadOnlyList<DraftSummary> Items);

public sealed record SubmitRequest(string ProcedureCode, JsonElement FormData, IReadOnlyList<DocumentRef> Documents, Guid? DraftId,
    Delivery? Delivery = null);

/// <summary>How the applicant receives the result: "online" (download) or "post" to the address.</summary>
public sealed record Delivery(string Method, string? Address);

public sealed record Status(int Code, string Vi, string En);

public sealed record DossierDocument(string RequirementCode, Guid DocumentId, string FileName, string ContentType, long Size);

public sealed record TimelineEntry(Status Status, DateTimeOffset At, string ActorId, string ActorName, string? Note, string? Reason, string? Kind);

public sealed record SupplementRequest(Guid Id, string Reason, IReadOnlyList<string> Documents, DateTimeOffset RequestedAt);

public sealed record Dossier(Guid Id, string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn, string AgencyCode,
    string ApplicantId, string ApplicantName, Status Status, DateTimeOffset SubmittedAt, int StatutoryWorkingDays, JsonElement FormData,
    IReadOnlyList<DossierDocument> Documents, IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset? DueAt, SupplementRequest? SupplementRequest,
    DossierRating? Rating);

public sealed record DossierRating(int Score, string? Comment, DateTimeOffset RatedAt);

public sealed record Withdrawal(string? Reason);

public sealed record RatingRequest(int? Score, string? Comment);

public sealed record DossierSummary(Guid Id, string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn, string AgencyCode,
    string ApplicantName, Status Status, DateTimeOffset SubmittedAt);

public sealed record DossierLookup(string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn, string AgencyCode,
    Status Status, DateTimeOffset SubmittedAt);

public sealed record SupplementAnswer(IReadOnlyList<DocumentRef> Documents, string? Note);

public sealed record UploadedDocument(Guid Id, string ProcedureCode, string RequirementCode, string FileName, string ContentType, long Size,
    DateTimeOffset CreatedAt);

public sealed record LocalizedText(string Vi, string En);

public sealed record WorkTask(Guid Id, Guid InstanceId, string ActivityId, string AgencyCode, string Role, IReadOnlyList<string> Outcomes,
    LocalizedText Title, string? DossierCode, string? CorrelationId, string Status, decimal? BudgetWorkingDays, DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt, bool IsOverdue, string? ClaimedBy, string? ClaimedByName, string? Outcome, string? Comment,
    IReadOnlyList<string>? Attachments, string? CompletedByName, DateTimeOffset? CompletedAt);

public sealed record TaskPage(IReadOnlyList<WorkTask> Items, int Page, int PageSize, bool HasMore);

public sealed record TaskCompletion(string Outcome, string? Comment, IReadOnlyList<string>? Attachments, JsonElement? Data);

public sealed record Apology(DateTimeOffset NewDueAt, string Reason);

public sealed record Profile(string Id, string UserName, string FullName, string? Email, string? Phone, string? NationalId, string? AgencyCode,
    IReadOnlyList<string> Roles);

public sealed record InvoiceList(IReadOnlyList<Invoice> Items);

/// <summary>A fee invoice: status open, paid, refunding, refunded or cancelled; the amount in VND.</summary>
public sealed record Invoice(Guid Id, Guid DossierId, string DossierCode, long Amount, string Currency, string? Note, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? RefundedAt);

public sealed record StartPayment(string Locale, string ReturnUrl);

public sealed record PaymentSessionStarted(Guid SessionId, string RedirectUrl, DateTimeOffset ExpiresAt);

/// <summary>A payment session: status pending, paid, failed or expired, and the message saying so.</summary>
public sealed record PaymentSession(Guid SessionId, Guid InvoiceId, long Amount, string Status, DateTimeOffset ExpiresAt, DateTimeOffset? PaidAt, string? Message);

/// <summary>The signed result document of a dossier and its delivery (CONTRACTS13: documents results API).</summary>
public sealed record ResultDocument(Guid Id, Guid DossierId, string? Code, string? AgencyCode, string? AgencyName, DateTimeOffset? IssuedAt,
    string? FileName, long? Size, string? DeliveryMethod, string? DeliveryAddress, DateTimeOffset? DownloadedAt, DateTimeOffset? DispatchedAt,
    string? TrackingNumber);

/// <summary>The post's tracking number of a result handed to it.</summary>
public sealed record Dispatch(string TrackingNumber);

/// <summary>The answer of a verification: status "valid" or "not-valid", and for a valid one who issued it and when.</summary>
public sealed record Verification(string Status, string? Code, string? AgencyName, DateTimeOffset? IssuedAt);

public sealed record NotificationPreference(IReadOnlyList<string> Channels, string Language);

/// <summary>An agency's satisfaction figure (docs/contracts.md, GET /api/dossiers/satisfaction).</summary>
public sealed record AgencySatisfaction(string AgencyCode, SatisfactionFigure AllTime, SatisfactionFigure LastTwelveMonths);

public sealed record SatisfactionFigure(int Ratings, decimal? Average, IReadOnlyList<int> Distribution, DateTimeOffset? Since);
