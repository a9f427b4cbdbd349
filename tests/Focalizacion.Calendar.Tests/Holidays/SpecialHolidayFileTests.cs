using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using static Focalizacion.Calendar.Tests.Dates;

namespace Focalizacion.Calendar.Tests.Holidays;

public class SpecialHolidayFileTests
{
    private const string Header = "# comentario\n\n";

    [Test]
    public void Parses_national_and_regional_lines_ignoring_comments_and_blank_lines()
    {
        var file = SpecialHolidayFile.Parse(Header + "agregar;2022-09-16;nacional;Feriado único;Ley X\nquitar ; 2023-05-21 ; regional:AN ; Algo ; Ley Y\n", "f.csv");
        Assert.That(file.Entries, Is.EqualTo(new[]
        {
            new SpecialHolidayEntry(SpecialHolidayAction.Add, Holiday.National(D("2022-09-16"), "Feriado único", "Ley X"), 3),
            new SpecialHolidayEntry(SpecialHolidayAction.Remove, Holiday.Regional(D("2023-05-21"), "Algo", "Ley Y", "AN"), 4),
        }));
    }

    [TestCase("agregar;2022-09-16;nacional;Sin base", 3, "se esperaban 5 campos")] // a field missing
    [TestCase("añadir;2022-09-16;nacional;X;Ley", 3, "la acción «añadir» no existe")] // unknown action
    [TestCase("agregar;2023-02-30;nacional;X;Ley", 3, "la fecha «2023-02-30» no es una fecha válida")] // impossible date
    [TestCase("agregar;16-09-2022;nacional;X;Ley", 3, "no es una fecha válida")] // day-first date
    [TestCase("agregar;2019-09-16;nacional;X;Ley", 3, "fuera de los años")] // before the calendar
    [TestCase("agregar;2022-09-16;provincial;X;Ley", 3, "el ámbito «provincial» no existe")] // unknown scope
    [TestCase("agregar;2022-09-16;regional:ZZ;X;Ley", 3, "la región «ZZ» no existe")] // unknown region
    [TestCase("agregar;2022-09-16;nacional; ;Ley", 3, "falta el nombre")] // blank name
    [TestCase("agregar;2022-09-16;nacional;X;", 3, "falta la base legal")] // blank basis
    public void A_bad_line_is_an_error_naming_the_file_and_line(string line, int lineNumber, string reason)
    {
        var error = Assert.Throws<CalendarDataException>(() => SpecialHolidayFile.Parse(Header + line, "feriados.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(lineNumber));
            Assert.That(error.Message, Does.StartWith($"feriados.csv, línea {lineNumber}: "));
            Assert.That(error.Message, Does.Contain(reason));
        });
    }

    [Test]
    public void The_first_bad_line_is_named_even_after_good_lines()
    {
        var text = "agregar;2022-09-16;nacional;A;Ley\nagregar;2022-09-17;nacional;B;Ley\nagregar;2022-13-01;nacional;C;Ley\n";
        var error = Assert.Throws<CalendarDataException>(() => SpecialHolidayFile.Parse(text, "f.csv"));
        Assert.That(error.LineNumber, Is.EqualTo(3));
    }

    [Test]
    public void Removing_a_day_that_no_rule_makes_a_holiday_is_an_error()
    {
        var file = SpecialHolidayFile.Parse("quitar;2026-05-22;nacional;Nada;Ley", "f.csv");
        var error = Assert.Throws<CalendarDataException>(() => HolidayCalendar.Create(file));
        Assert.That(error.Message, Does.StartWith("f.csv, línea 1: «quitar» 2026-05-22"));
    }

    [Test]
    public void Adding_a_holiday_the_rules_already_give_is_an_error()
    {
        var file = SpecialHolidayFile.Parse("\nagregar;2026-05-21;nacional;Día de las Glorias Navales;Ley", "f.csv");
        var error = Assert.Throws<CalendarDataException>(() => HolidayCalendar.Create(file));
        Assert.That(error.LineNumber, Is.EqualTo(2));
    }

    [Test]
    public void The_shipped_file_is_valid_and_holds_the_special_laws()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Data", SpecialHolidayFile.ShippedFileName);
        var calendar = HolidayCalendar.Create(SpecialHolidayFile.Parse(File.ReadAllText(path), path));
        var antofagasta = RegionRegistry.ByIsoSuffix("AN");
        var santiago = RegionRegistry.ByIsoSuffix("RM");
        Assert.Multiple(() =>
        {
            Assert.That(calendar.For(2022).Select(h => h.Date), Does.Contain(D("2022-09-16")));
            Assert.That(calendar.For(2023, antofagasta).Select(h => h.Date), Does.Contain(D("2023-09-08")));
            Assert.That(calendar.For(2023, santiago).Select(h => h.Date), Does.Not.Contain(D("2023-09-08")));
            // Ley 21.693 kept Saturday 26 October 2024 a working day; only the Sunday was a holiday.
            Assert.That(calendar.For(2024).Select(h => h.Date), Does.Contain(D("2024-10-27")).And.Not.Contain(D("2024-10-26")));
        });
    }
}
