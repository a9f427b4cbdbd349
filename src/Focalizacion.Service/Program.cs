using Focalizacion.Service.Dashboard;
using Focalizacion.Service.Health;
using Focalizacion.Service.Hosting;

// Content root = the binaries' folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddEngine();

var app = builder.Build();

app.UseServiceDefaults();
app.MapSaludApi();
app.MapOperatorDashboard();

app.Run();
