namespace StreamJobs.Mql.Ast;

/// <summary>Binary comparison operators.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
}
