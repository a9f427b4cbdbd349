namespace Focalizacion.Calendar.Plazos;

/// <summary>What a relative rule counts from.</summary>
public enum ReferenceKind
{
    /// <summary>A recorded event of the instance, such as the reception of a document ("el evento x").</summary>
    Event,

    /// <summary>Another named plazo of the same cycle ("el plazo x"), as reminders do.</summary>
    Plazo,
}
