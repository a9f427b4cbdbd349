using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;

namespace Focalizacion.Documents.Tests;

public sealed class RoundTripTests
{
    [TestCase(Stage.Final)]
    [TestCase(Stage.Preliminar)]
    public void Exporting_a_focalizacion_and_uploading_the_export_gives_back_the_same_focalizacion(Stage stage)
    {
        var stored = Samples.Nuble(stage);
        var xlsx = TemplateWriter.Write("NB", 2027, stage, stored);

        var read = WorkbookReader.Read(new MemoryStream(xlsx), "NB", 2027, stage);

        Assert.That(read.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(FocalizacionJson.Serialize(read.Focalizacion!), Is.EqualTo(FocalizacionJson.Serialize(stored)));
        Assert.That(FocalizacionDiff.Compare(stored, read.Focalizacion!), Is.Empty);
    }

    [Test]
    public void A_non_seekable_upload_is_read_the_same()
    {
        var stored = Samples.Nuble();
        var xlsx = TemplateWriter.Write("NB", 2027, Stage.Final, stored);

        var read = WorkbookReader.Read(new NonSeekable(xlsx), "NB", 2027, Stage.Final);

        Assert.That(read.IsValid, Is.True, string.Join("\n", read.Problems));
    }

    [Test]
    public void Json_is_stable_and_reads_back()
    {
        var stored = Samples.Nuble();
        var json = FocalizacionJson.Serialize(stored);

        Assert.That(FocalizacionJson.Serialize(FocalizacionJson.Deserialize(json)), Is.EqualTo(json));
        Assert.That(json, Does.StartWith("{\"region\":\"NB\",\"budgetYear\":2027,\"stage\":\"final\",\"lines\":[{\"instrument\":\"Crece\""));
        Assert.That(json, Does.Contain("\"sessionDate\":\"2026-12-15\""));
        Assert.That(json, Does.Contain("\"kind\":\"wholeRegion\""));
    }

    [Test]
    public void The_empty_template_lists_every_instrument_and_uploading_it_unfilled_names_the_missing_cells()
    {
        var xlsx = TemplateWriter.Write("NB", 2027, Stage.Preliminar);

        var read = WorkbookReader.Read(new MemoryStream(xlsx), "NB", 2027, Stage.Preliminar);

        Assert.That(read.IsValid, Is.False);
        Assert.That(read.Problems.Select(p => p.ToString()), Has.Member("Focalización!D6: falta «Focaliza»: escriba «Sí», o «No» si el instrumento no se focaliza"));
        Assert.That(read.Problems.Select(p => p.ToString()), Has.Member("Focalización!D12: falta «Focaliza»: escriba «Sí», o «No» si el instrumento no se focaliza"));
    }

    private sealed class NonSeekable(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
