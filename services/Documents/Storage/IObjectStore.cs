namespace PublicServices.Documents.Storage;

/// <summary>Where document bytes live. Keys are document ids; adapters: S3 (MinIO, production) and Local (embedded).</summary>
public interface IObjectStore
{
    /// <summary>Creates the bucket or folder when missing; safe when several replicas start together.</summary>
    Task InitializeAsync(CancellationToken cancel);

    /// <summary>
    /// Streams content of unknown length into the object. When the content stream throws, the object must not
    /// become visible; the caller still calls <see cref="DeleteAsync"/> to be sure.
    /// </summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancel);

    /// <summary>Copies the object's bytes [offset, offset + length) to the destination.</summary>
    Task CopyToAsync(string key, Stream destination, long offset, long length, CancellationToken cancel);

    /// <summary>Removes the object and any unfinished upload of it; a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancel);

    Task<bool> ExistsAsync(string key, CancellationToken cancel);

    /// <summary>A short-lived URL served by the store itself, or null when the store cannot sign one (Local).</summary>
    Task<Uri?> PresignGetAsync(string key, TimeSpan lifetime, CancellationToken cancel);
}
