using Focalizacion.Calendar;
using Focalizacion.Cli.Arguments;
using Focalizacion.Runtime.Hosting;

namespace Focalizacion.Cli;

/// <summary>
/// The CLI's PostgreSQL roles, each its connection string or why there is none: the tables' owner
/// (<see cref="DatabaseSetting.Variable"/>: migrations, grants and the simulations' throwaway databases), the engine's
/// (<see cref="DatabaseRole.Motor"/>: every verb that steps workflows, records cycle events, writes or reads cycle data) and
/// the one that serves users (<see cref="DatabaseRole.Api"/>: users and their tokens).
/// </summary>
/// <param name="Owner">The tables' owner.</param>
/// <param name="Motor">The engine's role, as the service's engine, handlers and Hangfire run.</param>
/// <param name="Api">The role that serves users.</param>
internal sealed record CliDatabases(Result<string> Owner, Result<string> Motor, Result<string> Api)
{
    /// <summary>
    /// The variables of this process's environment, checked as the service checks them: one that is set but is not a
    /// connection string, or a role's that logs in as another's (the owner's, or the API's for the engine), is a usage
    /// error now, whatever the verb; an unset one is kept as the reason a verb that needs it gives.
    /// </summary>
    public static CliDatabases FromEnvironment()
    {
        var owner = Checked(DatabaseSetting.Variable, DatabaseSetting.Parse);
        var api = Checked(DatabaseRole.Api.Variable, configured => DatabaseRole.Api.Parse(configured, Other(DatabaseSetting.Variable, owner)));
        var motor = Checked(DatabaseRole.Motor.Variable,
            configured => DatabaseRole.Motor.Parse(configured, Other(DatabaseSetting.Variable, owner), Other(DatabaseRole.Api.Variable, api)));
        return new CliDatabases(owner, motor, api);
    }

    private static Result<string> Checked(string variable, Func<string?, Result<string>> parse)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        var connection = parse(configured);
        return connection.Success || configured is not { Length: > 0 } ? connection : throw new UsageException(connection.Error);
    }

    private static (string Variable, string? ConnectionString) Other(string variable, Result<string> connection) =>
        (variable, connection.Success ? connection.Value : null);
}
