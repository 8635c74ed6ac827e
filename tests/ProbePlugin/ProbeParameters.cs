namespace ProbePlugin;

/// <summary>The probe job takes no settings.</summary>
public sealed class ProbeParameters
{
}
