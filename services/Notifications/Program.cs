using PublicServices.Notifications;
using PublicServices.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotificationsService();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapNotificationsService();
await app.InitializeNotificationsAsync();
app.Run();
