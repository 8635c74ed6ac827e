using System.Text;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>
/// Generates broken variants of a valid body: bit flips, truncation, repeated and deleted slices, invalid UTF-8,
/// deep nesting and huge numbers spliced in. Seeded, so a failure names the seed that reproduces it.
/// </summary>
internal sealed class BodyMutator(int seed)
{
    private static readonly byte[][] Splices =
    [
        [0x80], [0xc0, 0xaf], [0xff, 0xfe], [0xed, 0xa0, 0x80], // not UTF-8
        Encoding.UTF8.GetBytes(new string('[', 5_000)),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2_000))),
        "1e99999"u8.ToArray(), "-99999999999999999999999999"u8.ToArray(), "null"u8.ToArray(), "\"\\ud800\""u8.ToArray(),
        [0x0a, 0xff, 0xff, 0xff, 0xff, 0x07], [0x0b, 0x0b, 0x0b], [0x00],
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] valid)
    {
        var body = new List<byte>(valid);
        int edits = 1 + _random.Next(4);
        for (int i = 0; i < edits && body.Count > 0; i++)
        {
            int at = _random.Next(body.Count);
            switch (_random.Next(6))
            {
                case 0: body[at] ^= (byte)(1 << _random.Next(8)); break;
                case 1: body.RemoveRange(at, body.Count - at); break;
                case 2: body.RemoveRange(at, Math.Min(body.Count - at, 1 + _random.Next(16))); break;
                case 3:
                    int length = Math.Min(body.Count - at, 1 + _random.Next(64));
                    var slice = body.GetRange(at, length);
                    for (int r = _random.Next(1, 200); r > 0; r--) body.InsertRange(at, slice);
                    break;
                case 4: body.InsertRange(at, Splices[_random.Next(Splices.Length)]); break;
                default: body[at] = (byte)_random.Next(256); break;
            }
        }
        return body.ToArray();
    }

    public int Next(int bound) => _random.Next(bound);
}
