using PublicServices.ServiceDefaults;
using PublicServices.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebService();

var app = builder.Build();
await app.InitializeWebAsync();
app.UseWeb();
app.MapDefaultEndpoints();
app.MapWebService();
app.Run();
