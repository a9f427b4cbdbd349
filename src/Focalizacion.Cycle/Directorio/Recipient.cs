namespace Focalizacion.Cycle.Directorio;

/// <summary>One person an email goes to, as the directory holds them.</summary>
/// <param name="Role">The cycle role (<see cref="CycleRoles"/>) they were resolved from.</param>
/// <param name="Name">Full name, shown in the salutation.</param>
/// <param name="Position">Their post ("Gobernador Regional de Ñuble"), shown under the name.</param>
/// <param name="Address">Email address.</param>
public sealed record Recipient(string Role, string Name, string Position, string Address);
