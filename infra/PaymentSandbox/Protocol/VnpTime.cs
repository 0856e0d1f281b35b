using System.Globalization;

namespace PublicServices.PaymentSandbox.Protocol;

/// <summary>VNPay's dates: yyyyMMddHHmmss in Vietnam's time (GMT+7, no daylight saving).</summary>
public static class VnpTime
{
    public const string Format = "yyyyMMddHHmmss";
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static string Write(DateTimeOffset instant) => instant.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryRead(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        instant = new DateTimeOffset(local, Offset);
        return true;
    }
}
