using Focalizacion.Calendar;
using Focalizacion.Cycle;
using Focalizacion.Service.Dashboard;
using Focalizacion.Service.Health;
using Focalizacion.Service.Hosting;

// Content root = the binaries' folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

try
{
    builder.AddServiceDefaults();
    builder.AddEngine();
}
catch (Exception bad) when (bad is ServiceConfigurationException or CycleException or CalendarDataException)
{
    // A bad setting is the operator's to fix: one Spanish line naming it, not a stack trace.
    Console.Error.WriteLine($"Error: {bad.Message}");
    return 2;
}

var app = builder.Build();

app.UseServiceDefaults();
app.MapSaludApi();
app.MapOperatorDashboard();

app.Run();
return 0;
