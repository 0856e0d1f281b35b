using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PublicServices.AppHost;

/// <summary>How the whole system runs, from the "PublicServices" configuration section (or command-line args).</summary>
sealed record SystemOptions(bool Production, bool RequireOfficerTotp, string DataRoot, int GatewayPort, int ServicePortBase, int Replicas, int RateLimit, int LoginRateLimit,
    string? Postgres, string DatabasePrefix, string? S3Endpoint, string? S3AccessKey, string? S3SecretKey, string S3Bucket, string Issuer,
    string[] GatewayAddresses, IConfigurationSection Smtp, IConfigurationSection Secrets, IReadOnlyDictionary<string, string> BusinessClients,
    bool PaymentSandbox, IConfigurationSection VnPay, bool Smtp4dev, IConfigurationSection ResultCertificates)
{
    /// <summary>
    /// The ASP.NET environment of every service: "Demo" loads each service's appsettings.Demo.json (demo officers, demo
    /// client secrets); "Production" loads none, and each service refuses to start without real secrets.
    /// </summary>
    public string Environment => Production ? "Production" : "Demo";

    /// <summary>PublicServices:Secrets:{name}, required in Production mode (Embedded mode uses the demo files).</summary>
    public string Secret(string name) => Secrets[name] is { Length: > 0 } value ? value : throw new InvalidOperationException(
        $"{Secrets.Path}:{name} is required in Production mode (at least 32 random characters; see the README, \"Running in production\")");

    /// <summary>The origin of the payment provider's pay page (the sandbox's, or PublicServices:VnPay:PayUrl's): the portal's pay form goes there.</summary>
    public string PaymentPageOrigin => PaymentSandbox ? $"http://localhost:{ServicePortBase + 80}"
        : Uri.TryCreate(VnPay["PayUrl"], UriKind.Absolute, out var pay) ? pay.GetLeftPart(UriPartial.Authority) : "";

    public static SystemOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("PublicServices");
        var production = string.Equals(s["Mode"], "Production", StringComparison.OrdinalIgnoreCase);
        var port = s.GetValue("GatewayPort", 8080);
        var replicas = s.GetValue("Replicas", 0) is > 0 and var r ? r : production ? 2 : 1;
        var dataRoot = s["DataRoot"] ?? Path.Combine(RepositoryRoot(), ".data");
        // Officers sign in with an authenticator app in production unless turned off (API tests log them in by password).
        return new SystemOptions(production, s.GetValue("RequireOfficerTotp", production), Path.GetFullPath(dataRoot), port, s.GetValue("ServicePortBase", 5100), replicas, s.GetValue("RateLimit", 600), s.GetValue("LoginRateLimit", 10),
            s["Postgres"], s["DatabasePrefix"] ?? "ps_", s["S3:Endpoint"], s["S3:AccessKey"], s["S3:SecretKey"], s["S3:Bucket"] ?? "documents", s["Issuer"] ?? $"http://localhost:{port}/",
            s.GetSection("GatewayAddresses").Get<string[]>() ?? [], s.GetSection("Smtp"),
            s.GetSection("Secrets"), s.GetSection("BusinessClients").GetChildren().Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!),
            s.GetValue("PaymentSandbox", !production), s.GetSection("VnPay"), s.GetValue("Smtp4dev", !production), s.GetSection("ResultCertificates"));
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PublicServices.sln")))
                return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

static class ServiceResources
{
    /// <summary>Adds one service with the settings every service shares: database, issuer, replicas, health.</summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder,
        string name, int portOffset, SystemOptions system) where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: system.ServicePortBase + portOffset, isProxied: system.Replicas > 1)
            .WithReplicas(system.Replicas)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", system.Environment)
            .WithEnvironment("DOTNET_ENVIRONMENT", system.Environment)
            .WithEnvironment("Auth__Issuer", system.Issuer)
            .WithEnvironment("Database__DataRoot", system.DataRoot)
            .WithTrustedProxies(system.GatewayAddresses)
            .WithHttpHealthCheck("/health/ready");
        if (system.Production)
        {
            var postgres = system.Postgres ?? throw new InvalidOperationException(
                "PublicServices:Postgres (a PostgreSQL connection string; each service gets its own database) is required in Production mode");
            service.WithEnvironment("Database__Provider", "Postgres")
                .WithEnvironment($"ConnectionStrings__{name}", $"{postgres.TrimEnd(';')};Database={system.DatabasePrefix}{name}");
        }
        return service;
    }

    /// <summary>
    /// The addresses the gateway reaches the services from, as each service's TrustedProxies: identity believes
    /// X-Forwarded-For (the client's address, which its login throttle counts by) and X-Forwarded-Proto only from them.
    /// </summary>
    static IResourceBuilder<ProjectResource> WithTrustedProxies(this IResourceBuilder<ProjectResource> service, string[] gatewayAddresses)
    {
        for (var i = 0; i < gatewayAddresses.Length; i++)
            service.WithEnvironment($"TrustedProxies__{i}", gatewayAddresses[i]);
        return service;
    }

    /// <summary>
    /// The mail server of identity (confirmation links) and notifications, from PublicServices:Smtp:{Host, Port,
    /// Security, From, UserName, Password, PollInterval}; Production needs one. In Embedded mode without a Host, the
    /// AppHost runs smtp4dev (a .NET tool, restored from .config/dotnet-tools.json, so still only the .NET SDK is
    /// needed): SMTP on ServicePortBase + 25, its web mailbox on ServicePortBase + 81. PublicServices:Smtp4dev=false
    /// turns it off: then the messages go to the services' logs, and the registration page shows the confirmation
    /// link, labelled as the demo fallback.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AddMailServer(this IDistributedApplicationBuilder builder, SystemOptions system)
    {
        var settings = new[] { "Host", "Port", "Security", "From", "UserName", "Password", "PollInterval" }
            .Where(s => system.Smtp[s] is { Length: > 0 }).ToDictionary(s => s, s => system.Smtp[s]!);
        if (settings.ContainsKey("Host"))
            return settings;
        if (system.Production)
            throw new InvalidOperationException("PublicServices:Smtp:Host (the mail server for confirmation links and notifications) is required in Production mode");
        if (!system.Smtp4dev)
            return settings;
        var smtpPort = system.ServicePortBase + 25;
        var uiPort = system.ServicePortBase + 81;
        var root = SystemOptions.RepositoryRoot();
        var restore = builder.AddExecutable("smtp4dev-install", "dotnet", root, "tool", "restore");
        builder.AddExecutable("smtp4dev", "dotnet", root, "tool", "run", "smtp4dev", "--",
                $"--urls=http://localhost:{uiPort}", "--bindaddress=127.0.0.1", $"--smtpport={smtpPort}", "--imapport=", "--pop3port=",
                "--db=", "--nousersettings", $"--baseappdatapath={Path.Combine(system.DataRoot, "smtp4dev")}", "--hostname=localhost",
                "--tlsmode=None", "--disableipv6")
            .WithHttpEndpoint(port: uiPort, isProxied: false)
            .WaitForCompletion(restore);
        settings["Host"] = "127.0.0.1";
        settings["Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Security"] = "None";
        return settings;
    }

    /// <summary>The service's mail settings: <paramref name="prefix"/>{Host, Port, …} and its queue's poll interval.</summary>
    public static IResourceBuilder<ProjectResource> WithMail(this IResourceBuilder<ProjectResource> service,
        IReadOnlyDictionary<string, string> mail, string prefix, string pollIntervalVariable)
    {
        foreach (var (setting, value) in mail)
            service.WithEnvironment(setting == "PollInterval" ? pollIntervalVariable : prefix + setting, value);
        return service;
    }

    /// <summary>In Production mode, the setting <paramref name="variable"/> of the service gets PublicServices:Secrets:{name}.</summary>
    public static IResourceBuilder<ProjectResource> WithSecret(this IResourceBuilder<ProjectResource> service, SystemOptions system,
        string variable, string name) =>
        system.Production ? service.WithEnvironment(variable, system.Secret(name)) : service;

    /// <summary>
    /// The agencies' signing certificates for result documents, PublicServices:ResultCertificates:{agency}:{Pfx, Password},
    /// become the documents service's Documents:Results:Certificates (in Demo mode it generates development ones).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithResultCertificates(this IResourceBuilder<ProjectResource> documents, SystemOptions system)
    {
        foreach (var agency in system.ResultCertificates.GetChildren())
            foreach (var setting in agency.GetChildren().Where(s => s.Value is not null))
                documents.WithEnvironment($"Documents__Results__Certificates__{agency.Key}__{setting.Key}", setting.Value!);
        return documents;
    }

    /// <summary>
    /// In Production mode the identity service registers the clients whose secrets the other services hold, and each
    /// business client of PublicServices:BusinessClients ({client id} = secret), allowed the applicants' APIs.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithClientSecrets(this IResourceBuilder<ProjectResource> identity, SystemOptions system)
    {
        identity.WithSecret(system, "Identity__Clients__web__ClientSecret", SecretNames.WebClient)
            .WithSecret(system, "Identity__Clients__svc-dossiers__ClientSecret", SecretNames.DossiersClient)
            .WithSecret(system, "Identity__Clients__svc-workflow__ClientSecret", SecretNames.WorkflowClient)
            .WithSecret(system, "Identity__Clients__svc-payments__ClientSecret", SecretNames.PaymentsClient)
            .WithSecret(system, "Identity__Clients__svc-documents__ClientSecret", SecretNames.DocumentsClient)
            .WithSecret(system, "Identity__Clients__svc-notifications__ClientSecret", SecretNames.NotificationsClient);
        if (!system.Production) return identity;
        foreach (var (clientId, secret) in system.BusinessClients)
        {
            var at = $"Identity__Clients__{clientId}__";
            identity.WithEnvironment(at + "Type", "confidential").WithEnvironment(at + "ClientSecret", secret)
                .WithEnvironment(at + "DisplayName", clientId).WithEnvironment(at + "Role", "business")
                .WithEnvironment(at + "Scopes__0", "catalog").WithEnvironment(at + "Scopes__1", "documents").WithEnvironment(at + "Scopes__2", "dossiers");
        }
        return identity;
    }

    /// <summary>
    /// The payments service's VNPay merchant. With PublicServices:PaymentSandbox (the default in Embedded mode) the
    /// VNPay sandbox (infra/PaymentSandbox, the bank's stand-in) runs on ServicePortBase + 80 and knows this merchant,
    /// whose IPN it sends to the gateway's public address as VNPay would. Otherwise PublicServices:VnPay:{TmnCode,
    /// PayUrl, ApiUrl} name the real provider. In Production mode the hash secret is PublicServices:Secrets:VnPayHashSecret.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPaymentProvider(this IResourceBuilder<ProjectResource> payments,
        IDistributedApplicationBuilder builder, SystemOptions system)
    {
        var returnUrl = system.Issuer.TrimEnd('/') + "/api/payments/vnpay/return";
        payments.WithEnvironment("Payments__VnPay__ReturnUrl", returnUrl).WithSecret(system, "Payments__VnPay__HashSecret", SecretNames.VnPayHashSecret);
        if (system.VnPay["TmnCode"] is { Length: > 0 } tmnCode)
            payments.WithEnvironment("Payments__VnPay__TmnCode", tmnCode);
        if (!system.PaymentSandbox)
        {
            foreach (var setting in new[] { "PayUrl", "ApiUrl" })
                payments.WithEnvironment($"Payments__VnPay__{setting}", system.VnPay[setting] is { Length: > 0 } url ? url : throw new InvalidOperationException(
                    $"PublicServices:VnPay:{setting} (the payment provider) is required unless PublicServices:PaymentSandbox is true"));
            return payments;
        }
        var sandboxUrl = system.PaymentPageOrigin;
        var sandbox = builder.AddProject<Projects.PublicServices_PaymentSandbox>("payment-sandbox", launchProfileName: null)
            .WithHttpEndpoint(port: system.ServicePortBase + 80, isProxied: false);
        payments.WithEnvironment("Payments__VnPay__PayUrl", sandboxUrl + "/paymentv2/vpcpay.html")
            .WithEnvironment("Payments__VnPay__ApiUrl", sandboxUrl + "/merchant_webapi/api/transaction");
        // Embedded mode: both demo files name the merchant PSDEMO01 with the same published development secret.
        if (system.Production)
        {
            var merchant = system.VnPay["TmnCode"] is { Length: > 0 } code ? code : throw new InvalidOperationException(
                "PublicServices:VnPay:TmnCode (the merchant code) is required in Production mode");
            sandbox.WithEnvironment($"Sandbox__Merchants__{merchant}__Name", "PublicServices")
                .WithEnvironment($"Sandbox__Merchants__{merchant}__HashSecret", system.Secret(SecretNames.VnPayHashSecret))
                .WithEnvironment($"Sandbox__Merchants__{merchant}__IpnUrl", system.Issuer.TrimEnd('/') + "/api/payments/vnpay/ipn");
        }
        else
            sandbox.WithEnvironment("Sandbox__Merchants__PSDEMO01__IpnUrl", system.Issuer.TrimEnd('/') + "/api/payments/vnpay/ipn");
        return payments;
    }

    public static IResourceBuilder<ProjectResource> WithStorage(this IResourceBuilder<ProjectResource> service, SystemOptions system)
    {
        if (system.S3Endpoint is null)
            return service.WithEnvironment("Storage__Provider", "Local");
        return service.WithEnvironment("Storage__Provider", "S3")
            .WithEnvironment("Storage__S3__Endpoint", system.S3Endpoint)
            .WithEnvironment("Storage__S3__AccessKey", system.S3AccessKey ?? "")
            .WithEnvironment("Storage__S3__SecretKey", system.S3SecretKey ?? "")
            .WithEnvironment("Storage__S3__Bucket", system.S3Bucket);
    }
}

/// <summary>The names under PublicServices:Secrets (Production mode).</summary>
static class SecretNames
{
    /// <summary>The web front end's client secret (Web:ClientSecret, and the identity service's web client).</summary>
    public const string WebClient = "WebClient";
    /// <summary>The dossiers service's client secret (its Auth:ClientSecret, and the identity service's svc-dossiers client).</summary>
    public const string DossiersClient = "DossiersClient";
    /// <summary>The workflow service's client secret (its Auth:ClientSecret, and the identity service's svc-workflow client).</summary>
    public const string WorkflowClient = "WorkflowClient";
    /// <summary>The payments service's client secret (its Auth:ClientSecret, and the identity service's svc-payments client).</summary>
    public const string PaymentsClient = "PaymentsClient";
    /// <summary>The documents service's client secret (its Auth:ClientSecret, and the identity service's svc-documents client).</summary>
    public const string DocumentsClient = "DocumentsClient";
    /// <summary>The notifications service's client secret (its Auth:ClientSecret, and the identity service's svc-notifications client).</summary>
    public const string NotificationsClient = "NotificationsClient";
    /// <summary>The merchant's VNPay hash secret (Payments:VnPay:HashSecret; the sandbox's merchant gets the same).</summary>
    public const string VnPayHashSecret = "VnPayHashSecret";
    /// <summary>The documents service's key for signed download links (Documents:LinkSigningKey).</summary>
    public const string LinkSigningKey = "LinkSigningKey";
}
