namespace StreamJobs.Mql.Syntax;

/// <summary>Token kinds; keywords are recognised case-insensitively by the tokenizer.</summary>
internal enum MqlTokenKind
{
    End,
    Identifier,
    Number,
    String,
    Regex,

    // Keywords.
    Select,
    From,
    Where,
    Window,
    Group,
    By,
    Having,
    Order,
    Asc,
    Desc,
    Limit,
    Sample,
    As,
    And,
    Or,
    Not,
    In,
    Distinct,
    Null,
    True,
    False,

    // Punctuation and operators.
    Star,
    Comma,
    Dot,
    Colon,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    RegexMatch,
    Contains,
}
