namespace PublicServices.Contracts.Dossiers;

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
