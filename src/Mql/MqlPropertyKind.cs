namespace StreamJobs.Mql;

/// <summary>What a schema property holds, for describing a record's shape.</summary>
public enum MqlPropertyKind
{
    /// <summary>A string (also enums and timestamps, written as text).</summary>
    String,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A value of any kind, supplied as an <see cref="MqlValue"/>.</summary>
    Value,

    /// <summary>A nested object with its own properties.</summary>
    Object,

    /// <summary>A list; its item properties are the children, if the items are objects.</summary>
    List,

    /// <summary>A string-keyed map such as tags; keys are not known in advance.</summary>
    Map,

    /// <summary>An embedded JSON value; its shape is not known in advance.</summary>
    Json,

    /// <summary>An IPv4 or IPv6 address: reads as text, matches CIDR blocks with <c>IN '10.0.0.0/8'</c>.</summary>
    Ip,
}
