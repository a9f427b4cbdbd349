using Focalizacion.Cli;

return Cli.Run(args, Console.Out, Console.Error, CalendarData.Load);
