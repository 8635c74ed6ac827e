namespace StreamJobs.Mql.Tests.Support;

public enum TestKind
{
    Server,
    Client,
}
