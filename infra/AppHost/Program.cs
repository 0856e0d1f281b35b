using System.Globalization;
using PublicServices.AppHost;

// Starts every PublicServices process. Mode "Embedded" (default) needs only the .NET SDK: SQLite files and a local
// object folder under DataRoot, and the demo accounts and secrets (the services' "Demo" environment). Mode "Production" uses
// PostgreSQL, S3 and an SMTP server from configuration, two replicas each, and the secrets of PublicServices:Secrets
// (see the README).
var builder = DistributedApplication.CreateBuilder(args);
var system = SystemOptions.From(builder.Configuration);

var mail = builder.AddMailServer(system);
var identity = builder.AddService<Projects.PublicServices_Identity>("identity", 1, system).WithClientSecrets(system)
    .WithEnvironment("Identity__RequireOfficerTotp", system.RequireOfficerTotp.ToString())
    .WithEnvironment("Identity__DemoConfirmationLinks", (!system.Production).ToString())
    .WithMail(mail, "Identity__Smtp__", "Identity__Smtp__PollInterval");
var catalog = builder.AddService<Projects.PublicServices_Catalog>("catalog", 2, system).WithReference(identity);
var documents = builder.AddService<Projects.PublicServices_Documents>("documents", 3, system)
    .WithReference(identity).WithReference(catalog).WithStorage(system).WithSecret(system, "Documents__LinkSigningKey", SecretNames.LinkSigningKey)
    .WithSecret(system, "Auth__ClientSecret", SecretNames.DocumentsClient).WithResultCertificates(system)
    .WithEnvironment("Documents__PublicBaseUrl", system.Issuer.TrimEnd('/'));
var dossiers = builder.AddService<Projects.PublicServices_Dossiers>("dossiers", 4, system)
    .WithSecret(system, "Auth__ClientSecret", SecretNames.DossiersClient)
    .WithReference(identity).WithReference(catalog).WithReference(documents);
// Dossiers attach uploads at documents; documents asks dossiers whether an officer may add a file to a dossier.
documents.WithEnvironment("services__dossiers__http__0", dossiers.GetEndpoint("http"));
// Dossiers and workflow send each other events, so each names the other.
var workflow = builder.AddService<Projects.PublicServices_Workflow>("workflow", 5, system)
    .WithSecret(system, "Auth__ClientSecret", SecretNames.WorkflowClient)
    .WithReference(identity).WithReference(catalog).WithReference(dossiers).WithReference(documents);
dossiers.WithEnvironment("services__workflow__http__0", workflow.GetEndpoint("http"));
// Documents issues the results the workflow asks for and tells it when they are issued and delivered.
documents.WithEnvironment("services__workflow__http__0", workflow.GetEndpoint("http"));
// Payments: invoices from the workflow's PaymentRequested, PaymentReceived back to it; the applicant's dossier from dossiers.
var payments = builder.AddService<Projects.PublicServices_Payments>("payments", 8, system)
    .WithSecret(system, "Auth__ClientSecret", SecretNames.PaymentsClient)
    .WithReference(identity).WithReference(dossiers).WithReference(workflow)
    .WithPaymentProvider(builder, system);
workflow.WithEnvironment("services__payments__http__0", payments.GetEndpoint("http"));
// Notifications: the workflow's NotificationRequested, sent by e-mail (addresses from identity's internal users endpoint) or SMS.
var notifications = builder.AddService<Projects.PublicServices_Notifications>("notifications", 9, system)
    .WithSecret(system, "Auth__ClientSecret", SecretNames.NotificationsClient)
    .WithReference(identity)
    .WithMail(mail, "Notifications__Smtp__", "Notifications__PollInterval");
workflow.WithEnvironment("services__notifications__http__0", notifications.GetEndpoint("http"));
// The portal (pages for citizens and officers) calls every service with the signed-in person's token.
var web = builder.AddService<Projects.PublicServices_Web>("web", 0, system)
    .WithSecret(system, "Web__ClientSecret", SecretNames.WebClient)
    .WithReference(identity).WithReference(catalog).WithReference(documents).WithReference(dossiers).WithReference(workflow)
    .WithReference(payments).WithEnvironment("Web__PaymentPageOrigin", system.PaymentPageOrigin)
    .WithReference(notifications)
    .WithEnvironment("Web__RequireOfficerTotp", system.RequireOfficerTotp.ToString());

builder.AddProject<Projects.PublicServices_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: system.GatewayPort, isProxied: system.Replicas > 1)
    .WithReplicas(system.Replicas)
    .WithEnvironment("Auth__Issuer", system.Issuer)
    .WithEnvironment("Gateway__RateLimit__PermitLimit", system.RateLimit.ToString(CultureInfo.InvariantCulture))
    .WithEnvironment("Gateway__RateLimit__Login__PermitLimit", system.LoginRateLimit.ToString(CultureInfo.InvariantCulture))
    .WithReference(identity).WithReference(catalog).WithReference(documents).WithReference(dossiers).WithReference(workflow).WithReference(payments)
    .WithReference(notifications).WithReference(web)
    .WaitFor(identity).WaitFor(catalog).WaitFor(documents).WaitFor(dossiers).WaitFor(workflow).WaitFor(payments).WaitFor(notifications).WaitFor(web)
    .WithHttpHealthCheck("/health/ready");

builder.Build().Run();
