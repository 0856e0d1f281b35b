using Microsoft.Extensions.Configuration;

namespace PublicServices.AppHost;

/// <summary>How the whole system runs, from the "PublicServices" configuration section (or command-line args).</summary>
sealed record SystemOptions(bool Production, bool RequireOfficerTotp, string DataRoot, int GatewayPort, int ServicePortBase, int Replicas, int RateLimit, int LoginRateLimit,
    string? Postgres, string DatabasePrefix, string? S3Endpoint, string? S3AccessKey, string? S3SecretKey, string S3Bucket, string Issuer,
    string[] GatewayAddresses, IConfigurationSection Smtp)
{
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
            s.GetSection("GatewayAddresses").Get<string[]>() ?? [], s.GetSection("Smtp"));
    }

    static string RepositoryRoot()
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
    /// The identity service's mail server, from PublicServices:Smtp:{Host, Port, Security, From, UserName, Password, PollInterval}.
    /// Production needs one (citizens confirm their e-mail address by a mailed link). Embedded mode needs nothing but
    /// the .NET SDK: without a server the messages go to the identity service's log, and the registration page shows
    /// the confirmation link, labelled as the demo fallback.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMail(this IResourceBuilder<ProjectResource> service, SystemOptions system)
    {
        var host = system.Smtp["Host"];
        if (system.Production && string.IsNullOrWhiteSpace(host))
            throw new InvalidOperationException("PublicServices:Smtp:Host (the mail server citizens' confirmation links are sent through) is required in Production mode");
        service.WithEnvironment("Identity__DemoConfirmationLinks", (!system.Production).ToString());
        foreach (var setting in new[] { "Host", "Port", "Security", "From", "UserName", "Password", "PollInterval" })
            if (system.Smtp[setting] is { Length: > 0 } value)
                service.WithEnvironment($"Identity__Smtp__{setting}", value);
        return service;
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
