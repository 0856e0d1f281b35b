using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Applications;

/// <summary>
/// The review page's choice of how the result reaches the applicant: downloaded online, or posted to an address
/// (required then: a real address is at least a house number, a street and a commune, and fits on an envelope).
/// </summary>
public sealed record DeliveryChoice(Delivery? Delivery, IReadOnlyList<(string Field, string Message)> Errors)
{
    public const string Online = "online";
    public const string Post = "post";
    public const string MethodField = "delivery";
    public const string AddressField = "address";
    public const int AddressMinLength = 10;
    public const int AddressMaxLength = 300;

    public static DeliveryChoice Check(string? method, string? address, IStringLocalizer<Messages> text)
    {
        if (method == Online)
            return new(new Delivery(Online, null), []);
        if (method != Post)
            return new(null, [(MethodField, text["Delivery.MethodRequired"])]);
        var typed = address?.Trim() ?? "";
        LocalizedString? error = typed.Length == 0 ? text["Delivery.AddressRequired"]
            : typed.Any(c => char.IsControl(c) && c is not ('\r' or '\n')) ? text["Delivery.AddressControl"]
            : typed.Length is < AddressMinLength or > AddressMaxLength ? text["Delivery.AddressLength", AddressMinLength, AddressMaxLength]
            : null;
        return error is null ? new(new Delivery(Post, string.Join(", ", typed.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))), [])
            : new(null, [(AddressField, error.Value)]);
    }
}
