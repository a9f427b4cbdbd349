using Focalizacion.Cli;
using NodaTime;

var context = new CliContext(Console.Out, Console.Error, CalendarData.Load, CliContext.ConnectionStringFromEnvironment(), SystemClock.Instance);
return await Cli.RunAsync(args, context);
