using Focalizacion.Cli;

var context = new CliContext(Console.Out, Console.Error, CalendarData.Load, CliContext.ConnectionStringFromEnvironment(), CliContext.ClockFromEnvironment());
return await Cli.RunAsync(args, context);
