using System.Net;
using StreamJobs.Cassandra.Protocol;
using StreamJobs.Cassandra.Tests.Support;

namespace StreamJobs.Cassandra.Tests.Protocol;

public sealed class ValueCodecTests
{
    public static TheoryData<ColumnTypeCode, object> Scalars => new()
    {
        { ColumnTypeCode.Varchar, "zürich ☃" },
        { ColumnTypeCode.Ascii, "plain" },
        { ColumnTypeCode.Int, -123456 },
        { ColumnTypeCode.Bigint, long.MinValue + 1 },
        { ColumnTypeCode.Boolean, true },
        { ColumnTypeCode.Double, Math.PI },
        { ColumnTypeCode.Float, -1.5f },
        { ColumnTypeCode.Timestamp, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123) },
        { ColumnTypeCode.Uuid, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") },
        { ColumnTypeCode.Timeuuid, Guid.Parse("9f1e6a40-8b1f-11ee-b9d1-0242ac120002") },
        { ColumnTypeCode.Blob, new byte[] { 0, 255, 7 } },
        { ColumnTypeCode.Inet, IPAddress.Parse("10.1.2.3") },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalars_round_trip_through_their_column_type(ColumnTypeCode code, object value)
    {
        var type = ColumnType.Scalar(code);
        var decoded = ValueCodec.Decode(type, ResponseBodies.Encode(value, type));
        Assert.Equal(value, decoded);
        Assert.IsType(type.ClrType, decoded);
    }

    [Fact]
    public void Uuid_bytes_are_in_rfc_4122_order()
    {
        var bytes = ResponseBodies.Encode(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"));
        Assert.Equal(Convert.FromHexString("00112233445566778899aabbccddeeff"), bytes);
    }

    [Fact]
    public void Collections_round_trip_as_list_hashset_and_dictionary()
    {
        var list = ColumnType.ListOf(ColumnType.Scalar(ColumnTypeCode.Varchar));
        var set = ColumnType.SetOf(ColumnType.Scalar(ColumnTypeCode.Int));
        var map = ColumnType.MapOf(ColumnType.Scalar(ColumnTypeCode.Varchar), ColumnType.Scalar(ColumnTypeCode.Bigint));

        var l = Assert.IsType<List<string>>(ValueCodec.Decode(list, ResponseBodies.Encode(new[] { "a", "b", "a" }, list)));
        var s = Assert.IsType<HashSet<int>>(ValueCodec.Decode(set, ResponseBodies.Encode(new HashSet<int> { 3, 1 }, set)));
        var m = Assert.IsType<Dictionary<string, long>>(
            ValueCodec.Decode(map, ResponseBodies.Encode(new Dictionary<string, long> { ["x"] = 1, ["y"] = -2 }, map)));

        Assert.Equal(["a", "b", "a"], l);
        Assert.True(s.SetEquals([1, 3]));
        Assert.Equal(-2, m["y"]);
        Assert.Equal(2, m.Count);
    }

    [Fact]
    public void Known_column_types_convert_compatible_numbers()
    {
        var bigint = ColumnType.Scalar(ColumnTypeCode.Bigint);
        Assert.Equal(42L, ValueCodec.Decode(bigint, ResponseBodies.Encode(42, bigint)));
    }

    [Fact]
    public void Clr_types_pick_the_cql_encoding_without_a_column_type()
    {
        Assert.Equal(4, ResponseBodies.Encode(1).Length);
        Assert.Equal(8, ResponseBodies.Encode(1L).Length);
        Assert.Equal(16, ResponseBodies.Encode(Guid.NewGuid()).Length);
        Assert.Equal(8, ResponseBodies.Encode(DateTime.UtcNow).Length);
    }

    [Fact]
    public void Mismatched_value_names_the_column_and_types()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ResponseBodies.Encode("not a uuid", ColumnType.Scalar(ColumnTypeCode.Uuid)));
        Assert.Contains("String", e.Message);
        Assert.Contains("uuid", e.Message);
    }

    [Fact]
    public void Unsupported_clr_type_gets_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => ResponseBodies.Encode(new object()));
        Assert.Contains("Cannot encode a Object", e.Message);
    }

    [Fact]
    public void Wrong_sized_cell_is_a_protocol_violation()
    {
        Assert.Throws<CqlProtocolViolationException>(() =>
            ValueCodec.Decode(ColumnType.Scalar(ColumnTypeCode.Int), new byte[] { 1, 2 }));
    }
}
