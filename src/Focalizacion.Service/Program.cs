using Focalizacion.Calendar;
using Focalizacion.Cycle;
using Focalizacion.Service.Api;
using Focalizacion.Service.Dashboard;
using Focalizacion.Service.Health;
using Focalizacion.Service.Hosting;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web;

// Content root = the binaries' folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

try
{
    builder.AddServiceDefaults();
    builder.AddHardening();
    builder.AddEngine();
    builder.AddServiceIdentity();
    builder.AddApi();
    builder.AddWeb();
}
catch (Exception bad) when (bad is ServiceConfigurationException or CycleException or CalendarDataException)
{
    // A bad setting is the operator's to fix: one Spanish line naming it, not a stack trace.
    Console.Error.WriteLine($"Error: {bad.Message}");
    return 2;
}

var app = builder.Build();

app.UseHardening();
app.UseServiceDefaults();
app.UseWeb();
app.UseServiceIdentity();
app.MapSaludApi();
app.MapApi();
app.MapWeb();
app.MapOperatorDashboard();

app.Run();
return 0;
