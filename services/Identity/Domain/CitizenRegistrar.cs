using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PublicServices.Identity.Data;
using PublicServices.ServiceDefaults;
using static PublicServices.ServiceDefaults.Problems;

namespace PublicServices.Identity.Domain;

/// <summary>Validates a registration and creates the citizen account with its role, all or nothing.</summary>
public sealed class CitizenRegistrar(IdentityDb db, UserManager<ApplicationUser> users, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    public async Task<RegistrationOutcome> RegisterAsync(CitizenRegistration input, CancellationToken cancel)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var fullName = string.Join(' ', (input.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (fullName.Length == 0) Add("fullName", Text("Vui lòng nhập họ và tên.", "Enter your full name."));
        else if (fullName.Length > MaxNameLength)
            Add("fullName", Text($"Họ và tên không được dài quá {MaxNameLength} ký tự.", $"The full name must be at most {MaxNameLength} characters."));

        var idError = NationalIdNumber.TryParse(input.NationalId, clock.GetUtcNow().Year, out var nationalId);
        if (idError is { } e) Add("nationalId", NationalIdMessage(e));

        var email = input.Email?.Trim() ?? "";
        if (email.Length == 0) Add("email", Text("Vui lòng nhập địa chỉ email.", "Enter your email address."));
        else if (!IsEmail(email)) Add("email", Text("Địa chỉ email không hợp lệ (ví dụ: ten@example.vn).", "Enter an email address like name@example.com."));

        var phone = MobilePhoneNumber.Normalize(input.Phone);
        if (string.IsNullOrWhiteSpace(input.Phone)) Add("phone", Text("Vui lòng nhập số điện thoại di động.", "Enter your mobile phone number."));
        else if (phone is null)
            Add("phone", Text("Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84), ví dụ 0912345678.",
                "The mobile number must have 10 digits starting with 0 (or +84), for example 0912345678."));

        var user = new ApplicationUser
        {
            UserName = nationalId?.Value, NationalId = nationalId?.Value, FullName = fullName, Email = email,
            PhoneNumber = phone, CreatedAt = clock.GetUtcNow(),
        };
        if (string.IsNullOrEmpty(input.Password)) Add("password", Text("Vui lòng nhập mật khẩu.", "Enter a password."));
        else
            foreach (var validator in users.PasswordValidators)
                foreach (var error in (await validator.ValidateAsync(users, user, input.Password)).Errors)
                    Add("password", PasswordMessage(error));

        if (errors.Count > 0) return new RegistrationOutcome.Invalid(errors.ToDictionary(p => p.Key, p => p.Value.ToArray()));

        if (await TakenAsync(user, cancel) is { } taken) return taken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        try
        {
            var created = await users.CreateAsync(user, input.Password!);
            if (!created.Succeeded)
            {
                // Password and user name were checked above; what is left is a duplicate found by Identity itself.
                return await TakenAsync(user, cancel) ?? throw new InvalidOperationException(string.Join("; ", created.Errors.Select(x => x.Code)));
            }
            var role = await users.AddToRoleAsync(user, Roles.Citizen);
            if (!role.Succeeded) throw new InvalidOperationException("Could not give the citizen role: " + string.Join("; ", role.Errors.Select(x => x.Code)));
            await transaction.CommitAsync(cancel);
            return new RegistrationOutcome.Registered(user);
        }
        catch (DbUpdateException)
        {
            // Another registration with the same number or e-mail won the race; the unique index refused this one.
            await transaction.RollbackAsync(cancel);
            db.ChangeTracker.Clear();
            return await TakenAsync(user, cancel) ?? throw new InvalidOperationException("The account could not be saved.");
        }
    }

    async Task<RegistrationOutcome.Taken?> TakenAsync(ApplicationUser user, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (await db.Users.AnyAsync(u => u.NationalId == user.NationalId || u.UserName == user.UserName, cancel))
            errors["nationalId"] = [Text("Số định danh cá nhân này đã được đăng ký.", "This ID number is already registered.")];
        var normalizedEmail = users.NormalizeEmail(user.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancel))
            errors["email"] = [Text("Địa chỉ email này đã được đăng ký.", "This email address is already registered.")];
        return errors.Count > 0 ? new RegistrationOutcome.Taken(errors) : null;
    }

    static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email, out var address) && address.Address == email
        && address.Host.Contains('.') && !address.Host.EndsWith('.');

    public static string NationalIdMessage(NationalIdError error) => error switch
    {
        NationalIdError.Missing => Text("Vui lòng nhập số định danh cá nhân (số CCCD).", "Enter your personal ID number (CCCD number)."),
        NationalIdError.NotDigits => Text("Số định danh cá nhân chỉ gồm chữ số.", "The ID number may contain digits only."),
        NationalIdError.WrongLength => Text("Số định danh cá nhân phải gồm đúng 12 chữ số.", "The ID number must have exactly 12 digits."),
        NationalIdError.UnknownProvince => Text("Ba chữ số đầu không phải mã tỉnh, thành phố hợp lệ.", "The first three digits are not a valid province code."),
        _ => Text("Chữ số thứ 4 đến 6 (giới tính và năm sinh) không hợp lệ: năm sinh không thể ở tương lai.",
            "Digits 4 to 6 (gender and birth year) are not valid: the birth year cannot be in the future."),
    };

    static string PasswordMessage(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => Text("Mật khẩu phải có ít nhất 8 ký tự.", "The password must have at least 8 characters."),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => Text("Mật khẩu phải có ít nhất một chữ số (0–9).", "The password must have at least one digit (0–9)."),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => Text("Mật khẩu phải có ít nhất một chữ thường (a–z).", "The password must have at least one lowercase letter (a–z)."),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => Text("Mật khẩu phải có ít nhất một chữ hoa (A–Z).", "The password must have at least one uppercase letter (A–Z)."),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => Text("Mật khẩu phải có ít nhất một ký tự đặc biệt (ví dụ @, #, !).", "The password must have at least one symbol (for example @, #, !)."),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => Text("Mật khẩu cần nhiều ký tự khác nhau hơn.", "The password needs more different characters."),
        _ => Text("Mật khẩu không hợp lệ.", "The password is not valid."),
    };
}
