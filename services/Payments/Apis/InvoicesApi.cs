using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Invoices;
using PublicServices.Payments.Domain.Receipts;
using PublicServices.Payments.Domain.Refunds;
using PublicServices.Payments.Domain.Sessions;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Payments.Apis;

/// <summary>
/// A dossier's fee invoices, paying one (a session at the provider), its e-receipt and its refund. The applicant of the
/// dossier or an officer of the invoice's agency; anyone else gets 404.
/// </summary>
public static class InvoicesApi
{
    /// <summary>A citizen or business applicant, or an officer bound to an agency.</summary>
    public const string ApplicantOrOfficer = "applicant-or-officer";

    /// <summary>A leader of an agency: refunds.</summary>
    public const string AgencyLeader = "agency-leader";

    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payments/invoices").WithTags("Invoices").RequireAuthorization(ApplicantOrOfficer);
        api.MapGet("", List);
        api.MapPost("/{id:guid}/sessions", (Guid id, StartSessionRequest? request, ClaimsPrincipal user, HttpContext http, SessionStarter starter,
            CancellationToken cancel) => starter.StartAsync(user, id, request, http, cancel)).RequireAuthorization(Policies.Applicant);
        api.MapGet("/{id:guid}/receipt.pdf", Receipt);
        api.MapPost("/{id:guid}/refund", (Guid id, RefundRequest? request, ClaimsPrincipal user, Refunder refunder, CancellationToken cancel) =>
            refunder.RefundAsync(user, id, request, cancel)).RequireAuthorization(AgencyLeader);
        return app;
    }

    static async Task<Results<Ok<InvoiceList>, ValidationProblem, ProblemHttpResult>> List(string? dossierId, ClaimsPrincipal user, PaymentsDb db,
        InvoiceAccess access, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        if (!Guid.TryParse(dossierId, out var dossier) || dossier == Guid.Empty)
            return Problems.Validation("dossierId", text["Invoice.DossierId"]);
        var invoices = await db.Invoices.Where(i => i.DossierId == dossier).OrderBy(i => i.CreatedAt).ToListAsync(cancel);
        var first = invoices.FirstOrDefault();
        // An officer sees the invoices of their agency; an applicant is checked against the dossier itself (asked of the
        // dossiers service until the applicant is recorded), so a dossier with no invoice yet answers 200 [] only to them.
        if (user.IsOfficer())
            invoices = [.. invoices.Where(i => i.AgencyCode == user.AgencyCode())];
        else if (await access.CheckAsync(user, dossier, null, first?.ApplicantId, cancel) is { } refused)
            return refused;
        if (user.IsOfficer() && invoices.Count == 0)
            return Problems.NotFound(text["Invoice.NotFound"]);
        return TypedResults.Ok(new InvoiceList([.. invoices.Select(i => i.AsDto())]));
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Receipt(Guid id, ClaimsPrincipal user, PaymentsDb db, InvoiceAccess access,
        TimeProvider clock, IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, cancel);
        if (invoice is null)
            return Problems.NotFound(text["Invoice.NotFound"]);
        if (await access.CheckAsync(user, invoice, cancel) is { } refused)
            return refused;
        if (invoice.Status is not (InvoiceStatus.Paid or InvoiceStatus.Refunding) || invoice.PaidSessionId is not { } paidBy)
            return Problems.Problem(StatusCodes.Status409Conflict, text["Receipt.NotPaid"]);
        var session = await db.Sessions.FirstAsync(s => s.Id == paidBy, cancel);
        var pdf = ReceiptPdf.Render(invoice, session, clock.GetUtcNow(), text);
        return TypedResults.File(pdf, "application/pdf", $"receipt-{invoice.DossierCode}.pdf");
    }
}
