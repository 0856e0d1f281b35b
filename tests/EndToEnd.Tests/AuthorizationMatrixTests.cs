using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PublicServices.EndToEnd.Tests;

/// <summary>
/// The authorization matrix: every endpoint of the seven services' OpenAPI documents × every kind of caller, sent
/// through the gateway, with the answer each must get, in <see cref="Matrix"/>. An endpoint the documents list but
/// the table does not (a new one) fails the test, and so does a row for an endpoint that is gone.
/// <para>
/// The objects belong to citizen A: an unattached upload, a draft, and a birth registration submitted to the ward
/// 000.20.01.H10 with its uploads, its workflow instance, its open task, a fee invoice on it with a payment
/// session, and its result document (to be collected online). The columns: anonymous; citizens A and B;
/// a business client; the ward's one-stop desk, specialist and leader; the desk of another agency (the province's
/// centre); the administrator; and a service client that is not the endpoint's caller (svc-workflow, or svc-dossiers
/// on the workflow's endpoints). Every party logs in with every API scope, so that a refusal comes from the
/// endpoint's rule and not from a missing audience.
/// </para>
/// <para>
/// A caller the table admits sends an empty body, so most mutating calls stop at validation (400) or at the object's
/// state (409, 428) and change nothing; a caller the table refuses sends a complete body (a reason, a score, an
/// outcome…), so that its refusal comes from the rule and not from validation. The objects' ids stand in the path. Publishing and retracting use an unknown procedure or
/// definition (404 for the administrator: the rule admitted them, nothing changed). The few calls that change state
/// with no body run in table order: claim before release, and the instance's cancellation and the signing out last.
/// Besides the statuses, no answer to citizen B, the business client or the other agency contains an id or the code
/// of citizen A's objects. Internal endpoints (events, attachments, /internal/) are 404 for everyone at the gateway;
/// <see cref="An_internal_endpoint_answers_only_its_one_caller"/> calls them at the service itself.
/// </para>
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AuthorizationMatrixTests(SystemFixture system)
{
    const string AllScopes = "openid profile offline_access catalog documents dossiers workflow payments notifications";
    const string UnknownProcedure = "9.999999";
    const string UnknownDefinition = "no-such-definition";

    static readonly string[] Parties = ["anon", "citA", "citB", "biz", "desk", "spec", "lead", "other", "admin", "svc"];

    /// <summary>What each party gets, in the order of <see cref="Parties"/>; rows run top to bottom.</summary>
    const string Matrix = """
        endpoint                                                 | anon | citA | citB | biz  | desk | spec | lead | other| admin| svc
        GET    /api/catalog/procedures                           | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        GET    /api/catalog/procedures/{code}                    | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        PUT    /api/catalog/procedures/{code}                    | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 400  | 403
        POST   /api/catalog/procedures/{code}/publish            | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 404  | 403
        POST   /api/catalog/procedures/{code}/unpublish          | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 404  | 403
        GET    /api/catalog/agencies                             | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        GET    /api/catalog/agencies/{code}                      | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        GET    /api/catalog/audit/verify                         | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/documents                                    | 401  | 400  | 400  | 400  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/documents                                    | 401  | 200  | 200  | 200  | 403  | 403  | 403  | 403  | 403  | 403
        POST   /api/documents/officer-files                      | 401  | 403  | 403  | 403  | 400  | 400  | 400  | 404  | 403  | 403
        GET    /api/documents/{id}                               | 401  | 200  | 404  | 404  | 200  | 200  | 200  | 404  | 404  | 404
        GET    /api/documents/{id}/content                       | 401  | 200  | 404  | 404  | 200  | 200  | 200  | 404  | 404  | 404
        GET    /api/documents/{id}/link                          | 401  | 200  | 404  | 404  | 200  | 200  | 200  | 404  | 404  | 404
        GET    /api/documents/{id}/signed                        | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/documents/audit/verify                       | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/documents/attachments                        | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/documents/attachments/release                | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        GET    /api/documents/results                            | 401  | 200  | 404  | 404  | 200  | 200  | 200  | 404  | 404  | 404
        GET    /api/documents/results/{id}/file                  | 401  | 200  | 404  | 404  | 200  | 200  | 200  | 404  | 404  | 404
        GET    /api/documents/results/to-post                    | 401  | 403  | 403  | 403  | 200  | 403  | 403  | 200  | 403  | 403
        POST   /api/documents/results/{id}/dispatch              | 401  | 403  | 403  | 403  | 400  | 403  | 403  | 404  | 403  | 403
        GET    /api/documents/results/{id}/verification          | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        POST   /api/documents/results/verification               | 400  | 400  | 400  | 400  | 400  | 400  | 400  | 400  | 400  | 400
        POST   /api/documents/events                             | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/documents/events/batch                       | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/dossiers                                     | 401  | 400  | 400  | 400  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/dossiers                                     | 401  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 403  | 403
        POST   /api/dossiers/checks                              | 401  | 400  | 400  | 400  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/dossiers/{id}                                | 401  | 200  | 404  | 404  | 200  | 200  | 200  | 404  | 403  | 403
        POST   /api/dossiers/{id}/withdrawal                     | 401  | 400  | 404  | 404  | 403  | 403  | 403  | 403  | 403  | 403
        POST   /api/dossiers/{id}/rating                         | 401  | 400  | 404  | 404  | 403  | 403  | 403  | 403  | 403  | 403
        POST   /api/dossiers/{id}/supplements                    | 401  | 409  | 404  | 404  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/dossiers/lookup/{code}                       | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        GET    /api/dossiers/internal/{id}                       | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/dossiers/events                              | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/dossiers/events/batch                        | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/dossiers/drafts                              | 401  | 400  | 400  | 400  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/dossiers/drafts                              | 401  | 200  | 200  | 200  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/dossiers/drafts/{id}                         | 401  | 200  | 404  | 404  | 403  | 403  | 403  | 403  | 403  | 403
        PUT    /api/dossiers/drafts/{id}                         | 401  | 428  | 404  | 404  | 403  | 403  | 403  | 403  | 403  | 403
        DELETE /api/dossiers/drafts/{id}                         | 401  | 204  | 404  | 404  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/workflow/definitions                         | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/workflow/definitions                         | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 400  | 403
        POST   /api/workflow/definitions/import                  | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 400  | 403
        GET    /api/workflow/definitions/{definitionId}          | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        PUT    /api/workflow/definitions/{definitionId}          | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 400  | 403
        POST   /api/workflow/definitions/{definitionId}/validate | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/workflow/definitions/{definitionId}/publish  | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 404  | 403
        POST   /api/workflow/definitions/{definitionId}/retract  | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 404  | 403
        GET    /api/workflow/definitions/{definitionId}/versions | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        GET    /api/workflow/definitions/{definitionId}/versions/{version} | 401 | 403 | 403 | 401 | 403 | 403 | 403 | 403 | 200 | 403
        GET    /api/workflow/definitions/{definitionId}/export   | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        GET    /api/workflow/tasks                               | 401  | 403  | 403  | 401  | 200  | 200  | 200  | 200  | 403  | 403
        GET    /api/workflow/tasks/{id}                          | 401  | 403  | 403  | 401  | 200  | 403  | 403  | 403  | 403  | 403
        GET    /api/workflow/tasks/{id}/decisions                | 401  | 403  | 403  | 401  | 200  | 403  | 403  | 403  | 403  | 403
        POST   /api/workflow/tasks/{id}/claim                    | 401  | 403  | 403  | 401  | 200  | 403  | 403  | 403  | 403  | 403
        POST   /api/workflow/tasks/{id}/release                  | 401  | 403  | 403  | 401  | 200  | 403  | 403  | 403  | 403  | 403
        POST   /api/workflow/tasks/{id}/complete                 | 401  | 403  | 403  | 401  | 400  | 403  | 403  | 403  | 403  | 403
        POST   /api/workflow/tasks/{id}/apology                  | 401  | 403  | 403  | 401  | 400  | 403  | 403  | 403  | 403  | 403
        GET    /api/workflow/instances                           | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        GET    /api/workflow/instances/{id}                      | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        GET    /api/workflow/instances/{id}/journal              | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/workflow/instances/{id}/retry                | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 409  | 403
        GET    /api/workflow/audit/verify                        | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/workflow/events                              | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/workflow/events/batch                        | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/identity/citizens                            | 400  | 400  | 400  | 400  | 400  | 400  | 400  | 400  | 400  | 400
        GET    /api/identity/me                                  | 401  | 200  | 200  | 404  | 200  | 200  | 200  | 200  | 200  | 404
        POST   /api/identity/officers                            | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 400  | 403
        GET    /api/identity/audit/verify                        | 401  | 403  | 403  | 403  | 403  | 403  | 403  | 403  | 200  | 403
        GET    /api/identity/internal/users/{id}                 | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        GET    /api/payments/invoices                            | 401  | 200  | 404  | 401  | 200  | 200  | 200  | 404  | 403  | 403
        POST   /api/payments/invoices/{id}/sessions              | 401  | 201  | 404  | 401  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/payments/invoices/{id}/receipt.pdf           | 401  | 409  | 404  | 401  | 409  | 409  | 409  | 404  | 403  | 403
        POST   /api/payments/invoices/{id}/refund                | 401  | 403  | 403  | 401  | 403  | 403  | 400  | 403  | 403  | 403
        GET    /api/payments/sessions/{id}                       | 401  | 200  | 404  | 401  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/payments/sessions/{id}/pay                   | 401  | 302  | 404  | 401  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/payments/vnpay/ipn                           | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        GET    /api/payments/vnpay/return                        | 302  | 302  | 302  | 302  | 302  | 302  | 302  | 302  | 302  | 302
        GET    /api/payments/audit/verify                        | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/payments/events                              | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/payments/events/batch                        | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        GET    /api/dossiers/satisfaction                        | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200  | 200
        GET    /api/notifications/preferences                    | 401  | 200  | 200  | 401  | 403  | 403  | 403  | 403  | 403  | 403
        PUT    /api/notifications/preferences                    | 401  | 400  | 400  | 401  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/notifications/me                             | 401  | 200  | 200  | 401  | 403  | 403  | 403  | 403  | 403  | 403
        GET    /api/notifications/deliveries                     | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/notifications/events                         | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/notifications/events/batch                   | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404  | 404
        POST   /api/workflow/instances/{id}/cancel               | 401  | 403  | 403  | 401  | 403  | 403  | 403  | 403  | 200  | 403
        POST   /api/identity/me/sign-out-everywhere              | 401  | 204  | 204  | 404  | 204  | 204  | 204  | 204  | 204  | 404
        """;

    [Fact]
    public async Task Every_endpoint_answers_every_party_as_the_table_says_and_no_party_sees_another_s_objects()
    {
        var rows = Parse(Matrix);
        var listed = await OpenApiEndpointsAsync();
        var missing = listed.Except(rows.Select(r => r.Endpoint)).ToList();
        var gone = rows.Select(r => r.Endpoint).Except(listed).ToList();
        Assert.True(missing.Count == 0, "endpoints missing from the matrix: " + string.Join(", ", missing));
        Assert.True(gone.Count == 0, "rows for endpoints no service describes: " + string.Join(", ", gone));

        var world = await World.BuildAsync(system);
        var parties = await PartiesAsync(world);
        var actual = new int[rows.Count][];
        var leaks = new List<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            actual[r] = new int[Parties.Length];
            for (var p = 0; p < Parties.Length; p++)
            {
                var (status, body) = await SendAsync(parties[p], rows[r].Endpoint, world, p == Parties.Length - 1, rows[r].Expected[p]);
                actual[r][p] = status;
                if (Parties[p] is "citB" or "biz" or "other" && status < 300 && rows[r].Expected[0] >= 300 && world.Secrets.FirstOrDefault(body.Contains) is { } leaked)
                    leaks.Add($"{rows[r].Endpoint} gave {Parties[p]} citizen A's {leaked}");
            }
        }

        var wrong = rows.SelectMany((row, r) => Parties.Select((party, p) => (row, party, expected: row.Expected[p], got: actual[r][p])))
            .Where(c => c.expected != c.got).Select(c => $"{c.row.Endpoint} × {c.party}: expected {c.expected}, got {c.got}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} cells differ:\n{string.Join("\n", wrong)}\n\nthe matrix as answered:\n{Format(rows, actual)}");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>
    /// The internal endpoints at the service itself (inside the deployment): refused to an anonymous caller, to citizen
    /// A, and to the service client that is not the endpoint's one caller (401 when its token is not even for this
    /// service: svc-dossiers holds no token for the dossiers service, nor svc-workflow for the workflow's);
    /// the caller gets past the rule (to validation, or to "no such user" for a dossier's id).
    /// </summary>
    [Theory]
    [InlineData("POST", "dossiers", "/api/dossiers/events", "svc-workflow", "svc-dossiers", 401, 400)]
    [InlineData("POST", "dossiers", "/api/dossiers/events/batch", "svc-workflow", "svc-dossiers", 401, 400)]
    [InlineData("GET", "dossiers", "/api/dossiers/internal/{dossier}", "svc-workflow", "svc-dossiers", 401, 200)]
    [InlineData("POST", "workflow", "/api/workflow/events", "svc-dossiers", "svc-workflow", 401, 400)]
    [InlineData("POST", "workflow", "/api/workflow/events/batch", "svc-dossiers", "svc-workflow", 401, 400)]
    [InlineData("POST", "documents", "/api/documents/attachments", "svc-dossiers", "svc-workflow", 403, 400)]
    [InlineData("POST", "documents", "/api/documents/attachments/release", "svc-dossiers", "svc-workflow", 403, 400)]
    [InlineData("POST", "documents", "/api/documents/events", "svc-workflow", "svc-notifications", 401, 400)]
    [InlineData("POST", "documents", "/api/documents/events/batch", "svc-workflow", "svc-notifications", 401, 400)]
    [InlineData("POST", "payments", "/api/payments/events", "svc-workflow", "svc-dossiers", 401, 400)]
    [InlineData("POST", "payments", "/api/payments/events/batch", "svc-workflow", "svc-dossiers", 401, 400)]
    [InlineData("POST", "notifications", "/api/notifications/events", "svc-workflow", "svc-dossiers", 401, 400)]
    [InlineData("POST", "notifications", "/api/notifications/events/batch", "svc-workflow", "svc-dossiers", 401, 400)]
    [InlineData("GET", "identity", "/api/identity/internal/users/{dossier}", "svc-notifications", "svc-workflow", 403, 404)]
    public async Task An_internal_endpoint_answers_only_its_one_caller(string method, string service, string path, string caller, string other, int otherGets,
        int callerGets)
    {
        var world = await World.BuildAsync(system);
        var address = SystemFixture.ServiceAddress(service);
        async Task<HttpStatusCode> CallAsync(string? token)
        {
            using var http = new HttpClient { BaseAddress = address };
            if (token is not null)
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var request = new HttpRequestMessage(new HttpMethod(method), world.Fill(path));
            if (method == "POST")
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(world.CitizenA));
        Assert.Equal((HttpStatusCode)otherGets, await CallAsync(await ServiceTokenAsync(other)));
        Assert.Equal((HttpStatusCode)callerGets, await CallAsync(await ServiceTokenAsync(caller)));
    }

    sealed record Row(string Endpoint, int[] Expected);

    static List<Row> Parse(string matrix) => matrix.Split('\n').Skip(1).Select(line => line.Split('|', StringSplitOptions.TrimEntries))
        .Select(cells => new Row(Normalize(cells[0]), cells.Skip(1).Select(int.Parse).ToArray()))
        .Select(row => row.Expected.Length == Parties.Length ? row : throw new FormatException($"{row.Endpoint}: {row.Expected.Length} cells"))
        .ToList();

    static string Normalize(string endpoint)
    {
        var parts = endpoint.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return $"{parts[0]} {parts[1].TrimEnd('/')}";
    }

    static string Format(List<Row> rows, int[][] actual)
    {
        var text = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            var parts = rows[r].Endpoint.Split(' ');
            text.Append(CultureInfo.InvariantCulture, $"{parts[0],-6} {parts[1],-50}");
            foreach (var status in actual[r])
                text.Append(CultureInfo.InvariantCulture, $" | {status,-4}");
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>Method and path of every operation in the services' OpenAPI documents, read through the gateway.</summary>
    async Task<HashSet<string>> OpenApiEndpointsAsync()
    {
        using var http = system.Client();
        var endpoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in new[] { "identity", "catalog", "documents", "dossiers", "workflow", "payments", "notifications" })
        {
            var document = (await http.GetFromJsonAsync<JsonObject>($"/api/{service}/openapi/v1.json"))!;
            foreach (var (path, operations) in document["paths"]!.AsObject())
                foreach (var (method, _) in operations!.AsObject())
                    endpoints.Add(Normalize($"{method.ToUpperInvariant()} {path}"));
        }
        return endpoints;
    }

    async Task<(int Status, string Body)> SendAsync(string? token, string endpoint, World world, bool serviceColumn, int expected)
    {
        var (method, template) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        // The service column's client: the workflow's endpoints are refused to svc-dossiers, the rest to svc-workflow.
        if (serviceColumn)
            token = template.StartsWith("/api/workflow/", StringComparison.Ordinal) ? world.SvcDossiers : world.SvcWorkflow;
        using var http = system.Client();
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var request = new HttpRequestMessage(new HttpMethod(method), world.PathFor(method, template));
        // A party the table refuses gets a complete body, so that its refusal is the rule's and not validation's.
        if (method is "POST" or "PUT" && !template.StartsWith("/api/documents", StringComparison.Ordinal))
            request.Content = JsonContent.Create(expected is 401 or 403 or 404 ? world.ValidBody(endpoint) : new JsonObject());
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    async Task<string?[]> PartiesAsync(World world)
    {
        var citizenB = await NewCitizenTokenAsync(system);
        var business = await ClientTokenAsync(SystemFixture.BusinessClientId, SystemFixture.BusinessClientSecret, "catalog documents dossiers");
        var officers = new List<string>();
        foreach (var user in new[] { "desk@000.20.01.H10", "specialist@000.20.01.H10", "leader@000.20.01.H10", "desk@000.00.12.H10", SystemFixture.Administrator })
            officers.Add((await new BrowserLogin(SystemFixture.Gateway).LoginAsync(user, SystemFixture.OfficerPassword, AllScopes)).AccessToken);
        return [null, world.CitizenA, citizenB, business, .. officers, null];
    }

    Task<string> ServiceTokenAsync(string clientId) => ClientTokenAsync(clientId, system.ServiceClientSecret(clientId), clientId switch
    {
        "svc-dossiers" => "catalog documents workflow",
        "svc-notifications" => "identity",
        _ => "dossiers documents catalog payments notifications",
    });

    async Task<string> ClientTokenAsync(string clientId, string secret, string scope)
    {
        using var http = system.Client();
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
    }

    static async Task<string> NewCitizenTokenAsync(SystemFixture system)
    {
        using var http = system.Client();
        var person = await Citizens.RegisterAsync(http);
        return (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(person.Email, person.Password, AllScopes)).AccessToken;
    }

    /// <summary>Citizen A's objects, made once for the run through the public API, and the service clients' tokens.</summary>
    sealed class World
    {
        static World? built;
        static readonly SemaphoreSlim Gate = new(1, 1);

        public required string CitizenA { get; init; }
        public required string SvcDossiers { get; init; }
        public required string SvcWorkflow { get; init; }
        public required string Dossier { get; init; }
        public required string DossierCode { get; init; }
        public required string Document { get; init; }
        public required string Upload { get; init; }
        public required string Requirement { get; init; }
        public required string Draft { get; init; }
        public required string Task { get; init; }
        public required string Instance { get; init; }
        public required string Definition { get; init; }
        public required string Invoice { get; init; }
        public required string Session { get; init; }
        public required string Result { get; init; }

        /// <summary>What must never reach another party.</summary>
        public IEnumerable<string> Secrets => [Dossier, DossierCode, Document, Upload, Draft, Task, Instance, Invoice, Session, Result];

        public static async Task<World> BuildAsync(SystemFixture system)
        {
            await Gate.WaitAsync();
            try
            {
                return built ??= await MakeAsync(system);
            }
            finally
            {
                Gate.Release();
            }
        }

        static async Task<World> MakeAsync(SystemFixture system)
        {
            var matrix = new AuthorizationMatrixTests(system);
            using var citizen = system.Client();
            var token = await NewCitizenTokenAsync(system);
            citizen.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var (dossier, document) = await Dossiers.SubmitBirthRegistrationAsync(citizen);
            var code = (string)(await citizen.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossier}"))!["code"]!;
            var procedure = (await citizen.GetFromJsonAsync<JsonObject>($"/api/catalog/procedures/{Dossiers.BirthRegistration}"))!;
            var requirement = (string)procedure["requiredDocuments"]!.AsArray().First(r => (bool)r!["mandatory"]!)!["code"]!;
            var upload = (string)(await Documents.UploadAsync(citizen, Dossiers.BirthRegistration, requirement, Documents.SamplePdf(), "to-khai.pdf"))["id"]!;
            using var draft = await citizen.PostAsJsonAsync("/api/dossiers/drafts", new { procedureCode = Dossiers.BirthRegistration, formData = new { } });
            Assert.Equal(HttpStatusCode.Created, draft.StatusCode);

            using var admin = system.Client();
            admin.DefaultRequestHeaders.Authorization = new("Bearer",
                (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(SystemFixture.Administrator, SystemFixture.OfficerPassword, AllScopes)).AccessToken);
            var (task, instance, definition) = await WorkflowOfAsync(admin, dossier);
            var svcWorkflow = await matrix.ServiceTokenAsync("svc-workflow");
            var (invoice, session) = await FeeOfAsync(citizen, svcWorkflow, dossier, code);
            var result = await ResultOfAsync(svcWorkflow, token, dossier, code);
            return new World
            {
                CitizenA = token,
                SvcDossiers = await matrix.ServiceTokenAsync("svc-dossiers"),
                SvcWorkflow = svcWorkflow,
                Invoice = invoice, Session = session, Result = result,
                Dossier = dossier, DossierCode = code, Document = document, Upload = upload, Requirement = requirement,
                Draft = (string)(await draft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!,
                Task = task, Instance = instance, Definition = definition,
            };
        }

        /// <summary>
        /// A fee on A's dossier: the PaymentRequested.v1 the workflow would send (posted to the payments service
        /// itself with the workflow's token, as its outbox does), then A's invoice and a payment session of A's.
        /// </summary>
        static async Task<(string Invoice, string Session)> FeeOfAsync(HttpClient citizen, string svcWorkflow, string dossier, string code)
        {
            await Fees.RequestAsync(svcWorkflow, dossier, code, "000.20.01.H10", 50000, "Lệ phí");
            var invoices = (await citizen.GetFromJsonAsync<JsonObject>($"/api/payments/invoices?dossierId={dossier}"))!["items"]!.AsArray();
            var invoice = (string)Assert.Single(invoices)!["id"]!;
            using var started = await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new JsonObject { ["returnUrl"] = "/" });
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            return (invoice, (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["sessionId"]!);
        }

        /// <summary>
        /// A's result document: the ResultRequested.v1 the workflow would send once the dossier is approved (posted to the
        /// documents service itself with the workflow's token, as its outbox does); A collects it online.
        /// </summary>
        static async Task<string> ResultOfAsync(string svcWorkflow, string citizenToken, string dossier, string code)
        {
            var payload = citizenToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
            var claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')))!;
            using var documents = new HttpClient { BaseAddress = SystemFixture.ServiceAddress("documents") };
            documents.DefaultRequestHeaders.Authorization = new("Bearer", svcWorkflow);
            using var requested = await documents.PostAsJsonAsync("/api/documents/events", new JsonObject
            {
                ["id"] = Guid.NewGuid(), ["type"] = "ResultRequested.v1", ["occurredAt"] = DateTimeOffset.UtcNow,
                ["payload"] = new JsonObject
                {
                    ["dossierId"] = dossier, ["code"] = code, ["procedureCode"] = Dossiers.BirthRegistration, ["agencyCode"] = "000.20.01.H10",
                    ["applicantId"] = (string)claims["sub"]!, ["decision"] = "approved", ["note"] = "Đăng ký khai sinh.", ["deliveryMethod"] = "online",
                },
            });
            var body = await requested.Content.ReadAsStringAsync();
            Assert.True(requested.IsSuccessStatusCode, body);
            return (string)JsonNode.Parse(body)!["resultId"]!;
        }

        /// <summary>The open task, the instance and its definition, once the submission event has reached the workflow.</summary>
        static async Task<(string Task, string Instance, string Definition)> WorkflowOfAsync(HttpClient admin, string dossier)
        {
            var until = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                var instances = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow/instances?correlationId={dossier}"))!["items"]!.AsArray();
                if (instances.FirstOrDefault() is { } instance)
                {
                    var id = (string)instance["id"]!;
                    var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow/instances/{id}"))!;
                    if (detail["tasks"]!.AsArray().FirstOrDefault(t => (string?)t!["status"] == "open") is { } task)
                        return ((string)task["id"]!, id, (string)instance["definitionId"]!);
                }
                Assert.True(DateTime.UtcNow < until, "no workflow task for the dossier after 90 s");
                await System.Threading.Tasks.Task.Delay(300);
            }
        }

        /// <summary>A path of the table with citizen A's objects in it; unknown ones where a call would change the catalog or a definition.</summary>
        public string PathFor(string method, string template)
        {
            if (template.EndsWith("/publish", StringComparison.Ordinal) || template.EndsWith("/unpublish", StringComparison.Ordinal)
                || template.EndsWith("/retract", StringComparison.Ordinal))
                return template.Replace("{code}", UnknownProcedure, StringComparison.Ordinal).Replace("{definitionId}", UnknownDefinition, StringComparison.Ordinal);
            var path = template switch
            {
                "/api/documents" when method == "POST" => $"/api/documents?procedure={Dossiers.BirthRegistration}&requirement={Requirement}",
                "/api/documents/officer-files" => $"/api/documents/officer-files?dossier={Dossier}",
                "/api/payments/invoices" => $"/api/payments/invoices?dossierId={Dossier}",
                "/api/dossiers/satisfaction" => "/api/dossiers/satisfaction?agencyCode=000.20.01.H10",
                _ when template.StartsWith("/api/payments/invoices/", StringComparison.Ordinal) => template.Replace("{id}", Invoice, StringComparison.Ordinal),
                _ when template.StartsWith("/api/payments/sessions/", StringComparison.Ordinal) => template.Replace("{id}", Session, StringComparison.Ordinal),
                _ when template.StartsWith("/api/dossiers/drafts/", StringComparison.Ordinal) => template.Replace("{id}", Draft, StringComparison.Ordinal),
                _ when template.StartsWith("/api/dossiers/lookup/", StringComparison.Ordinal) => template.Replace("{code}", DossierCode, StringComparison.Ordinal),
                _ when template.StartsWith("/api/dossiers/", StringComparison.Ordinal) => template.Replace("{id}", Dossier, StringComparison.Ordinal),
                "/api/documents/results" => $"/api/documents/results?dossierId={Dossier}",
                _ when template.StartsWith("/api/documents/results/", StringComparison.Ordinal) => template.Replace("{id}", Result, StringComparison.Ordinal),
                _ when template.StartsWith("/api/documents/", StringComparison.Ordinal) => template.Replace("{id}", Document, StringComparison.Ordinal),
                _ when template.StartsWith("/api/workflow/tasks/", StringComparison.Ordinal) => template.Replace("{id}", Task, StringComparison.Ordinal),
                _ when template.StartsWith("/api/workflow/instances/", StringComparison.Ordinal) => template.Replace("{id}", Instance, StringComparison.Ordinal),
                _ when template.StartsWith("/api/catalog/procedures/", StringComparison.Ordinal) => template.Replace("{code}", Dossiers.BirthRegistration, StringComparison.Ordinal),
                _ when template.StartsWith("/api/catalog/agencies/", StringComparison.Ordinal) => template.Replace("{code}", "000.20.01.H10", StringComparison.Ordinal),
                _ => template,
            };
            return path.Replace("{definitionId}", Definition, StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal);
        }

        /// <summary>What the owner or the task's officer could send with effect; the rest need no body past their rule.</summary>
        public JsonObject ValidBody(string endpoint) => endpoint switch
        {
            "POST /api/dossiers/{id}/withdrawal" => new() { ["reason"] = "Tôi không còn nhu cầu." },
            "POST /api/dossiers/{id}/rating" => new() { ["score"] = 5, ["comment"] = "Nhanh." },
            "POST /api/dossiers/{id}/supplements" => new()
            {
                ["documents"] = new JsonArray(new JsonObject { ["requirementCode"] = Requirement, ["documentId"] = Upload }),
                ["note"] = "Bổ sung.",
            },
            "PUT /api/dossiers/drafts/{id}" => new() { ["procedureCode"] = Dossiers.BirthRegistration, ["formData"] = new JsonObject(), ["version"] = 1 },
            "POST /api/workflow/tasks/{id}/complete" => new() { ["outcome"] = "accept", ["comment"] = "Tiếp nhận." },
            "POST /api/payments/invoices/{id}/sessions" => new() { ["returnUrl"] = "/", ["locale"] = "vn" },
            "POST /api/payments/invoices/{id}/refund" => new() { ["reason"] = "Hồ sơ bị từ chối." },
            "PUT /api/notifications/preferences" => new() { ["channels"] = new JsonArray("sms"), ["language"] = "en" },
            "POST /api/workflow/tasks/{id}/apology" => new() { ["newDueAt"] = DateTimeOffset.UtcNow.AddDays(30), ["reason"] = "Cần xác minh thêm." },
            _ => [],
        };

        public string Fill(string path) => path.Replace("{dossier}", Dossier, StringComparison.Ordinal);
    }
}
