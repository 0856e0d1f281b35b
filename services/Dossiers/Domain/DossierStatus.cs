namespace PublicServices.Dossiers.Domain;

/// <summary>The national list of dossier statuses (trạng thái hồ sơ); the numbers are part of the contract.</summary>
public enum DossierStatus
{
    New = 1,
    Received = 2,
    NotReceived = 3,
    Processing = 4,
    SupplementRequested = 5,
    PaymentRequired = 6,
    Withdrawn = 7,
    Stopped = 8,
    Processed = 9,
    ResultReturned = 10,
}

/// <summary>A status as the API shows it: its number and both labels, so the same body serves every language.</summary>
public sealed record StatusDto(int Code, string Vi, string En)
{
    public static StatusDto From(DossierStatus status)
    {
        var (vi, en) = status.Labels();
        return new((int)status, vi, en);
    }
}

public static class DossierStatusLabels
{
    public static (string Vi, string En) Labels(this DossierStatus status) => status switch
    {
        DossierStatus.New => ("Mới", "New"),
        DossierStatus.Received => ("Đã tiếp nhận", "Received"),
        DossierStatus.NotReceived => ("Không được tiếp nhận", "Not received"),
        DossierStatus.Processing => ("Đang xử lý", "Processing"),
        DossierStatus.SupplementRequested => ("Yêu cầu bổ sung", "Supplement requested"),
        DossierStatus.PaymentRequired => ("Chờ thực hiện nghĩa vụ tài chính", "Payment required"),
        DossierStatus.Withdrawn => ("Công dân rút hồ sơ", "Withdrawn by the applicant"),
        DossierStatus.Stopped => ("Dừng xử lý", "Stopped"),
        DossierStatus.Processed => ("Đã xử lý xong", "Processed"),
        DossierStatus.ResultReturned => ("Đã trả kết quả", "Result returned"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool IsDefined(int code) => Enum.IsDefined(typeof(DossierStatus), code);
}
