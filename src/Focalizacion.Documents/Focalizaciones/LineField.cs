namespace Focalizacion.Documents.Focalizaciones;

/// <summary>The fields of a line, as the rules, the diff and the template name them.</summary>
public enum LineField
{
    Instrument,
    Action,
    Description,
    Focalizes,
    Territorial,
    Sectors,
    Gender,
    Ethnicity,
    AgeRange,
    Budget,
    Coverage,
    Commitment,
    CommitmentWhich,
    StrategicObjective,
    Challenge,
}

/// <summary>The Spanish names of <see cref="LineField"/>, as the template's headers and the messages say them.</summary>
public static class LineFields
{
    public static string Label(LineField field) => field switch
    {
        LineField.Instrument => "Instrumento",
        LineField.Action => "Acción o proyecto",
        LineField.Description => "Descripción y orientación estratégica",
        LineField.Focalizes => "Focaliza",
        LineField.Territorial => "Criterio territorial",
        LineField.Sectors => "Sectores",
        LineField.Gender => "Género",
        LineField.Ethnicity => "Etnia",
        LineField.AgeRange => "Rango etario",
        LineField.Budget => "Presupuesto ($)",
        LineField.Coverage => "Cobertura estimada (beneficiarios)",
        LineField.Commitment => "Compromiso de gobierno",
        LineField.CommitmentWhich => "Cuál compromiso",
        LineField.StrategicObjective => "Objetivo estratégico",
        LineField.Challenge => "Desafío u oportunidad",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
