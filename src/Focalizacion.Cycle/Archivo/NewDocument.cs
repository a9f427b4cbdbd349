namespace Focalizacion.Cycle.Archivo;

/// <summary>What is known of a document before it is stored (<see cref="DocumentArchive.StoreAsync"/>): everything but its hash, size and moment.</summary>
/// <param name="Region">The region it belongs to (ISO code).</param>
/// <param name="BudgetYear">The budget year it is about, if any.</param>
/// <param name="Type">One of <see cref="DocumentTypes.All"/>.</param>
/// <param name="Name">The file name to download it with.</param>
/// <param name="MediaType">Its media type.</param>
public sealed record NewDocument(string Region, int? BudgetYear, string Type, string Name, string MediaType);
