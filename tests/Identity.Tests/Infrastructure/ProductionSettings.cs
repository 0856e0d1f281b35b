using System.Security.Cryptography;

namespace PublicServices.Identity.Tests.Infrastructure;

/// <summary>What a production deployment of the identity service is given: random client secrets, the Production environment.</summary>
public static class ProductionSettings
{
    public static readonly string[] SecretClients = ["web", "svc-dossiers", "svc-workflow", "svc-payments", "svc-notifications", "svc-documents"];

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A fresh strong secret for every confidential client, as configuration keys.</summary>
    public static (string Key, string? Value)[] StrongSecrets() =>
        SecretClients.Select(c => ($"Identity:Clients:{c}:ClientSecret", (string?)NewSecret())).ToArray();
}
