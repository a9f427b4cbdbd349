namespace Focalizacion.Cycle.Plantillas;

/// <summary>A template rendered for one email.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);
