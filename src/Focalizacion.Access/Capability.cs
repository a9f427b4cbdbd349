namespace Focalizacion.Access;

/// <summary>What a caller may do, beyond seeing its regions' data (<see cref="AccessPolicy"/> says who may).</summary>
public enum Capability
{
    /// <summary>Read cycles, deadlines, oficios and each cycle's journal (of the regions it sees).</summary>
    Leer,

    /// <summary>Read the whole journal, across regions and of no region.</summary>
    LeerDiarioCompleto,

    /// <summary>Record Sercotec's events: presupuesto exploratorio, observaciones, montos preliminares.</summary>
    RegistrarEventosSercotec,

    /// <summary>Record the GORE's events: preliminary and final focalización received.</summary>
    RegistrarEventosGore,

    /// <summary>Review a received focalización final: confirm or override its conformity, with the reason and the observations.</summary>
    RevisarFocalizacion,

    /// <summary>Run simulations (never touch live data).</summary>
    Simular,

    /// <summary>Upload, publish and retire workflow definitions.</summary>
    AdministrarDefiniciones,

    /// <summary>Edit email templates.</summary>
    AdministrarPlantillas,

    /// <summary>Edit the recipients directory.</summary>
    AdministrarDirectorio,

    /// <summary>Create and deactivate users.</summary>
    AdministrarUsuarios,

    /// <summary>Retry or skip incidents.</summary>
    ResolverIncidentes,

    /// <summary>Enter an oficio's DocDigital folio and number (the Oficina de Partes).</summary>
    RegistrarDocDigital,

    /// <summary>Read definitions, templates, the directory, incidents, users (everything an administrator manages).</summary>
    LeerAdministracion,

    /// <summary>Export every region's applicable focalización of a year (for Sercotec's Plan de Ejecución).</summary>
    ExportarFocalizacionNacional,
}
