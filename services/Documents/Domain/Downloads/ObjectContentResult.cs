using PublicServices.Documents.Data;
using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Domain.Downloads;

/// <summary>
/// Streams a stored document to the response without buffering it, with its sniffed type, a safe
/// Content-Disposition and single-range support (both adapters read ranges natively, so resuming a large download
/// or a PDF viewer's partial reads cost no more than the bytes sent).
/// </summary>
public sealed class ObjectContentResult(Document document) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var store = http.RequestServices.GetRequiredService<IObjectStore>();
        var response = http.Response;
        var headers = response.Headers;
        headers.AcceptRanges = "bytes";
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ETag = $"\"{document.Sha256}\"";
        headers.ContentDisposition = FileNames.ContentDisposition(document.FileName);

        var range = ByteRange.Parse(http.Request.Headers.Range, document.Size);
        if (range is not { } r)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            headers.ContentRange = $"bytes */{document.Size}";
            return;
        }
        response.StatusCode = r.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (r.Partial)
            headers.ContentRange = r.ContentRange(document.Size);
        response.ContentType = document.ContentType;
        response.ContentLength = r.Length;
        await store.CopyToAsync(document.StorageKey, response.Body, r.Offset, r.Length, http.RequestAborted);
    }
}
