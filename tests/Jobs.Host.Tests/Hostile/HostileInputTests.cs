using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StreamJobs.Host.Tests.Support;
using StreamJobs.Tests.Shared;

namespace StreamJobs.Host.Tests.Hostile;

/// <summary>
/// Every endpoint of a running host against hostile input: the corpus of known attacks, generated variants of valid
/// bodies, and garbage datagrams. Each request gets a 4xx with a message (or, for a generated body that happens to be
/// valid, a success), never a 5xx or a dropped connection; the host stays up, within its memory bound, and its jobs
/// keep their rate meanwhile.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class HostileInputTests(HostileHost host) : IClassFixture<HostileHost>
{
    /// <summary>The largest answer a rejected request may get: errors are capped per request, whatever the body holds.</summary>
    private const int MaxErrorResponseBytes = 64 * 1024;

    /// <summary>The host's resident memory bound under this load (the Kubernetes manifest's limit is 1 GiB).</summary>
    private const long MaxResidentBytes = 1L << 30;

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task A_corpus_case_is_answered_4xx_with_a_message(string name)
    {
        var request = HostileCorpus.Build(name);
        var (status, body) = await SendAsync(request);

        Assert.True(status is >= 400 and < 500, $"{name}: expected a 4xx but got {status}: {Truncate(body)}\n{host.Log}");
        // Kestrel answers its own protocol limits (414 URI too long, 431 headers too large) before any endpoint runs;
        // there the status line is the message.
        Assert.True(status is 414 or 431 || !string.IsNullOrWhiteSpace(body), $"{name}: {status} without a message");
        Assert.True(body.Length <= MaxErrorResponseBytes, $"{name}: the answer is {body.Length:N0} bytes");
        await host.AssertAliveAsync(name);
    }

    [Fact]
    public async Task Generated_bodies_on_every_endpoint_never_get_a_5xx_and_jobs_keep_their_rate()
    {
        var baseline = await SpanRateAsync(TimeSpan.FromSeconds(4));
        var mutator = BodyMutator.Create();
        var endpoints = new Random(mutator.Seed);
        var failures = new List<string>();
        int sent = 0;
        long peakResident = 0;
        var samples = new List<double>();

        var watch = Stopwatch.StartNew();
        double last = await host.SpansGeneratedAsync();
        var nextSample = TimeSpan.FromSeconds(1);
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var request = Generate(mutator, endpoints.Next(6));
            var (status, body) = await SendAsync(request);
            sent++;
            if (status >= 500 || status == 0) failures.Add($"{status} for {request.Name} ({request.Body.Length} bytes, seed {mutator.Seed}): {Truncate(body)}");
            else if (status >= 400 && body.Length > MaxErrorResponseBytes) failures.Add($"{request.Name}: a {body.Length:N0}-byte answer (seed {mutator.Seed})");
            peakResident = Math.Max(peakResident, host.Process.ResidentBytes());
            if (watch.Elapsed >= nextSample)
            {
                double now = await host.SpansGeneratedAsync();
                samples.Add(now - last);
                last = now;
                nextSample += TimeSpan.FromSeconds(1);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} generated requests failed:\n" + string.Join("\n", failures.Take(20)) + "\n" + host.Log);
        await host.AssertAliveAsync($"{sent} generated requests");
        Assert.True(peakResident < MaxResidentBytes, $"RSS peaked at {peakResident / (1 << 20)} MiB");
        double during = samples.Average();
        Assert.True(during >= 0.9 * baseline, $"spans/s fell from {baseline:F0} to {during:F0} while {sent} hostile requests ran; per second: {string.Join(", ", samples)}");
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First + p.Second > 0.25 * baseline), $"a stall of 2 s or more: {string.Join(", ", samples)} (baseline {baseline:F0}/s)");
    }

    [Fact]
    public async Task Garbage_datagrams_are_counted_for_what_they_hold_and_the_host_stays_up()
    {
        var before = await host.MetricsAsync();
        var mutator = BodyMutator.Create();
        var datagrams = new List<byte[]> { ValidBodies.DatagramHeader(65_535), ValidBodies.DatagramHeader(3), Array.Empty<byte>(), new byte[] { 0x53, 0x4a, 0x46, 0x4c } };
        var valid = ValidBodies.DatagramHeader(0);
        for (int i = 0; i < 200; i++)
        {
            var datagram = mutator.Mutate([.. valid, .. new byte[88 * 2]]);
            datagrams.Add(datagram[..Math.Min(datagram.Length, 1452)]);
        }

        using var udp = new UdpClient();
        foreach (var datagram in datagrams) await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, host.UdpPort));
        await Task.Delay(1500);

        var after = await host.MetricsAsync();
        double received = Delta("streamjobs_flowingest_datagrams_total", "received");
        double malformedRecords = Delta("streamjobs_flowingest_records_total", "udp_malformed");
        long present = datagrams.Sum(d => Math.Max(1, (d.Length - 16) / 88));
        Assert.True(received >= datagrams.Count / 2, $"only {received} of {datagrams.Count} datagrams were received");
        Assert.True(malformedRecords <= present, $"{malformedRecords} malformed records counted, but the datagrams could hold at most {present}");
        await host.AssertAliveAsync("garbage datagrams");

        double Delta(string metric, string outcome) =>
            MetricsText.Value(after, metric, ("outcome", outcome)) - MetricsText.Value(before, metric, ("outcome", outcome));
    }

    private static HostileRequest Generate(BodyMutator mutator, int endpoint) => endpoint switch
    {
        0 => HostileRequest.Post("mutated zipkin", "/api/v2/spans", "application/json", mutator.Mutate(ValidBodies.Zipkin)),
        1 => HostileRequest.Post("mutated otlp-json", "/v1/traces", "application/json", mutator.Mutate(ValidBodies.OtlpJson)),
        2 => HostileRequest.Post("mutated otlp protobuf", "/v1/traces", "application/x-protobuf", mutator.Mutate(ValidBodies.OtlpProtobuf)),
        3 => HostileRequest.Post("mutated flows", "/api/v1/flows", "application/json", mutator.Mutate(ValidBodies.Flows)),
        4 => HostileRequest.Post("mutated ownership", "/api/v1/ownership", "application/json", mutator.Mutate(ValidBodies.Ownership)),
        _ => HostileRequest.Post("mutated tap query", "/taps/query?duration=300ms", "text/plain", mutator.Mutate(Encoding.UTF8.GetBytes(ValidBodies.TapQuery))),
    };

    private async Task<double> SpanRateAsync(TimeSpan over)
    {
        double start = await host.SpansGeneratedAsync();
        await Task.Delay(over);
        return (await host.SpansGeneratedAsync() - start) / over.TotalSeconds;
    }

    /// <summary>Sends the request; a connection reset or a timeout is status 0 (the host must not hang up on anyone).</summary>
    private async Task<(int Status, string Body)> SendAsync(HostileRequest request)
    {
        using var message = request.ToMessage();
        try
        {
            using var response = await host.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            return ((int)response.StatusCode, await ReadBoundedAsync(response));
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, error.Message);
        }
    }

    /// <summary>Reads at most a little more than the bound, so an amplified answer fails the test instead of the test process.</summary>
    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[MaxErrorResponseBytes + 1];
        int total = 0, read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total))) > 0) total += read;
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
