using System.Collections;
using System.Collections.Concurrent;
using System.Net;

namespace StreamJobs.Cassandra.Protocol;

/// <summary>A column's type as sent in result metadata ([option]), with the CLR type its values decode to.</summary>
internal sealed class ColumnType
{
    private static readonly ConcurrentDictionary<Type, Func<int, IList>> ListFactories = new();
    private static readonly ConcurrentDictionary<Type, Func<IList, object>> SetFactories = new();
    private static readonly ConcurrentDictionary<(Type, Type), Func<int, IDictionary>> MapFactories = new();

    private ColumnType(ColumnTypeCode code, ColumnType? key, ColumnType? value, string? customName)
    {
        Code = code == ColumnTypeCode.Text ? ColumnTypeCode.Varchar : code;
        Key = key;
        Value = value;
        CustomName = customName;
        ClrType = ClrTypeOf(Code, key, value);
    }

    public ColumnTypeCode Code { get; }

    /// <summary>Element type of a list or set, key type of a map.</summary>
    public ColumnType? Key { get; }

    /// <summary>Value type of a map.</summary>
    public ColumnType? Value { get; }

    public string? CustomName { get; }

    /// <summary>The CLR type values of this column decode to (e.g. <c>List&lt;string&gt;</c> for list&lt;text&gt;).</summary>
    public Type ClrType { get; }

    public static ColumnType Scalar(ColumnTypeCode code) => new(code, null, null, null);

    public static ColumnType ListOf(ColumnType element) => new(ColumnTypeCode.List, element, null, null);

    public static ColumnType SetOf(ColumnType element) => new(ColumnTypeCode.Set, element, null, null);

    public static ColumnType MapOf(ColumnType key, ColumnType value) => new(ColumnTypeCode.Map, key, value, null);

    /// <summary>Reads an [option] type descriptor.</summary>
    public static ColumnType Read(ref FrameReader reader)
    {
        var code = (ColumnTypeCode)reader.ReadUShort();
        switch (code)
        {
            case ColumnTypeCode.Custom:
                return new ColumnType(code, null, null, reader.ReadString());
            case ColumnTypeCode.List:
            case ColumnTypeCode.Set:
                return new ColumnType(code, Read(ref reader), null, null);
            case ColumnTypeCode.Map:
                var key = Read(ref reader);
                return new ColumnType(code, key, Read(ref reader), null);
            case ColumnTypeCode.Udt:
                reader.ReadString();
                string name = reader.ReadString();
                int fields = reader.ReadUShort();
                for (int i = 0; i < fields; i++)
                {
                    reader.ReadString();
                    Read(ref reader);
                }

                return new ColumnType(code, null, null, name);
            case ColumnTypeCode.Tuple:
                int n = reader.ReadUShort();
                for (int i = 0; i < n; i++)
                {
                    Read(ref reader);
                }

                return new ColumnType(code, null, null, null);
            default:
                if (!Enum.IsDefined(code))
                {
                    // Newer servers add types (date, time, smallint, duration, ...): keep them readable as bytes.
                    return new ColumnType(ColumnTypeCode.Custom, null, null, $"0x{(ushort)code:x4}");
                }

                return new ColumnType(code, null, null, null);
        }
    }

    /// <summary>A new, empty <c>List&lt;T&gt;</c> of this list's or set's element type.</summary>
    public IList NewElementList(int count) => ListFactories.GetOrAdd(Key!.ClrType, MakeListFactory)(count);

    /// <summary>Turns a list from <see cref="NewElementList"/> into this set type's <c>HashSet&lt;T&gt;</c>.</summary>
    public object ToSet(IList elements) => SetFactories.GetOrAdd(Key!.ClrType, MakeSetFactory)(elements);

    /// <summary>A new, empty <c>Dictionary&lt;K, V&gt;</c> of this map type.</summary>
    public IDictionary NewMap(int count) => MapFactories.GetOrAdd((Key!.ClrType, Value!.ClrType), MakeMapFactory)(count);

    public override string ToString() => Code switch
    {
        ColumnTypeCode.List => $"list<{Key}>",
        ColumnTypeCode.Set => $"set<{Key}>",
        ColumnTypeCode.Map => $"map<{Key}, {Value}>",
        ColumnTypeCode.Custom => $"custom({CustomName})",
        _ => Code.ToString().ToLowerInvariant(),
    };

    private static Type ClrTypeOf(ColumnTypeCode code, ColumnType? key, ColumnType? value) => code switch
    {
        ColumnTypeCode.Ascii or ColumnTypeCode.Varchar => typeof(string),
        ColumnTypeCode.Bigint or ColumnTypeCode.Counter => typeof(long),
        ColumnTypeCode.Boolean => typeof(bool),
        ColumnTypeCode.Double => typeof(double),
        ColumnTypeCode.Float => typeof(float),
        ColumnTypeCode.Int => typeof(int),
        ColumnTypeCode.Timestamp => typeof(DateTimeOffset),
        ColumnTypeCode.Uuid or ColumnTypeCode.Timeuuid => typeof(Guid),
        ColumnTypeCode.Inet => typeof(IPAddress),
        ColumnTypeCode.List => typeof(List<>).MakeGenericType(key!.ClrType),
        ColumnTypeCode.Set => typeof(HashSet<>).MakeGenericType(key!.ClrType),
        ColumnTypeCode.Map => typeof(Dictionary<,>).MakeGenericType(key!.ClrType, value!.ClrType),
        _ => typeof(byte[]),
    };

    private static Func<int, IList> MakeListFactory(Type element) =>
        CreateFactory<Func<int, IList>>(nameof(NewList), element);

    private static Func<IList, object> MakeSetFactory(Type element) =>
        CreateFactory<Func<IList, object>>(nameof(NewSet), element);

    private static Func<int, IDictionary> MakeMapFactory((Type Key, Type Value) types) =>
        CreateFactory<Func<int, IDictionary>>(nameof(NewMap), types.Key, types.Value);

    // Built once per element type and cached, so decoding a collection never reflects per row.
    private static TDelegate CreateFactory<TDelegate>(string method, params Type[] args)
        where TDelegate : Delegate =>
        typeof(ColumnType).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(args)
            .CreateDelegate<TDelegate>();

    private static IList NewList<T>(int count) => new List<T>(count);

    private static object NewSet<T>(IList elements) => new HashSet<T>((List<T>)elements);

    private static IDictionary NewMap<TKey, TValue>(int count)
        where TKey : notnull => new Dictionary<TKey, TValue>(count);
}
