namespace StreamJobs.Jobs;

/// <summary>One job parameter, as <c>streamjobs jobs</c> lists it.</summary>
/// <param name="Name">The configuration key under the job's section.</param>
/// <param name="Type">A readable type name.</param>
/// <param name="Default">The default value, as text.</param>
/// <param name="Description">What it does.</param>
/// <param name="Allowed">The allowed values or range, if restricted.</param>
public sealed record JobParameterDescriptor(string Name, string Type, string? Default, string Description, string? Allowed);
