using System.Security.Cryptography;
using System.Text;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Message-IDs derived from the outbox idempotency key, so a retried send carries the same
/// Message-ID and receiving systems (and the pickup folder) can recognise the duplicate.
/// </summary>
public static class MessageIds
{
    public const string Domain = "focalizacion.sercotec.cl";

    /// <summary>The Message-ID without angle brackets ("3f2a…@focalizacion.sercotec.cl").</summary>
    public static string For(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return $"{Hash(idempotencyKey)}@{Domain}";
    }

    /// <summary>The pickup-folder file name for a Message-ID: "&lt;local part&gt;.eml".</summary>
    public static string FileName(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var bare = messageId.Trim('<', '>');
        var local = bare.Split('@')[0];
        // Only hex local parts are ours; anything else is hashed so the name is always safe.
        return (local.Length == 32 && local.All(char.IsAsciiHexDigitLower) ? local : Hash(bare)) + ".eml";
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
