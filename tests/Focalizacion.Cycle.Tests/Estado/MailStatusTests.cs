using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Tests.Correo;
using Focalizacion.Runtime;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Estado;

public sealed class MailStatusTests
{
    private static readonly Duration AlertAfter = Duration.FromMinutes(30);

    /// <summary>The email as a detail names it once rendered (its subject) …</summary>
    private const string Rendered = "«Oficio N° 1/2026: inicio de la Focalización Regional 2027 — Ñuble» (NB)";

    /// <summary>… and before its first attempt rendered it (its task).</summary>
    private const string Unrendered = "la tarea «Enviar» (NB)";

    [Test]
    public async Task A_server_that_refuses_mail_makes_it_degraded_with_the_oldest_waiting_and_the_last_error_until_it_goes()
    {
        await using var mail = await MailDelivery.CreateAsync();
        await mail.StartAsync();
        var due = await ReadAsync(mail);
        mail.Sink.RefuseConnections();
        await mail.Runtime.Outbox.DeliverDueAsync();
        mail.Clock.Advance(Duration.FromMinutes(3));
        var refused = await ReadAsync(mail);
        mail.Sink.AcceptConnections();
        await mail.Runtime.Outbox.DeliverDueAsync(); // the first retry is due a minute after the failure
        var sent = await ReadAsync(mail);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((due.Degraded, due.Pending, due.Failing), Is.EqualTo((false, 1, 0)));
            Assert.That(due.Detail, Is.EqualTo("El correo sale al día: 1 mensaje pendiente, el más antiguo desde hace 0 min"));
            Assert.That((refused.Degraded, refused.Pending, refused.Failing, refused.Incidents), Is.EqualTo((true, 1, 1, 0)));
            Assert.That(refused.Oldest!.Since, Is.EqualTo(MailDelivery.Start));
            Assert.That(refused.LastFailure!.At, Is.EqualTo(MailDelivery.Start));
            Assert.That(refused.Detail, Is.EqualTo(
                "El correo no está saliendo: 1 mensaje cuyo último intento falló. 1 mensaje pendiente; el más antiguo, " + Rendered +
                ", espera desde el 2026-03-02 09:00 (hace 3 min). Último error (hace 3 min): «4.3.2 Service not available»"));
            Assert.That((sent.Degraded, sent.Pending, sent.Oldest, sent.LastFailure), Is.EqualTo((false, 0, (WaitingMail?)null, (MailFailure?)null)));
            Assert.That(sent.Detail, Is.EqualTo("El correo sale al día: no hay mensajes pendientes"));
        }
    }

    // Each row: how long the email has waited without any attempt failing (no worker delivers it), and the status.
    [TestCase(29, false, "El correo sale al día: 1 mensaje pendiente, el más antiguo desde hace 29 min")] // within the alert
    [TestCase(31, true, "El correo no está saliendo: un mensaje espera hace más de 30 min. 1 mensaje pendiente; el más antiguo, " + Unrendered + ", espera desde el 2026-03-02 09:00 (hace 31 min)")] // past it
    [TestCase(3 * 60 + 5, true, "El correo no está saliendo: un mensaje espera hace más de 30 min. 1 mensaje pendiente; el más antiguo, " + Unrendered + ", espera desde el 2026-03-02 09:00 (hace 3 h 5 min)")] // hours
    public async Task An_email_waiting_longer_than_the_alert_makes_it_degraded_even_without_failures(int minutes, bool degraded, string detail)
    {
        await using var mail = await MailDelivery.CreateAsync();
        await mail.StartAsync();
        mail.Clock.Advance(Duration.FromMinutes(minutes));

        var status = await ReadAsync(mail);

        Assert.That((status.Degraded, status.Failing, status.Detail), Is.EqualTo((degraded, 0, detail)));
    }

    [Test]
    public async Task A_suspended_cycles_email_waits_on_purpose_and_an_incident_is_degraded()
    {
        await using var mail = await MailDelivery.CreateAsync(options: CycleRuntime.Options with { MaxAttempts = 1 });
        var id = await mail.StartAsync();
        await mail.Runtime.Instances.SuspendAsync(id, Actor.Cli("operadora"));
        mail.Clock.Advance(Duration.FromHours(2));
        var suspended = await ReadAsync(mail);
        await mail.Runtime.Instances.ResumeAsync(id, Actor.Cli("operadora"));
        mail.Sink.RefuseConnections();
        await mail.Runtime.Outbox.DeliverDueAsync(); // the only attempt fails: an incident
        var incident = await ReadAsync(mail);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((suspended.Degraded, suspended.Pending), Is.EqualTo((false, 0)));
            Assert.That((incident.Degraded, incident.Pending, incident.Failing, incident.Incidents), Is.EqualTo((true, 0, 0, 1)));
            Assert.That(incident.Detail, Is.EqualTo(
                "El correo no está saliendo: 1 mensaje que dejó de intentarse y espera a un operador. Último error (hace 0 min): «4.3.2 Service not available»"));
        }
    }

    private static Task<MailStatus> ReadAsync(MailDelivery mail) => MailStatus.ReadAsync(mail.Database.Store, mail.Clock, AlertAfter);
}
