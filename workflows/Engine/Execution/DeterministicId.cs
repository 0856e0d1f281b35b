using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// Ids derived from (instance, step sequence, index): a step that runs again after a rollback produces the same
/// effect and wait ids, so nothing downstream can count it twice.
/// </summary>
internal static class DeterministicId
{
    public static Guid For(Guid instanceId, long sequence, int index, byte purpose)
    {
        Span<byte> input = stackalloc byte[16 + 8 + 4 + 1];
        instanceId.TryWriteBytes(input);
        BinaryPrimitives.WriteInt64BigEndian(input[16..], sequence);
        BinaryPrimitives.WriteInt32BigEndian(input[24..], index);
        input[28] = purpose;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        // RFC 9562 version 8 (custom) with the RFC variant bits.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    public const byte Effect = 1;
    public const byte Wait = 2;
}
