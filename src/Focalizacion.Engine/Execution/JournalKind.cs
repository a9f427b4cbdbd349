namespace Focalizacion.Engine.Execution;

/// <summary>What a journal line records. Its stored text (<see cref="JournalKinds.Text"/>) is what auditors and queries read.</summary>
public enum JournalKind
{
    InstanceStarted,
    EventBeforeStart,
    Waiting,
    WaitEnded,
    TimerScheduled,
    TimerFired,
    NoticeSkipped,
    MessageReceived,
    UserTaskCompleted,
    EffectDelivered,
    EffectFailed,
    Decision,
    Join,
    End,
    Incident,
    IncidentRetried,
    IncidentSkipped,
    InstanceSuspended,
    InstanceResumed,
    InstanceCancelled,
    InstanceCompleted,
    EventRefused,
    DefinitionImported,
    DefinitionPublished,
    DefinitionRetired,
    InstanceMigrated,
    TimerRescheduled,
}

/// <summary>The one mapping of journal kinds to the text stored in <c>journal.kind</c>.</summary>
public static class JournalKinds
{
    public static string Text(this JournalKind kind) => kind switch
    {
        JournalKind.InstanceStarted => "instancia-iniciada",
        JournalKind.EventBeforeStart => "evento-previo",
        JournalKind.Waiting => "espera",
        JournalKind.WaitEnded => "espera-terminada",
        JournalKind.TimerScheduled => "temporizador-programado",
        JournalKind.TimerFired => "temporizador-disparado",
        JournalKind.NoticeSkipped => "aviso-omitido",
        JournalKind.MessageReceived => "mensaje-recibido",
        JournalKind.UserTaskCompleted => "tarea-completada",
        JournalKind.EffectDelivered => "efecto-entregado",
        JournalKind.EffectFailed => "efecto-fallido",
        JournalKind.Decision => "decision",
        JournalKind.Join => "union",
        JournalKind.End => "fin",
        JournalKind.Incident => "incidente",
        JournalKind.IncidentRetried => "incidente-reintentado",
        JournalKind.IncidentSkipped => "incidente-omitido",
        JournalKind.InstanceSuspended => "instancia-suspendida",
        JournalKind.InstanceResumed => "instancia-reanudada",
        JournalKind.InstanceCancelled => "instancia-cancelada",
        JournalKind.InstanceCompleted => "instancia-completada",
        JournalKind.EventRefused => "evento-rechazado",
        JournalKind.DefinitionImported => "definicion-importada",
        JournalKind.DefinitionPublished => "definicion-publicada",
        JournalKind.DefinitionRetired => "definicion-retirada",
        JournalKind.InstanceMigrated => "instancia-migrada",
        JournalKind.TimerRescheduled => "temporizador-reprogramado",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
