using System.Text;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Collects rendered text in memory and refuses, with a <see cref="TemplateLimitException"/>, the
/// write that would take it past <paramref name="limit"/> characters, so an over-long output is
/// stopped as it crosses the bound instead of after it was built.
/// </summary>
/// <param name="limit">The most characters it holds.</param>
/// <param name="tooLong">The Spanish message when a write would go past it.</param>
internal sealed class BoundedWriter(int limit, string tooLong) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.Unicode;

    public int Length => _text.Length;

    public override void Write(char value)
    {
        Reserve(1);
        _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        _text.Append(buffer);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        _text.Append(value);
    }

    // The async writes complete at once: the text only goes to memory (TextWriter's defaults would
    // queue each one to the thread pool).
    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override string ToString() => _text.ToString();

    private void Reserve(int count)
    {
        if (_text.Length + (long)count > limit)
        {
            throw new TemplateLimitException(tooLong);
        }
    }
}
