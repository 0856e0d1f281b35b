using PublicServices.PaymentSandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddPaymentSandboxService();

var app = builder.Build();
app.UsePaymentSandbox();
app.MapPaymentSandboxService();
app.Run();
