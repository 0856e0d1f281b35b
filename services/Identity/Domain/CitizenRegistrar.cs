using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.Identity.Mail;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Domain;

/// <summary>
/// Validates a registration, then answers alike whether or not the national ID number or e-mail address is taken, so
/// that registration cannot tell anyone which accounts exist. A fresh one creates the citizen account, unconfirmed, and
/// queues the link that confirms its e-mail address, all or nothing; a taken one creates nothing and queues a warning to
/// the owner of the account. Both paths hash the password and only queue mail (never wait for the mail server), so
/// neither is noticeably slower.
/// </summary>
public sealed class CitizenRegistrar(IdentityDb db, UserManager<ApplicationUser> users, AccountMail mail, TimeProvider clock,
    IStringLocalizer<Messages> text, IOptions<IdentityOptions> options, IOptions<SmtpOptions> smtp)
{
    public const int MaxNameLength = 100;

    /// <param name="returnUrl">Where the confirmation page sends the person on (kept only when it is on this site).</param>
    public async Task<RegistrationOutcome> RegisterAsync(CitizenRegistration input, string? returnUrl, CancellationToken cancel)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var fullName = string.Join(' ', (input.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (fullName.Length == 0) Add("fullName", text["Registration.FullNameRequired"]);
        else if (fullName.Length > MaxNameLength)
            Add("fullName", text["Registration.FullNameTooLong", MaxNameLength]);

        var idError = NationalIdNumber.TryParse(input.NationalId, clock.GetUtcNow().Year, out var nationalId);
        if (idError is { } e) Add("nationalId", NationalIdMessage(e));

        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0) Add("email", text["Registration.EmailRequired"]);
        else if (!IsEmail(email)) Add("email", text["Registration.EmailInvalid"]);

        var phone = MobilePhoneNumber.Normalize(input.Phone);
        if (string.IsNullOrWhiteSpace(input.Phone)) Add("phone", text["Registration.PhoneRequired"]);
        else if (phone is null) Add("phone", text["Registration.PhoneInvalid"]);

        var user = new ApplicationUser
        {
            UserName = nationalId?.Value, NationalId = nationalId?.Value, FullName = fullName, Email = email,
            PhoneNumber = phone, CreatedAt = clock.GetUtcNow(), Language = AccountMail.CurrentLanguage,
        };
        if (string.IsNullOrEmpty(input.Password)) Add("password", text["Registration.PasswordRequired"]);
        else
            foreach (var message in await PasswordMessages.CheckAsync(users, user, input.Password, text))
                Add("password", message);

        if (errors.Count > 0) return new RegistrationOutcome.Invalid(errors.ToDictionary(p => p.Key, p => p.Value.ToArray()));

        if (await WarnOwnersAsync(user, input.Password!, hash: true, cancel))
            return Accepted(null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        try
        {
            var created = await users.CreateAsync(user, input.Password!);
            if (!created.Succeeded)
            {
                // Password and user name were checked above; what is left is a duplicate found by Identity itself.
                await transaction.RollbackAsync(cancel);
                db.ChangeTracker.Clear();
                return await WarnOwnersAsync(user, input.Password!, hash: false, cancel) ? Accepted(null)
                    : throw new InvalidOperationException(string.Join("; ", created.Errors.Select(x => x.Code)));
            }
            var role = await users.AddToRoleAsync(user, Roles.Citizen);
            if (!role.Succeeded) throw new InvalidOperationException("Could not give the citizen role: " + string.Join("; ", role.Errors.Select(x => x.Code)));
            var link = await mail.QueueConfirmationAsync(user, returnUrl);
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return Accepted(link);
        }
        catch (DbUpdateException)
        {
            // Another registration with the same number or e-mail won the race; the unique index refused this one.
            await transaction.RollbackAsync(cancel);
            db.ChangeTracker.Clear();
            return await WarnOwnersAsync(user, input.Password!, hash: false, cancel) ? Accepted(null)
                : throw new InvalidOperationException("The account could not be saved.");
        }
    }

    /// <summary>
    /// The demo page may show the link only where no mail server could deliver it (embedded mode, turned on by
    /// Identity:DemoConfirmationLinks); a taken registration has none, so there the demo tells what it should not.
    /// </summary>
    RegistrationOutcome.Accepted Accepted(Uri? link) =>
        new(options.Value.DemoConfirmationLinks && smtp.Value.LogsOnly ? link : null);

    /// <summary>
    /// When the number or the e-mail belongs to an account, queues a warning to its owner (one per account) and returns
    /// true. <paramref name="hash"/> spends the time a new account's password hash would, so a taken registration is
    /// not answered sooner than a fresh one.
    /// </summary>
    async Task<bool> WarnOwnersAsync(ApplicationUser user, string password, bool hash, CancellationToken cancel)
    {
        var normalizedEmail = users.NormalizeEmail(user.Email);
        var owners = await db.Users
            .Where(u => u.NationalId == user.NationalId || u.UserName == user.UserName || u.NormalizedEmail == normalizedEmail)
            .ToListAsync(cancel);
        if (owners.Count == 0) return false;
        if (hash) users.PasswordHasher.HashPassword(user, password);
        foreach (var owner in owners)
            await mail.QueueTakenWarningAsync(owner,
                nationalIdTaken: owner.NationalId == user.NationalId || owner.UserName == user.UserName,
                emailTaken: owner.NormalizedEmail == normalizedEmail);
        await db.SaveChangesAsync(cancel);
        return true;
    }

    static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var address) && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal) && !address.Host.EndsWith('.');

    string NationalIdMessage(NationalIdError error) => text[error switch
    {
        NationalIdError.Missing => "NationalId.Missing",
        NationalIdError.NotDigits => "NationalId.NotDigits",
        NationalIdError.WrongLength => "NationalId.WrongLength",
        NationalIdError.UnknownProvince => "NationalId.UnknownProvince",
        _ => "NationalId.BirthYearInFuture",
    }];
}
