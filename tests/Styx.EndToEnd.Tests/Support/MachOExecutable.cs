using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Styx.EndToEnd.Tests.Support;

/// <summary>
/// What a Mac would check before running a 64-bit Mach-O file, read on Linux where the file cannot run: its header
/// (mach-o/loader.h: magic, CPU type, file type) and its code signature (the LC_CODE_SIGNATURE load command pointing at
/// a SuperBlob whose CodeDirectory holds one SHA-256 per page of the file up to the signature). Apple silicon refuses
/// to run arm64 code without a valid signature; an ad-hoc one (no certificate) is enough.
/// </summary>
internal sealed record MachOExecutable(uint Magic, uint CpuType, uint FileType, MachOExecutable.CodeDirectory? Signature)
{
    public const uint Magic64 = 0xFEEDFACF;
    public const uint CpuTypeArm64 = 0x0100000C;
    public const uint FileTypeExecute = 2;

    private const uint LoadCommandCodeSignature = 0x1D;
    private const uint SuperBlobMagic = 0xFADE0CC0;
    private const uint CodeDirectoryMagic = 0xFADE0C02;
    private const byte HashTypeSha256 = 2;

    /// <summary>CS_ADHOC: signed without a certificate, as <c>codesign --sign -</c> does.</summary>
    public const uint FlagAdHoc = 0x2;

    /// <param name="CodeLimit">Bytes of the file the page hashes cover.</param>
    /// <param name="SignatureOffset">Where the signature starts in the file (a whole-file signature covers everything before it).</param>
    /// <param name="Pages">Page hashes in the CodeDirectory.</param>
    /// <param name="MismatchedPages">Pages whose SHA-256 differs from the CodeDirectory's (a file changed after signing).</param>
    public sealed record CodeDirectory(uint Flags, string Identifier, byte HashType, long CodeLimit, long SignatureOffset, int Pages, int MismatchedPages);

    public static MachOExecutable Read(string path)
    {
        var file = File.ReadAllBytes(path);
        var header = file.AsSpan();
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var cpuType = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var fileType = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (magic != Magic64)
        {
            return new MachOExecutable(magic, cpuType, fileType, null);
        }

        var commands = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        var offset = 32;  // sizeof(struct mach_header_64)
        for (var i = 0; i < commands; i++)
        {
            var command = BinaryPrimitives.ReadUInt32LittleEndian(header[offset..]);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + 4)..]);
            if (command == LoadCommandCodeSignature)
            {
                // struct linkedit_data_command { cmd, cmdsize, dataoff, datasize }
                var dataOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[(offset + 8)..]);
                return new MachOExecutable(magic, cpuType, fileType, ReadCodeDirectory(file, dataOffset));
            }

            offset += size;
        }

        return new MachOExecutable(magic, cpuType, fileType, null);
    }

    /// <summary>The signature's blobs are big-endian, unlike the rest of an arm64 Mach-O file.</summary>
    private static CodeDirectory? ReadCodeDirectory(byte[] file, int superBlob)
    {
        var blob = file.AsSpan(superBlob);
        if (BinaryPrimitives.ReadUInt32BigEndian(blob) != SuperBlobMagic)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(blob[8..]);
        for (var i = 0; i < count; i++)
        {
            var at = superBlob + (int)BinaryPrimitives.ReadUInt32BigEndian(blob[(12 + (8 * i) + 4)..]);
            var directory = file.AsSpan(at);
            if (BinaryPrimitives.ReadUInt32BigEndian(directory) != CodeDirectoryMagic)
            {
                continue;
            }

            // struct CS_CodeDirectory: magic, length, version, flags, hashOffset, identOffset, nSpecialSlots,
            // nCodeSlots, codeLimit, hashSize, hashType, platform, pageSize (log2), ...
            var flags = BinaryPrimitives.ReadUInt32BigEndian(directory[12..]);
            var hashOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(directory[16..]);
            var identOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(directory[20..]);
            var codeSlots = (int)BinaryPrimitives.ReadUInt32BigEndian(directory[28..]);
            var codeLimit = BinaryPrimitives.ReadUInt32BigEndian(directory[32..]);
            var hashSize = directory[36];
            var hashType = directory[37];
            var pageSize = 1 << directory[39];
            var identifier = directory[identOffset..];
            identifier = identifier[..identifier.IndexOf((byte)0)];

            var mismatched = 0;
            for (var page = 0; page < codeSlots; page++)
            {
                var start = (long)page * pageSize;
                var length = (int)Math.Min(pageSize, codeLimit - start);
                var expected = directory.Slice(hashOffset + (page * hashSize), hashSize);
                if (hashType != HashTypeSha256 || !SHA256.HashData(file.AsSpan((int)start, length))[..hashSize].AsSpan().SequenceEqual(expected))
                {
                    mismatched++;
                }
            }

            return new CodeDirectory(flags, Encoding.ASCII.GetString(identifier), hashType, codeLimit, superBlob, codeSlots, mismatched);
        }

        return null;
    }
}
