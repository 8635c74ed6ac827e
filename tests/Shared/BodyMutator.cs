using System.Text;

namespace StreamJobs.Tests.Shared;

/// <summary>
/// Seeded random mutations of valid sample bodies: bit flips, truncation, duplicated or removed segments, inserted
/// invalid UTF-8 and lone escaped surrogates, deep nesting, huge numbers. The seed comes from STREAMJOBS_FUZZ_SEED when set
/// (to replay a failure) and is printed in every failure message.
/// </summary>
/// <remarks>Shared by the test projects that fuzz decoders (linked, not referenced).</remarks>
internal sealed class BodyMutator
{
    private static readonly byte[][] Tokens =
    [
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], "\\ud800"u8.ToArray(), "\\udc00\\ud800"u8.ToArray(),
        "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "null"u8.ToArray(), "1e999"u8.ToArray(), "-99999999999999999999999"u8.ToArray(), "18446744073709551616"u8.ToArray(),
        "{}"u8.ToArray(), "[1]"u8.ToArray(), "\"x\""u8.ToArray(), "true"u8.ToArray(), [0x00], [0x80], [0x0A],
    ];

    private readonly Random _random;

    public BodyMutator(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>Budget per parser: STREAMJOBS_FUZZ_SECONDS, else 2 s.</summary>
    public static TimeSpan Budget =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("STREAMJOBS_FUZZ_SECONDS"), out var s) ? s : 2);

    public static BodyMutator Create() =>
        new(int.TryParse(Environment.GetEnvironmentVariable("STREAMJOBS_FUZZ_SEED"), out var seed) ? seed : Random.Shared.Next());

    /// <summary>Runs <paramref name="check"/> on mutated samples until the budget is spent; a failure names the seed and input.</summary>
    public int Run(IReadOnlyList<byte[]> samples, Action<byte[]> check)
    {
        var deadline = DateTime.UtcNow + Budget;
        int runs = 0;
        do
        {
            var input = Mutate(samples[_random.Next(samples.Count)]);
            try
            {
                check(input);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException(
                    $"fuzz failure (replay with STREAMJOBS_FUZZ_SEED={Seed}), run {runs}, input {input.Length} bytes: " +
                    $"{Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 256)))}\n{e}");
            }

            runs++;
        }
        while (DateTime.UtcNow < deadline);
        return runs;
    }

    public byte[] Mutate(byte[] sample)
    {
        var bytes = new List<byte>(sample);
        int edits = 1 + _random.Next(4);
        for (int i = 0; i < edits; i++)
        {
            int at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2 when bytes.Count > 0:
                    int length = _random.Next(1, Math.Min(64, bytes.Count - at) + 1);
                    var segment = bytes.GetRange(at, length);
                    int copies = _random.Next(1, 50);
                    for (int c = 0; c < copies; c++) bytes.InsertRange(at, segment);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, _random.Next(1, Math.Min(16, bytes.Count - at) + 1));
                    break;
                case 4:
                    bytes.InsertRange(at, Tokens[_random.Next(Tokens.Length)]);
                    break;
                case 5:
                    int depth = _random.Next(1, 300);
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', _random.Next(2) == 0 ? depth : 0)));
                    break;
                case 6 when bytes.Count > 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                default:
                    bytes.Insert(at, (byte)_random.Next(256));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
