using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace PublicServices.Gateway;

/// <summary>
/// The problem details the gateway writes itself (413, 429, 502, 504, …). The language is worked out only here,
/// on the error path, so ordinary proxied requests never pay for request localization.
/// </summary>
static class GatewayProblems
{
    public static Task WriteAsync(HttpContext context, int status, string? detail = null, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        return WriteCoreAsync(context, status, detail, extensions);
    }

    static async Task WriteCoreAsync(HttpContext context, int status, string? detail, IDictionary<string, object?>? extensions)
    {
        var (vi, en) = Title(status);
        var problem = new ProblemDetails { Status = status, Title = await IsEnglishAsync(context) ? en : vi, Detail = detail };
        if (extensions is not null)
            foreach (var (key, value) in extensions)
                problem.Extensions[key] = value;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    static (string Vi, string En) Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("Yêu cầu không hợp lệ", "The request is not valid"),
        StatusCodes.Status404NotFound => ("Không tìm thấy địa chỉ được yêu cầu", "Nothing is served at this address"),
        StatusCodes.Status408RequestTimeout => ("Yêu cầu được gửi quá chậm", "The request was not received in time"),
        StatusCodes.Status413PayloadTooLarge => ("Dữ liệu gửi lên vượt quá dung lượng cho phép", "The request body is larger than allowed"),
        StatusCodes.Status429TooManyRequests => ("Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau", "Too many requests; please try again later"),
        StatusCodes.Status502BadGateway => ("Dịch vụ phía sau cổng hiện không phản hồi", "The service behind the gateway is not answering"),
        StatusCodes.Status503ServiceUnavailable => ("Dịch vụ tạm thời không sẵn sàng", "The service is temporarily unavailable"),
        StatusCodes.Status504GatewayTimeout => ("Dịch vụ phía sau cổng không phản hồi kịp thời hạn", "The service behind the gateway did not answer in time"),
        _ => ("Đã xảy ra lỗi khi xử lý yêu cầu", "The request could not be handled"),
    };

    /// <summary>Same sources and order as the services (?culture=, cookie, Accept-Language); Vietnamese when none names en.</summary>
    static async ValueTask<bool> IsEnglishAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value;
        foreach (var provider in options.RequestCultureProviders)
        {
            if (await provider.DetermineProviderCultureResult(context) is not { } result)
                continue;
            foreach (var culture in result.UICultures)
            {
                if (culture.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return true;
                if (culture.StartsWith("vi", StringComparison.OrdinalIgnoreCase)) return false;
            }
        }
        return false;
    }
}
