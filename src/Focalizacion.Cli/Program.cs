using Focalizacion.Cli;

// The context is built inside the dispatcher's error handling: a bad environment variable is one
// Spanish line and exit 2, and «ayuda» works whatever the environment says.
return await Cli.RunAsync(args, Console.Out, Console.Error, () => CliContext.FromEnvironment(Console.Out, Console.Error));
