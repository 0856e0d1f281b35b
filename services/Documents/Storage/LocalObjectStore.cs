namespace PublicServices.Documents.Storage;

/// <summary>
/// Objects as files in one folder: the embedded mode, which runs on a single machine. An upload is written to a
/// temporary name and renamed when complete, so a half-written file is never served.
/// </summary>
public sealed class LocalObjectStore(string root) : IObjectStore
{
    const string PartialSuffix = ".partial";

    public string Root { get; } = Path.GetFullPath(root);

    string PathOf(string key) => Path.Combine(Root, ObjectKeys.Checked(key));

    public Task InitializeAsync(CancellationToken cancel)
    {
        Directory.CreateDirectory(Root);
        return Task.CompletedTask;
    }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancel)
    {
        var path = PathOf(key);
        var partial = path + PartialSuffix;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            await content.CopyToAsync(file, 81920, cancel);
        File.Move(partial, path, overwrite: true);
    }

    public async Task CopyToAsync(string key, Stream destination, long offset, long length, CancellationToken cancel)
    {
        await using var file = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        file.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[81920];
        while (length > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancel);
            if (read == 0)
                throw new EndOfStreamException("The stored object is shorter than its recorded size");
            await destination.WriteAsync(buffer.AsMemory(0, read), cancel);
            length -= read;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancel)
    {
        var path = PathOf(key);
        File.Delete(path + PartialSuffix);
        File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancel) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>Files cannot sign links; the service signs its own (see LinkSigner).</summary>
    public Task<Uri?> PresignGetAsync(string key, TimeSpan lifetime, CancellationToken cancel) => Task.FromResult<Uri?>(null);
}
