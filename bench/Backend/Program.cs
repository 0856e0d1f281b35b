// A trivial upstream: every GET answers 200 with the same 200-byte body, so what the proxies add is all that differs.
var body = System.Text.Encoding.ASCII.GetBytes(new string('x', 200));

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var app = builder.Build();
app.MapGet("/{**path}", () => Results.Bytes(body, "text/plain"));
app.Run();
