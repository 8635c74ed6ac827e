using System.IO.Compression;
using System.Net.Http.Headers;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>One request a hostile or broken client could send; <see cref="Name"/> says what it tries.</summary>
public sealed record HostileRequest(string Name, HttpMethod Method, string Path, string? ContentType, byte[] Body, bool Gzip = false)
{
    public static HostileRequest Post(string name, string path, string contentType, byte[] body, bool gzip = false) =>
        new(name, HttpMethod.Post, path, contentType, gzip ? Compress(body) : body, gzip);

    public static HostileRequest Get(string name, string pathAndQuery) => new(name, HttpMethod.Get, pathAndQuery, null, []);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Method == HttpMethod.Post)
        {
            var content = new ByteArrayContent(Body);
            if (ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            if (Gzip) content.Headers.ContentEncoding.Add("gzip");
            message.Content = content;
        }
        return message;
    }

    public static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(body);
        return output.ToArray();
    }

    /// <summary>xunit shows this in the test name.</summary>
    public override string ToString() => Name;
}
