namespace StreamJobs.Cassandra.Protocol;

/// <summary>Maps an ERROR body to the exception the caller sees, keeping the server's message.</summary>
internal static class ErrorDecoder
{
    public static DriverException Decode(ref FrameReader r)
    {
        var code = (ErrorCode)r.ReadInt();
        string message = r.ReadString();
        int c = (int)code;
        switch (code)
        {
            case ErrorCode.SyntaxError: return new SyntaxErrorException(c, message);
            case ErrorCode.Invalid or ErrorCode.ConfigError: return new InvalidQueryException(c, message);
            case ErrorCode.Unauthorized or ErrorCode.BadCredentials: return new UnauthorizedException(c, message);
            case ErrorCode.Overloaded: return new OverloadedException(c, message);
            case ErrorCode.ProtocolError: return new ProtocolErrorException(c, message);
            case ErrorCode.AlreadyExists:
                string ks = r.ReadString();
                return new AlreadyExistsException(message, ks, r.ReadString());
            case ErrorCode.Unprepared:
                return new UnpreparedException(message, r.ReadShortBytes().ToArray());
            case ErrorCode.Unavailable:
                var cl = (ConsistencyLevel)r.ReadShort();
                int required = r.ReadInt();
                return new UnavailableException(message, cl, required, r.ReadInt());
            case ErrorCode.WriteTimeout:
                var wcl = (ConsistencyLevel)r.ReadShort();
                int received = r.ReadInt();
                return new WriteTimeoutException(message, wcl, received, r.ReadInt());
            case ErrorCode.ReadTimeout:
                var rcl = (ConsistencyLevel)r.ReadShort();
                int got = r.ReadInt();
                return new ReadTimeoutException(message, rcl, got, r.ReadInt());
            default:
                return new ServerErrorException(c, $"{message} (error 0x{c:x4})");
        }
    }
}
