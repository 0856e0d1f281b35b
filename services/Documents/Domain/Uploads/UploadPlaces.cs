using Microsoft.Extensions.Options;

namespace PublicServices.Documents.Domain.Uploads;

/// <summary>
/// The process's cap on uploads streaming at once (<see cref="DocumentsOptions.UploadsPerProcess"/>), so their part
/// buffers cannot take the memory. Per process on purpose: it guards this process's memory, not a shared resource.
/// </summary>
public sealed class UploadPlaces(IOptions<DocumentsOptions> options) : IDisposable
{
    readonly SemaphoreSlim places = new(options.Value.UploadsPerProcess, options.Value.UploadsPerProcess);

    /// <summary>A place, after waiting at most <see cref="DocumentsOptions.UploadQueueWait"/>; null when none came free.</summary>
    public async Task<IDisposable?> TakeAsync(CancellationToken cancel) =>
        await places.WaitAsync(options.Value.UploadQueueWait, cancel) ? new Place(places) : null;

    sealed class Place(SemaphoreSlim places) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                places.Release();
        }
    }

    public void Dispose() => places.Dispose();
}
