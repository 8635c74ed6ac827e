namespace StreamJobs.Mql.Tests.Support;

public sealed record TestResource(string Region, int Replicas, double? Load);
