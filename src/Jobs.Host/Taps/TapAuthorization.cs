using System.Security.Cryptography;
using System.Text;

namespace StreamJobs.Host.Taps;

/// <summary>Checks <c>Authorization: Bearer &lt;token&gt;</c> when a tap token is configured.</summary>
internal static class TapAuthorization
{
    public static bool IsAuthorized(HttpRequest request, string? token)
    {
        if (string.IsNullOrEmpty(token)) return true;
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        // Constant time, so the token cannot be guessed byte by byte from response times.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
