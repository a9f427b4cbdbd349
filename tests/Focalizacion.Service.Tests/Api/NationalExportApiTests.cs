using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// The national export holds what the sixteen regions submitted, end to end on the real service: each
/// region's GORE uploads its final (its own amount on the first instrument), Sercotec central records
/// the montos and reviews each conforme, and the national XLSX and CSV give every region's version,
/// totals and lines.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NationalExportApiTests : ApiServiceFixture
{
    private static readonly int Year = AdminApiService.Start.InUtc().Year + 1;

    /// <summary>What region <paramref name="i"/> (in <see cref="RegionRegistry.All"/>'s order) adds to its first instrument, so each region's figures are its own.</summary>
    private static long Extra(int i) => (i + 1) * 1_000L;

    [Test]
    public async Task The_national_export_holds_the_final_each_of_the_sixteen_regions_submitted()
    {
        var regions = RegionRegistry.All;
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i].IsoSuffix;
            var montos = new JsonObject();
            foreach (var instrument in Instruments.All.Where(x => x != FocalizacionSamples.NotFocalized))
            {
                montos[instrument] = FocalizacionSamples.AmountPerInstrument + (instrument == Instruments.All[0] ? Extra(i) : 0);
            }
            await RecordAsync(region, new JsonObject { ["evento"] = CycleEvent.MontosRegistrados, ["datos"] = new JsonObject { ["montos"] = montos } });
            var gore = region switch { "NB" => AdminApiService.GoreNb, "BI" => AdminApiService.GoreBi, _ => await Api.AddGoreAsync(region) };
            var final = FocalizacionSamples.Workbook(FocalizacionSamples.Of(region, Year, Stage.Final, Extra(i)));
            var submitted = await AdminApiService.ReadAsync(await Api.UploadFocalizacionAsync(Year, region, "final", gore, final, FocalizacionSamples.Pdf), HttpStatusCode.Created);
            Assert.That(submitted.GetProperty("conforme").GetBoolean(), Is.True, $"{region}'s final matches its montos");
            await RecordAsync(region, new JsonObject { ["evento"] = CycleEvent.RevisionRegistrada, ["conforme"] = true });
        }
        var outcomes = $"SELECT count(*) FROM focalizaciones WHERE anio_presupuestario = {Year} AND version_id IS NOT NULL";
        Assert.That(await Eventually.WithinAsync(TimeSpan.FromSeconds(120), async () => await Api.Database.ScalarAsync(outcomes) == regions.Count),
            "every region's outcome names its final: " + await Api.Database.ScalarAsync(outcomes));

        using var xlsx = await Api.GetAsync($"/api/v1/focalizaciones/nacional/{Year}", AdminApiService.Auditor);
        Assert.That(xlsx.StatusCode, Is.EqualTo(HttpStatusCode.OK), await xlsx.Content.ReadAsStringAsync());
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var summary = Workbooks.Rows(document, "Resumen");
        var first = Workbooks.Rows(document, Instruments.All[0]);
        Assert.That(summary, Has.Count.EqualTo(2 + regions.Count), "a title, the headers and one row per region");
        Assert.That(first, Has.Count.EqualTo(1 + regions.Count), "the headers and each region's one line of the first instrument");
        var focalized = Instruments.All.Count - 1;
        for (var i = 0; i < regions.Count; i++)
        {
            var amount = FocalizacionSamples.AmountPerInstrument + Extra(i);
            Assert.That(summary[2 + i][..3], Is.EqualTo(new[] { regions[i].Name, "focalización final v1", Text(amount) }), regions[i].IsoSuffix);
            Assert.That(summary[2 + i][^1], Is.EqualTo(Text((focalized * FocalizacionSamples.AmountPerInstrument) + Extra(i))), $"{regions[i].IsoSuffix}'s total");
            Assert.That(first[1 + i][..3], Is.EqualTo(new[] { regions[i].Name, "focalización final v1", $"Programa 1 de {Instruments.All[0]}" }));
            Assert.That(first[1 + i], Does.Contain(Text(amount)), $"{regions[i].IsoSuffix}'s line keeps its budget");
        }

        using var csv = await Api.GetAsync($"/api/v1/focalizaciones/nacional/{Year}?formato=csv", AdminApiService.Auditor);
        var rows = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var region in regions)
        {
            Assert.That(rows.Count(r => r.Contains($";{region.Name};focalización final v1;", StringComparison.Ordinal)), Is.EqualTo(Instruments.All.Count),
                $"{region.IsoSuffix}: one row per instrument (the last «sin focalización»)");
        }
    }

    private static string Text(long amount) => amount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task RecordAsync(string region, JsonObject body)
    {
        using var recorded = await Api.PostAsync($"/api/v1/ciclos/{Year}/{region}/eventos", AdminApiService.Central, body.ToJsonString());
        await AdminApiService.ReadAsync(recorded, HttpStatusCode.Created);
    }
}
