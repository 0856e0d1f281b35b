using Refit;

namespace PublicServices.Web.Clients;

// The services' APIs as the portal calls them, each with the signed-in person's own access token
// (UserTokenHandler): the services decide what the person may see and do, the front end only shows it.

public interface ICatalogClient
{
    [Get("/api/catalog/procedures")]
    Task<IApiResponse<ResultPage<ProcedureSummary>>> SearchAsync(string? q, string? agency, int? level, int page, int pageSize, CancellationToken cancel = default);

    [Get("/api/catalog/procedures/{code}")]
    Task<IApiResponse<Procedure>> GetAsync(string code, CancellationToken cancel = default);

    [Get("/api/catalog/agencies")]
    Task<IReadOnlyList<Agency>> AgenciesAsync(CancellationToken cancel = default);
}

public interface IDossiersClient
{
    [Post("/api/dossiers/drafts")]
    Task<IApiResponse<Draft>> CreateDraftAsync([Body] DraftRequest draft, CancellationToken cancel = default);

    [Get("/api/dossiers/drafts")]
    Task<DraftList> DraftsAsync(CancellationToken cancel = default);

    [Get("/api/dossiers/drafts/{id}")]
    Task<IApiResponse<Draft>> DraftAsync(Guid id, CancellationToken cancel = default);

    [Put("/api/dossiers/drafts/{id}")]
    Task<IApiResponse<Draft>> SaveDraftAsync(Guid id, [Body] DraftRequest draft, CancellationToken cancel = default);

    [Delete("/api/dossiers/drafts/{id}")]
    Task<IApiResponse> DeleteDraftAsync(Guid id, CancellationToken cancel = default);

    /// <summary>Checks a form (and, when given, the documents) as a submission would, without filing anything.</summary>
    [Post("/api/dossiers/checks")]
    Task<IApiResponse> CheckAsync([Body] SubmitRequest request, CancellationToken cancel = default);

    [Post("/api/dossiers")]
    Task<IApiResponse<Dossier>> SubmitAsync([Body] SubmitRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancel = default);

    [Get("/api/dossiers")]
    Task<ResultPage<DossierSummary>> ListAsync(int page, int pageSize, CancellationToken cancel = default);

    [Get("/api/dossiers/{id}")]
    Task<IApiResponse<Dossier>> GetAsync(Guid id, CancellationToken cancel = default);

    [Get("/api/dossiers/lookup/{code}")]
    Task<IApiResponse<DossierLookup>> LookupAsync(string code, CancellationToken cancel = default);

    [Post("/api/dossiers/{id}/withdrawal")]
    Task<IApiResponse<Dossier>> WithdrawAsync(Guid id, [Body] Withdrawal withdrawal, CancellationToken cancel = default);

    [Post("/api/dossiers/{id}/rating")]
    Task<IApiResponse<Dossier>> RateAsync(Guid id, [Body] RatingRequest rating, CancellationToken cancel = default);

    [Post("/api/dossiers/{id}/supplements")]
    Task<IApiResponse> SupplyAsync(Guid id, [Body] SupplementAnswer answer, CancellationToken cancel = default);
}

public interface IDocumentsClient
{
    [Get("/api/documents/{id}")]
    Task<IApiResponse<UploadedDocument>> GetAsync(Guid id, CancellationToken cancel = default);

    /// <summary>The result document of a dossier: 404 while there is none (or it is not the caller's).</summary>
    [Get("/api/documents/results")]
    Task<IApiResponse<ResultDocument>> ResultAsync(Guid dossierId, CancellationToken cancel = default);

    /// <summary>The one-stop desk's results still to post (403 for anyone else).</summary>
    [Get("/api/documents/results/to-post")]
    Task<IApiResponse<List<ResultDocument>>> ToPostAsync(CancellationToken cancel = default);

    /// <summary>The desk hands a result to the post: once (409 after), only a result by post.</summary>
    [Post("/api/documents/results/{id}/dispatch")]
    Task<IApiResponse<ResultDocument>> DispatchAsync(Guid id, [Body] Dispatch dispatch, CancellationToken cancel = default);

    /// <summary>Anyone: whether the stored result is intact and signed, and by whom.</summary>
    [Get("/api/documents/results/{id}/verification")]
    Task<IApiResponse<Verification>> VerificationAsync(Guid id, CancellationToken cancel = default);
}

public interface IPaymentsClient
{
    [Get("/api/payments/invoices")]
    Task<IApiResponse<InvoiceList>> InvoicesAsync(Guid dossierId, CancellationToken cancel = default);

    [Post("/api/payments/invoices/{id}/sessions")]
    Task<IApiResponse<PaymentSessionStarted>> StartSessionAsync(Guid id, [Body] StartPayment request, CancellationToken cancel = default);

    [Get("/api/payments/sessions/{id}")]
    Task<IApiResponse<PaymentSession>> SessionAsync(Guid id, CancellationToken cancel = default);
}

/// <summary>The notifications service: the applicant's choice of channels (short timeout, no retries: the page shows it as unavailable).</summary>
public interface INotificationsClient
{
    [Get("/api/notifications/preferences")]
    Task<IApiResponse<NotificationPreference>> PreferencesAsync(CancellationToken cancel = default);

    [Put("/api/notifications/preferences")]
    Task<IApiResponse<NotificationPreference>> SavePreferencesAsync([Body] NotificationPreference preference, CancellationToken cancel = default);
}

public interface IWorkflowClient
{
    [Get("/api/workflow/tasks")]
    Task<TaskPage> TasksAsync(bool? overdue, bool? mine, string? q, int page, int pageSize, CancellationToken cancel = default);

    [Get("/api/workflow/tasks/{id}")]
    Task<IApiResponse<WorkTask>> TaskAsync(Guid id, CancellationToken cancel = default);

    /// <summary>The decisions taken so far on the task's dossier, oldest first.</summary>
    [Get("/api/workflow/tasks/{id}/decisions")]
    Task<IApiResponse<List<WorkTask>>> DecisionsAsync(Guid id, CancellationToken cancel = default);

    [Post("/api/workflow/tasks/{id}/claim")]
    Task<IApiResponse> ClaimAsync(Guid id, CancellationToken cancel = default);

    [Post("/api/workflow/tasks/{id}/complete")]
    Task<IApiResponse> CompleteAsync(Guid id, [Body] TaskCompletion completion, CancellationToken cancel = default);

    [Post("/api/workflow/tasks/{id}/apology")]
    Task<IApiResponse> ApologiseAsync(Guid id, [Body] Apology apology, CancellationToken cancel = default);
}

public interface IIdentityClient
{
    [Get("/api/identity/me")]
    Task<Profile> MeAsync(CancellationToken cancel = default);

    [Post("/api/identity/me/sign-out-everywhere")]
    Task<IApiResponse> SignOutEverywhereAsync(CancellationToken cancel = default);
}

/// <summary>The dossiers service's public satisfaction figures (anonymous; the person's token is sent but not needed).</summary>
public interface ISatisfactionClient
{
    [Get("/api/dossiers/satisfaction")]
    Task<IApiResponse<AgencySatisfaction>> AgencyAsync(string agencyCode, CancellationToken cancel = default);
}
