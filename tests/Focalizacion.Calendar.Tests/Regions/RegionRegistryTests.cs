using Focalizacion.Calendar.Regions;

namespace Focalizacion.Calendar.Tests.Regions;

public class RegionRegistryTests
{
    [Test]
    public void There_are_sixteen_regions_with_unique_codes()
    {
        Assert.That(RegionRegistry.All, Has.Count.EqualTo(16));
        Assert.That(RegionRegistry.All.Select(r => r.Cut), Is.Unique);
        Assert.That(RegionRegistry.All.Select(r => r.IsoSuffix), Is.Unique);
        Assert.That(RegionRegistry.All.Select(r => r.Slug), Is.Unique);
    }

    [TestCase("NB", "16", "CL-NB", "Chillán", "America/Santiago")] // the ISO suffix
    [TestCase("AP", "15", "CL-AP", "Arica", "America/Santiago")] // northernmost, CUT out of north-south order
    [TestCase("AI", "11", "CL-AI", "Coyhaique", "America/Coyhaique")] // UTC−3 all year since tzdata 2025b
    [TestCase("MA", "12", "CL-MA", "Punta Arenas", "America/Punta_Arenas")] // UTC−3 all year since 2016
    [TestCase("RM", "13", "CL-RM", "Santiago", "America/Santiago")]
    [TestCase("TA", "01", "CL-TA", "Iquique", "America/Santiago")] // CUT with a leading zero
    public void Registry_holds_the_legal_codes_seat_and_zone(string suffix, string cut, string iso, string seat, string zone)
    {
        var region = RegionRegistry.ByIsoSuffix(suffix);
        Assert.Multiple(() =>
        {
            Assert.That(region.Cut, Is.EqualTo(cut));
            Assert.That(region.IsoCode, Is.EqualTo(iso));
            Assert.That(region.Seat, Is.EqualTo(seat));
            Assert.That(region.Zone.Id, Is.EqualTo(zone));
        });
    }

    [TestCase("NB", "NB")] // ISO suffix
    [TestCase("nb", "NB")] // any case
    [TestCase("CL-NB", "NB")] // full ISO code
    [TestCase("16", "NB")] // CUT
    [TestCase("nuble", "NB")] // slug without ñ
    [TestCase("Ñuble", "NB")] // the name as written
    [TestCase("1", "TA")] // CUT without its leading zero
    [TestCase("01", "TA")] // CUT as printed
    [TestCase("los-rios", "LR")] // slug of a two-word name
    [TestCase("ohiggins", "LI")] // a short alias for a long official name
    [TestCase("libertador-general-bernardo-ohiggins", "LI")] // the apostrophe disappears in the slug
    [TestCase("aysen", "AI")]
    [TestCase("magallanes-y-de-la-antartica-chilena", "MA")]
    public void Find_accepts_every_code_people_use(string code, string expectedSuffix) =>
        Assert.That(RegionRegistry.Find(code)?.IsoSuffix, Is.EqualTo(expectedSuffix));

    [TestCase("XX")] // no such ISO suffix
    [TestCase("17")] // no 17th region
    [TestCase("")] // nothing
    [TestCase("0")] // CUT zero
    public void Find_returns_null_for_an_unknown_code(string code) => Assert.That(RegionRegistry.Find(code), Is.Null);
}
