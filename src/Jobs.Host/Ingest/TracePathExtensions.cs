using StreamJobs.Host.Taps;
using StreamJobs.Hosting;
using StreamJobs.SpanBuffer;
using StreamJobs.TailSampler;

namespace StreamJobs.Host.Ingest;

/// <summary>Registers the trace path: span ingest (HTTP) → span-buffer ("traces") → tail-sampler ("sampled-traces").</summary>
internal static class TracePathExtensions
{
    public static StreamJobsBuilder AddTracePath(this StreamJobsBuilder jobs)
    {
        jobs.Services.AddSingleton<IngestMetrics>();
        jobs.Services.AddSingleton<SpanIngestGate>();
        jobs.Services.AddSingleton(SpanRoute.InProcess);
        jobs.Services.AddSingleton<SpanBufferMetrics>();
        jobs.Services.AddSingleton<TailSamplerMetrics>();
        // Taps on traces and sampled-traces read the same property names as mql sampling policies.
        jobs.Services.AddMqlSchema(TraceMqlSchema.Traces).AddMqlSchema(TraceMqlSchema.SampledTraces);
        return jobs.AddJob<SpanIngestJob>("span-ingest").AddJob<SpanBufferJob>("span-buffer").AddJob<TailSamplerJob>("tail-sampler");
    }
}
