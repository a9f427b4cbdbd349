using System.Diagnostics.CodeAnalysis;

namespace Focalizacion.Calendar;

/// <summary>
/// The outcome of an operation whose failure is expected (bad rule text, a missing event date):
/// a value, or a Spanish reason for the person who wrote the input. Caller mistakes throw instead.
/// </summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, string? error, int? position)
    {
        _value = value;
        Error = error;
        Position = position;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>The value; reading it from a failure is a caller mistake.</summary>
    public T Value => Success ? _value! : throw new InvalidOperationException("No value: " + Error);

    /// <summary>The reason of a failure, in Spanish.</summary>
    public string? Error { get; }

    /// <summary>For a failure in a text, the 1-based position of the offending character.</summary>
    public int? Position { get; }

    public static Result<T> Ok(T value) => new(value, null, null);

    public static Result<T> Fail(string error, int? position = null) => new(default, error, position);

    /// <summary>The failure with its position, for messages: "posición 7: se esperaba «de»".</summary>
    public override string ToString() =>
        Success ? $"{_value}" : Position is { } p ? $"posición {p}: {Error}" : Error;
}
