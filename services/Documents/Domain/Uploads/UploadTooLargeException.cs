namespace PublicServices.Documents.Domain.Uploads;

/// <summary>Thrown by <see cref="MeteredStream"/> the moment an upload passes its limit.</summary>
public sealed class UploadTooLargeException(long maxBytes) : Exception($"The upload is larger than {maxBytes} bytes")
{
    public long MaxBytes { get; } = maxBytes;
}
